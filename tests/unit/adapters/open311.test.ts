import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lenientJsonParse } from '../../../src/hub/adapters/open311/lenientJson.ts';
import { createOpen311Poller } from '../../../src/hub/adapters/open311/poller.ts';
import { reportDraft, reportIdFor, slaPolicy } from '../../../src/hub/adapters/open311/requests.ts';
import { ingestOpen311 } from '../../../src/hub/adapters/open311/route.ts';
import { reportData } from '../../../src/shared/protocol/eventData.ts';
import { FakeSink } from './fakeSink.ts';

const text = (name: string): string =>
  readFileSync(new URL(`./fixtures/open311/${name}`, import.meta.url), 'utf8');
function json(name: string): unknown {
  const r = lenientJsonParse(text(name));
  if (!r.ok) throw new Error(r.reason);
  return r.value;
}
const sla = slaPolicy({ defaultHours: '48', perService: '012=24' });

describe('lenient JSON', () => {
  it('keeps leading-zero numbers and over-long ids as strings, leaves the rest alone', () => {
    expect(
      lenientJsonParse('{"service_code":001,"id":12345678901234567890,"n":-0.5,"m":10,"e":1e3}'),
    ).toEqual({
      ok: true,
      value: { service_code: '001', id: '12345678901234567890', n: -0.5, m: 10, e: 1000 },
    });
  });

  it('never touches text inside strings, escapes included', () => {
    expect(lenientJsonParse('{"a":"x\\" 007 ","b":[007]}')).toEqual({
      ok: true,
      value: { a: 'x" 007 ', b: ['007'] },
    });
  });

  it('still refuses broken JSON with a reason', () => {
    expect(lenientJsonParse('{"a":')).toMatchObject({
      ok: false,
      reason: expect.stringContaining('invalid JSON'),
    });
  });
});

describe('Open311 service requests', () => {
  it('normalises numeric and zero-padded ids to strings and maps onto reportData', () => {
    const [first, second] = json('requests-numeric-ids.json') as unknown[];
    const a = reportDraft(first, { sla, latest: () => undefined });
    if (!('draft' in a)) throw new Error(a.reason);
    expect(a.draft.id).toBe('report:open311:704211');
    expect(a.draft.type).toBe('report.created');
    expect(a.draft.data).toMatchObject({
      category: 'Đèn đường hỏng',
      status: 'open',
      position: [106.7618, 21.8531],
      slaDeadline: Date.parse('2026-07-15T00:40:00Z'),
      externalId: '704211',
      attrs: { service_code: '007', agency_responsible: 'Công ty Điện chiếu sáng', zipcode: 25000 },
    });
    expect(reportData.safeParse(a.draft.data).success).toBe(true);

    const b = reportDraft(second, {
      sla,
      latest: () => undefined,
      serviceNames: new Map([['012', 'Rác thải chưa thu gom']]),
    });
    if (!('draft' in b)) throw new Error(b.reason);
    expect(b.draft.id).toBe(reportIdFor('00982'));
    // No expected_datetime: requested + the per-service SLA (24 h for 012); name from services.json.
    expect(b.draft.data).toMatchObject({
      status: 'closed',
      statusNotes: 'Đã thu gom.',
      title: 'Rác thải chưa thu gom',
      position: [106.759, 21.8476],
      slaDeadline: Date.parse('2026-07-13T02:00:00Z') + 24 * 3_600_000,
      updatedAt: Date.parse('2026-07-13T08:30:00Z'),
    });
  });

  it('refuses a request without coordinates or with an unknown status, with the reason', () => {
    expect(
      reportDraft(
        { service_request_id: 1, status: 'open', requested_datetime: '2026-01-01T00:00:00Z' },
        { sla, latest: () => undefined },
      ),
    ).toMatchObject({
      reason: expect.stringContaining('lat'),
    });
    expect(
      reportDraft(
        {
          service_request_id: 1,
          status: 'weird',
          requested_datetime: '2026-01-01T00:00:00Z',
          lat: 1,
          long: 1,
        },
        { sla, latest: () => undefined },
      ),
    ).toMatchObject({ reason: 'unknown status "weird"' });
  });

  it('creates, then updates on a status change, and marks an unchanged resend as a duplicate', () => {
    const sink = new FakeSink();
    const requests = json('requests-numeric-ids.json') as Record<string, unknown>[];
    expect(ingestOpen311(sink, 'open311', requests, sla)).toMatchObject({ accepted: 2 });
    expect(ingestOpen311(sink, 'open311', requests, sla)).toMatchObject({ accepted: 0, duplicates: 2 });
    const closed = {
      ...requests[0],
      status: 'closed',
      status_notes: 'Đã thay bóng',
      updated_datetime: '2026-07-14T10:00:00+07:00',
    };
    expect(ingestOpen311(sink, 'open311', closed, sla)).toMatchObject({ accepted: 1 });
    expect(sink.latest('reports', 'report:open311:704211')).toMatchObject({
      type: 'report.updated',
      data: { status: 'closed', statusNotes: 'Đã thay bóng' },
    });
    expect(ingestOpen311(sink, 'open311', closed, sla)).toMatchObject({ accepted: 0, duplicates: 1 });
    expect(sink.log).toHaveLength(3);
  });
});

describe('Open311 poller', () => {
  let server: Server;
  let base = '';
  const queries: string[] = [];
  let requestsBody = text('requests-numeric-ids.json');

  beforeAll(async () => {
    server = createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://x');
      if (url.pathname === '/georeport/v2/services.json') {
        res.writeHead(200, { 'content-type': 'application/json' }).end(text('services.json'));
      } else if (url.pathname === '/georeport/v2/requests.json') {
        queries.push(url.search);
        res
          .writeHead(200, { 'content-type': 'application/json' })
          .end(url.search === '' ? requestsBody : '[]');
      } else {
        res.writeHead(404).end();
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/georeport/v2`;
  });

  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('polls services and requests, then asks only for what changed since the last poll', async () => {
    const sink = new FakeSink();
    let clock = Date.parse('2026-07-14T03:00:00Z');
    const poller = createOpen311Poller(
      base,
      sink,
      sla,
      () => undefined,
      () => clock,
    );
    const first = await poller.pollOnce();
    expect(first).toMatchObject({ accepted: 2, rejected: 0 });
    expect(queries.at(-1)).toBe('');
    const source = `open311:${new URL(base).host}`;
    expect(sink.log.every((e) => e.source === source)).toBe(true);
    // The second request had no service_name: it is named from services.json.
    expect(sink.latest('reports', reportIdFor('00982'))).toMatchObject({
      data: { title: 'Rác thải chưa thu gom' },
    });

    clock += 60_000;
    const second = await poller.pollOnce();
    poller.stop();
    expect(second).toMatchObject({ accepted: 0 });
    expect(queries.slice(-2)).toEqual([
      '?start_date=2026-07-14T02%3A59%3A00Z',
      '?updated_after=2026-07-14T02%3A59%3A00Z',
    ]);
  });

  it('counts a broken endpoint answer as a rejection and keeps going', async () => {
    requestsBody = '{"service_request_id": ';
    const sink = new FakeSink();
    const poller = createOpen311Poller(base, sink, sla, () => undefined);
    expect(await poller.pollOnce()).toEqual({ reason: expect.stringContaining('invalid JSON') });
    poller.stop();
    expect([...sink.sources.values()][0]?.rejected).toHaveLength(1);
    requestsBody = text('requests-numeric-ids.json');
  });
});
