import { afterEach, describe, expect, it, vi } from 'vitest';
import { FeedClient } from '../../../src/main/feed/feedClient.ts';
import { openStore } from '../../../src/main/store/store.ts';
import { speedEnvelopes } from './support/drafts.ts';
import { startFakeHub, type FakeHub } from './support/fakeHub.ts';
import { useTempDirs } from './support/tempDir.ts';
import { waitFor } from './support/waitFor.ts';

const tempDir = useTempDirs();
const closers: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of closers.splice(0).reverse()) await c();
});

async function setup(): Promise<{ hub: FakeHub; feed: FeedClient; store: ReturnType<typeof openStore> }> {
  const hub = await startFakeHub();
  closers.push(() => hub.close());
  const store = openStore(tempDir(), () => {});
  closers.push(() => store.close());
  const feed = new FeedClient({ hubUrl: hub.url, cache: store.cache, streams: ['traffic'], authToken: 'station-1' });
  closers.push(() => feed.close());
  feed.start();
  await waitFor('live', () => feed.health().overall === 'live');
  return { hub, feed, store };
}

describe('FeedClient against a scripted hub', () => {
  it('rejects bad envelopes one by one, counts them by reason, and keeps the rest', async () => {
    const { hub, feed, store } = await setup();
    expect(hub.auths).toEqual([{ token: 'station-1' }]);
    const [one, two] = speedEnvelopes('traffic', 1, 2);
    hub.socket()?.emit('events', [
      one,
      { garbage: true },
      { ...two, type: 'segment.teleported' },
      { ...two, data: { speedKmh: -5, freeFlowKmh: 60, congestion: 0.2 } },
      { ...two, stream: 'security' },
      JSON.parse('{"__proto__": {"polluted": true}, "stream": "traffic"}'),
      { ...two, id: 'x'.repeat(1000) },
      two,
    ]);
    hub.socket()?.emit('events', 'not an array');
    hub.socket()?.emit('snapshot', { stream: 'traffic', entities: 'nope' });
    await waitFor('rejections counted', () => feed.health().rejected.total === 8);
    await waitFor('two buffered', () => feed.stats.received === 2);
    await feed.flush();
    expect(store.cache.eventSeqs('traffic', 'E')).toEqual([1, 2]);
    const reasons = Object.keys(feed.health().rejected.byReason).join('\n');
    expect(reasons).toMatch(/unknown event type/);
    expect(reasons).toMatch(/events message is not an array/);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('resubscribes from the last seq held when a seq is skipped, and ends contiguous', async () => {
    const { hub, feed, store } = await setup();
    const events = speedEnvelopes('traffic', 1, 6);
    hub.answer = () => ({ ok: true, epoch: 'E', serverTime: Date.now(), streams: { traffic: { mode: 'replay', firstSeq: 1, lastSeq: 6 } } });
    hub.socket()?.emit('events', events.slice(0, 2));
    hub.socket()?.emit('events', events.slice(4));
    await waitFor('resubscribed', () => hub.subscribes.length === 2);
    expect(hub.subscribes[1]).toMatchObject({ streams: ['traffic'], since: { traffic: 2 }, epoch: 'E' });
    hub.socket()?.emit('events', events.slice(2));
    await waitFor('caught up', () => (void feed.flush(), store.cache.positions().get('traffic')?.lastSeq === 6));
    expect(store.cache.eventSeqs('traffic', 'E')).toEqual([1, 2, 3, 4, 5, 6]);
    expect(feed.stats.gaps).toBe(1);
  });

  it('shows backfill progress from the ack until the replay reaches its last seq', async () => {
    const { hub, feed } = await setup();
    hub.answer = () => ({ ok: true, epoch: 'E', serverTime: Date.now(), streams: { traffic: { mode: 'replay', firstSeq: 1, lastSeq: 10 } } });
    hub.socket()?.disconnect(true);
    await waitFor('resubscribed', () => hub.subscribes.length === 2 && feed.health().overall === 'live', 10_000);
    expect(feed.health().streams.traffic?.backfill).toEqual({ done: 0, total: 10 });
    hub.socket()?.emit('events', speedEnvelopes('traffic', 1, 4));
    await waitFor('progress', () => feed.health().streams.traffic?.backfill?.done === 4);
    hub.socket()?.emit('events', speedEnvelopes('traffic', 5, 6));
    await waitFor('done', () => feed.health().streams.traffic?.backfill === null);
  });

  it('groups commits while a replay catches up, and commits at once when it reaches the head', async () => {
    const hub = await startFakeHub();
    closers.push(() => hub.close());
    const store = openStore(tempDir(), () => {});
    closers.push(() => store.close());
    let clock = Date.now();
    const feed = new FeedClient({ hubUrl: hub.url, cache: store.cache, streams: ['traffic'], backfillCommitMs: 1000, now: () => clock });
    closers.push(() => feed.close());
    hub.answer = () => ({ ok: true, epoch: 'E', serverTime: Date.now(), streams: { traffic: { mode: 'replay', firstSeq: 1, lastSeq: 10 } } });
    feed.start();
    await waitFor('subscribed', () => feed.health().streams.traffic?.backfill?.total === 10);
    await feed.tick(); // the subscribe's own commit of the new epoch
    hub.socket()?.emit('events', speedEnvelopes('traffic', 1, 4));
    await waitFor('received', () => feed.stats.received === 4);
    expect(await feed.tick()).toBeNull();
    expect(store.cache.positions().get('traffic')?.lastSeq ?? 0).toBe(0);
    clock += 1000;
    expect((await feed.tick())?.eventsWritten).toBe(4);
    expect(store.cache.positions().get('traffic')?.lastSeq).toBe(4);
    // The replay reaches its last seq: committed without waiting for a tick.
    hub.socket()?.emit('events', speedEnvelopes('traffic', 5, 6));
    await waitFor('caught up', () => store.cache.positions().get('traffic')?.lastSeq === 10);
    expect(store.cache.eventSeqs('traffic', 'E')).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });
});

describe('FeedClient frame cap', () => {
  it('drops a connection that sends an oversized frame, and comes back', async () => {
    const { hub, feed } = await setup();
    const before = hub.subscribes.length;
    hub.socket()?.emit('events', ['x'.repeat(17 * 1024 * 1024)]);
    await waitFor('reconnected', () => hub.subscribes.length > before && feed.health().overall === 'live', 15_000);
    expect(feed.health().streams.traffic?.reconnects).toBeGreaterThanOrEqual(1);
  });
});

describe('FeedClient commit failure', () => {
  it('refetches from the persisted seq when a commit fails, and never skips the failed range', async () => {
    const { hub, feed, store } = await setup();
    vi.spyOn(store.cache, 'writeTick').mockImplementationOnce(() => {
      throw new Error('disk I/O error');
    });
    hub.socket()?.emit('events', speedEnvelopes('traffic', 1, 3));
    await waitFor('buffered', () => feed.stats.received === 3);
    expect(await feed.flush()).toBeNull();
    expect(feed.stats.commitFailures).toBe(1);
    await waitFor('resubscribed', () => hub.subscribes.length === 2 && feed.health().overall === 'live', 10_000);
    expect(hub.subscribes[1]).toMatchObject({ since: {} });
    hub.socket()?.emit('events', speedEnvelopes('traffic', 1, 3));
    await waitFor('committed', () => (void feed.flush(), store.cache.positions().get('traffic')?.lastSeq === 3));
    expect(store.cache.eventSeqs('traffic', 'E')).toEqual([1, 2, 3]);
  });
});
