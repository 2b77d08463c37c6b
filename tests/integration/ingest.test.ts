// The real-source adapters through the real hub: HTTP in, envelopes out on the socket.io feed.
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { capAlertId } from '../../src/hub/adapters/cap/drafts.ts';
import type { Hub } from '../../src/hub/server.ts';
import type { Envelope } from '../../src/shared/protocol/envelope.ts';
import type { StreamName } from '../../src/shared/protocol/streams.ts';
import { FeedClient, startHub, tempDir } from '../unit/hub/harness.ts';

const fixtures = new URL('../unit/adapters/fixtures/', import.meta.url);
const bytes = (path: string): Buffer => readFileSync(new URL(path, fixtures));
const SENDER = 'kttv@langson.example.vn';

let hub: Hub;
let client: FeedClient;
let cleanup: () => void;

async function open(adapterOptions: Record<string, string> = {}): Promise<void> {
  const tmp = tempDir();
  cleanup = tmp.cleanup;
  hub = await startHub({ dir: tmp.dir, adapterOptions });
  client = await FeedClient.connect(hub.url);
  const streams: StreamName[] = ['alerts', 'traffic', 'environment', 'security', 'reports'];
  await client.subscribe({
    streams,
    since: Object.fromEntries(streams.map((s) => [s, 0])),
    epoch: hub.epoch,
  });
}

async function close(): Promise<void> {
  client.close();
  await hub.close();
  cleanup();
}

