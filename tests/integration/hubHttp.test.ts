import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Hub } from '../../src/hub/server.ts';
import { catalogAckSchema, FEED_EVENTS } from '../../src/shared/protocol/messages.ts';
import { STREAMS } from '../../src/shared/protocol/streams.ts';
import { alarmDraft, draftFor, speedDraft } from '../unit/hub/fixtures.ts';
import { FeedClient, startHub, tempDir } from '../unit/hub/harness.ts';

let hub: Hub;
let cleanup: () => void;

beforeEach(async () => {
  const tmp = tempDir();
  cleanup = tmp.cleanup;
  hub = await startHub({ dir: tmp.dir, clock: () => 1_764_000_000_000 });
});
afterEach(async () => {
  await hub.close();
  cleanup();
});

describe('hub HTTP', () => {
  it('GET /healthz gives epoch, server time, every stream range and source counters', async () => {
    hub.append([speedDraft(1), speedDraft(2), draftFor('units', 1)]);
    hub.sink.recordSource('cap', { accepted: 2, duplicates: 1, rejected: ['invalid XML', 'invalid XML'] });
    const res = await fetch(`${hub.url}/healthz`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toMatchObject({
      epoch: hub.epoch,
      serverTime: 1_764_000_000_000,
      streams: { traffic: { firstSeq: 1, lastSeq: 2 }, units: { firstSeq: 1, lastSeq: 1 }, alerts: { firstSeq: 0, lastSeq: 0 } },
      sources: { cap: { accepted: 2, duplicates: 1, rejected: 2, reasons: { 'invalid XML': 2 } } },
    });
    expect(Object.keys(body.streams as object).sort()).toEqual([...STREAMS].sort());
  });

  it('answers unknown routes with a JSON 404 and wrong methods with 405', async () => {
    const missing = await fetch(`${hub.url}/nope`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ error: { code: 'not_found' } });
    const wrong = await fetch(`${hub.url}/healthz`, { method: 'POST', body: '{}' });
    expect(wrong.status).toBe(405);
  });

  it('routes registered handlers and turns a failing handler into a JSON 500', async () => {
    hub.route('POST', '/ingest/test', (_req, res) => {
      res.writeHead(202).end('ok');
    });
    hub.route('GET', '/boom', async () => {
      throw new Error('handler bug');
    });
    expect((await fetch(`${hub.url}/ingest/test`, { method: 'POST', body: 'x' })).status).toBe(202);
    const boom = await fetch(`${hub.url}/boom`);
    expect(boom.status).toBe(500);
    expect(await boom.json()).toEqual({ error: { code: 'internal', message: 'internal error' } });
    expect((await fetch(`${hub.url}/healthz`)).status).toBe(200);
  });
});

describe('hub ingest sink', () => {
  it('appends valid drafts, marks duplicates of the latest state, rejects invalid ones, and broadcasts', async () => {
    const client = await FeedClient.connect(hub.url);
    await client.subscribe({ streams: ['traffic', 'security'], since: { traffic: 0, security: 0 }, epoch: hub.epoch });
    const invalid = { type: 'segment.speed', id: 'segment:bad', data: { speedKmh: -1, freeFlowKmh: 50, congestion: 0.1 } };
    const results = hub.sink.ingest('ngsi-ld', [
      speedDraft(1, 'segment:a'),
      speedDraft(1, 'segment:a'),
      invalid as never,
      alarmDraft(1, 'alarm:x'),
    ]);
    expect(results).toEqual([
      { status: 'accepted', id: 'segment:a', stream: 'traffic', seq: 1 },
      { status: 'duplicate', id: 'segment:a', stream: 'traffic' },
      { status: 'rejected', id: 'segment:bad', reason: expect.stringContaining('speedKmh') },
      { status: 'accepted', id: 'alarm:x', stream: 'security', seq: 1 },
    ]);
    // The same payload again, with keys in another order, is one event; a changed one is new.
    const reordered = { type: 'segment.speed', id: 'segment:a', data: { congestion: 0.1, freeFlowKmh: 60, speedKmh: 21 } } as const;
    expect(hub.sink.ingest('ngsi-ld', [reordered])).toEqual([{ status: 'duplicate', id: 'segment:a', stream: 'traffic' }]);
    expect(hub.sink.ingest('ngsi-ld', [speedDraft(2, 'segment:a')])[0]).toMatchObject({ status: 'accepted', seq: 2 });
    // A removal counts once: the second finds nothing to remove.
    const removal = { type: 'alarm.removed', id: 'alarm:x', data: {} } as const;
    expect(hub.sink.ingest('cap', [removal, removal]).map((r) => r.status)).toEqual(['accepted', 'duplicate']);
    expect(hub.sink.latest('security', 'alarm:x')).toBeUndefined();
    expect(hub.sink.latest('traffic', 'segment:a')).toMatchObject({ seq: 2, source: 'ngsi-ld' });
    await client.waitFor(() => client.lastSeq('traffic') === 2 && client.lastSeq('security') === 2, 'ingested events');
    expect(client.events.get('traffic')?.every((e) => e.source === 'ngsi-ld')).toBe(true);
    expect(client.violations).toEqual([]);
    client.close();
  });
});

describe('hub catalog', () => {
  it('pages a kind with cursors until nextCursor is null', async () => {
    const client = await FeedClient.connect(hub.url);
    const ids: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const answer = catalogAckSchema.parse(await client.request(FEED_EVENTS.catalog, { kind: 'segment', cursor, limit: 10 }));
      if (!answer.ok) throw new Error(answer.error.message);
      expect(answer.total).toBe(25);
      ids.push(...answer.items.map((item) => item.id));
      cursor = answer.nextCursor;
      pages += 1;
    } while (cursor !== null);
    expect(pages).toBe(3);
    expect(new Set(ids).size).toBe(25);
    const empty = catalogAckSchema.parse(await client.request(FEED_EVENTS.catalog, { kind: 'riverGauge' }));
    expect(empty).toEqual({ ok: true, kind: 'riverGauge', items: [], nextCursor: null, total: 0 });
    client.close();
  });
});