function post(path: string, body: string | Buffer, type: string): Promise<Response> {
  return fetch(`${hub.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': type },
    body: typeof body === 'string' ? body : new Uint8Array(body),
  });
}

type Answer = { accepted: number; duplicates: number; rejected: number; reasons: string[]; error?: string };
async function answer(res: Response): Promise<Answer> {
  return (await res.json()) as Answer;
}

function events(stream: StreamName): Envelope[] {
  return client.events.get(stream) ?? [];
}

function find(stream: StreamName, type: string, id: string): Envelope | undefined {
  return events(stream).find((e) => e.type === type && e.id === id);
}

async function arrived(stream: StreamName, type: string, id: string): Promise<Envelope> {
  await client.waitFor(() => find(stream, type, id) !== undefined, `${type} ${id}`);
  const e = find(stream, type, id);
  if (!e) throw new Error('unreachable');
  return e;
}

describe('POST /ingest/cap through the hub', () => {
  beforeEach(() => open());
  afterEach(() => close());

  it('an Alert appears on the alerts stream; an Update replaces it and a Cancel removes it', async () => {
    const first = await post('/ingest/cap', bytes('cap/alert-vi-en.xml'), 'application/cap+xml');
    expect(first.status).toBe(200);
    expect(await answer(first)).toMatchObject({ accepted: 1, rejected: 0 });
    const oldId = capAlertId(SENDER, 'LS-KTTV-2026-0042');
    const issued = await arrived('alerts', 'alert.issued', oldId);
    expect(issued.source).toBe('cap');
    expect(issued.data).toMatchObject({
      severity: 'Severe',
      infos: [{ language: 'vi-VN' }, { language: 'en-US' }],
    });

    const update = await post('/ingest/cap', bytes('cap/update.xml'), 'text/xml; charset=utf-8');
    expect(await answer(update)).toMatchObject({ accepted: 2 });
    const newId = capAlertId(SENDER, 'LS-KTTV-2026-0043');
    await arrived('alerts', 'alert.removed', oldId);
    expect((await arrived('alerts', 'alert.issued', newId)).data).toMatchObject({
      msgType: 'Update',
      severity: 'Extreme',
    });

    const cancel = await post('/ingest/cap', bytes('cap/cancel.xml'), 'application/xml');
    expect(await answer(cancel)).toMatchObject({ accepted: 1 });
    await arrived('alerts', 'alert.removed', newId);
    expect(hub.sink.latest('alerts', newId)).toBeUndefined();
    expect(client.violations).toEqual([]);
  });

  it('the same alert twice is one event, the second answer marks it a duplicate', async () => {
    await post('/ingest/cap', bytes('cap/prefixed.xml'), 'application/cap+xml');
    const again = await post('/ingest/cap', bytes('cap/prefixed.xml'), 'application/cap+xml');
    expect(again.status).toBe(200);
    const body = (await again.json()) as { duplicates: number; items: { results: { status: string }[] }[] };
    expect(body.duplicates).toBe(1);
    expect(body.items[0]?.results[0]?.status).toBe('duplicate');
    await arrived('alerts', 'alert.issued', capAlertId('pccc@langson.example.vn', 'LS-PCCC-7781'));
    expect(hub.health().streams.alerts.lastSeq).toBe(1);
  });

  it('refuses bad payloads with 4xx and a reason, keeps serving, and counts them at /healthz', async () => {
    const wrongType = await post('/ingest/cap', bytes('cap/alert-vi-en.xml'), 'application/json');
    expect(wrongType.status).toBe(415);
    const tooBig = await post('/ingest/cap', Buffer.alloc(1024 * 1024 + 1, 0x20), 'application/xml');
    expect(tooBig.status).toBe(413);
    const invalid = await post('/ingest/cap', bytes('cap/invalid.xml'), 'application/xml');
    expect(invalid.status).toBe(400);
    expect((await answer(invalid)).error).toMatch(/^invalid XML at line \d+/);
    const doctype = await post('/ingest/cap', bytes('cap/doctype.xml'), 'application/xml');
    expect(doctype.status).toBe(400);
    expect((await answer(doctype)).error).toContain('DOCTYPE');
    const wrongNs = await post('/ingest/cap', bytes('cap/wrong-namespace.xml'), 'application/xml');
    expect(wrongNs.status).toBe(400);
    expect((await answer(wrongNs)).reasons[0]).toContain('namespace');

    const good = await post('/ingest/cap', bytes('cap/latin1.xml'), 'application/cap+xml');
    expect(good.status).toBe(200);
    const e = await arrived('alerts', 'alert.issued', capAlertId('quake@example.org', 'USGS-TEST-latin1'));
    expect(e.data).toMatchObject({ infos: [{ headline: 'EQ 4.6 Usulután, El Salvador' }] });

    const health = (await (await fetch(`${hub.url}/healthz`)).json()) as {
      sources: Record<string, { accepted: number; rejected: number; reasons: Record<string, number> }>;
    };
    expect(health.sources['cap']).toMatchObject({ accepted: 1, rejected: 5 });
    expect(Object.keys(health.sources['cap']?.reasons ?? {})).toEqual(
      expect.arrayContaining([
        expect.stringContaining('unsupported content type'),
        expect.stringContaining('larger than'),
        expect.stringContaining('DOCTYPE'),
      ]),
    );
  });
});

describe('POST /ingest/ngsi-ld through the hub', () => {
  beforeEach(() => open());
  afterEach(() => close());

  it('a notification lands on each type’s stream with the ngsi-ld source label', async () => {
    const res = await post('/ingest/ngsi-ld', bytes('ngsi/notification-mixed.json'), 'application/json');
    expect(res.status).toBe(200);
    expect(await answer(res)).toMatchObject({ accepted: 9, rejected: 0 });
    expect((await arrived('environment', 'sensor.reading', 'air:ls-air-kylua')).data).toMatchObject({
      kind: 'air',
      aqi: 104,
    });
    expect((await arrived('security', 'camera.status', 'camera:ls-017')).data).toMatchObject({
      status: 'offline',
    });
    expect((await arrived('traffic', 'parking.status', 'parking:ls-parking-chodongkinh')).source).toBe(
      'ngsi-ld',
    );
    await arrived('environment', 'weather.observed', 'weather:ls-kttv');
    await arrived('traffic', 'road.status', 'road:ls-ql1a-12');
  });

  it('normalized then concise of one entity (ld+json) is one event; bad input is a 400 with reasons', async () => {
    const a = await post(
      '/ingest/ngsi-ld',
      bytes('ngsi/traffic-flow.normalized.jsonld'),
      'application/ld+json',
    );
    expect(await answer(a)).toMatchObject({ accepted: 1 });
    const b = await post('/ingest/ngsi-ld', bytes('ngsi/traffic-flow.concise.jsonld'), 'application/ld+json');
    expect(b.status).toBe(200);
    expect(await answer(b)).toMatchObject({ accepted: 0, duplicates: 1 });
    await arrived('traffic', 'flow.observed', 'flow:ls-ql1a-km12-lane1');

    const broken = await post('/ingest/ngsi-ld', '{"id": ', 'application/json');
    expect(broken.status).toBe(400);
    expect((await answer(broken)).error).toContain('invalid JSON');
    const unsupported = await post(
      '/ingest/ngsi-ld',
      JSON.stringify([{ id: 'urn:ngsi-ld:Building:1', type: 'Building' }]),
      'application/json',
    );
    expect(unsupported.status).toBe(400);
    expect((await answer(unsupported)).reasons[0]).toContain('unsupported NGSI-LD type');
    expect((await post('/ingest/ngsi-ld', '{}', 'text/plain')).status).toBe(415);

    const after = await post('/ingest/ngsi-ld', bytes('ngsi/noise.concise.jsonld'), 'application/json');
    expect(after.status).toBe(200);
    await arrived('environment', 'sensor.reading', 'noise:ls-noise-dongkinh');
    expect(hub.health().sources['ngsi-ld']).toMatchObject({ accepted: 2, duplicates: 1, rejected: 3 });
  });
});

describe('POST /ingest/open311 through the hub', () => {
  beforeEach(() => open({ 'open311-sla-hours': '48' }));
  afterEach(() => close());

  it('takes GeoReport requests with numeric and zero-padded ids onto the reports stream', async () => {
    const res = await post('/ingest/open311', bytes('open311/requests-numeric-ids.json'), 'application/json');
    expect(res.status).toBe(200);
    expect(await answer(res)).toMatchObject({ accepted: 2 });
    const light = await arrived('reports', 'report.created', 'report:open311:704211');
    expect(light).toMatchObject({ source: 'open311', data: { status: 'open', externalId: '704211' } });
    const waste = await arrived('reports', 'report.created', 'report:open311:00982');
    // No expected_datetime: requested_datetime + the default SLA of 48 h from the adapter options.
    expect(waste.data).toMatchObject({
      status: 'closed',
      slaDeadline: Date.parse('2026-07-13T02:00:00Z') + 48 * 3_600_000,
    });

    const update = {
      service_request_id: 704211,
      status: 'closed',
      status_notes: 'Đã thay bóng',
      service_name: 'Đèn đường hỏng',
      requested_datetime: '2026-07-14T07:40:00+07:00',
      updated_datetime: '2026-07-14T11:00:00+07:00',
      lat: 21.8531,
      long: 106.7618,
    };
    expect(
      await answer(await post('/ingest/open311', JSON.stringify(update), 'application/json')),
    ).toMatchObject({ accepted: 1 });
    expect((await arrived('reports', 'report.updated', 'report:open311:704211')).data).toMatchObject({
      status: 'closed',
      statusNotes: 'Đã thay bóng',
    });

    const bad = await post(
      '/ingest/open311',
      JSON.stringify({ service_request_id: 5, status: 'open' }),
      'application/json',
    );
    expect(bad.status).toBe(400);
    expect((await answer(bad)).reasons[0]).toContain('invalid service request');
  });
});

describe('pollers through the hub', () => {
  let server: Server;
  let base = '';

  beforeAll(async () => {
    server = createServer((req, res) => {
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      if (path === '/feed.atom') {
        res.writeHead(200, { 'content-type': 'application/atom+xml' }).end(
          `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><id>f</id><title>t</title><updated>2026-07-14T00:00:00Z</updated>
<entry><id>e1</id><title>x</title><updated>2026-07-14T00:00:00Z</updated><link type="application/cap+xml" href="/cap.xml"/></entry></feed>`,
        );
      } else if (path === '/cap.xml') {
        res.writeHead(200, { 'content-type': 'application/cap+xml' }).end(bytes('cap/signed.xml'));
      } else if (path === '/v2/services.json') {
        res.writeHead(200, { 'content-type': 'application/json' }).end(bytes('open311/services.json'));
      } else if (path === '/v2/requests.json') {
        res
          .writeHead(200, { 'content-type': 'application/json' })
          .end(bytes('open311/requests-numeric-ids.json'));
      } else res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  afterEach(() => close());

  it('--cap-feed and --open311 bring their events onto the feed, labelled with the host', async () => {
    await open({
      'cap-feed': `${base}/feed.atom`,
      'cap-feed-every': '3600',
      open311: `${base}/v2`,
      'open311-every': '3600',
    });
    const host = new URL(base).host;
    const alert = await arrived('alerts', 'alert.issued', capAlertId(SENDER, 'LS-SIGNED-1'));
    expect(alert.source).toBe(`cap:${host}`);
    const report = await arrived('reports', 'report.created', 'report:open311:00982');
    expect(report).toMatchObject({ source: `open311:${host}`, data: { title: 'Rác thải chưa thu gom' } });
  });
});
