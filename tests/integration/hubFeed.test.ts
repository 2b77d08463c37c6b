import { afterEach, describe, expect, it } from 'vitest';
import type { Hub } from '../../src/hub/server.ts';
import { catalogAckSchema, FEED_EVENTS } from '../../src/shared/protocol/messages.ts';
import { STREAMS, type StreamName } from '../../src/shared/protocol/streams.ts';
import { draftFor, speedDraft, testCity } from '../unit/hub/fixtures.ts';
import { FeedClient, startHub, tempDir } from '../unit/hub/harness.ts';

const cleanups: (() => void | Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function hubWith(options: Parameters<typeof startHub>[0] extends infer O ? Omit<O, 'dir'> : never = {}): Promise<Hub> {
  const tmp = tempDir();
  cleanups.push(tmp.cleanup);
  const hub = await startHub({ dir: tmp.dir, ...options });
  cleanups.push(() => hub.close());
  return hub;
}

async function clientOf(hub: Hub): Promise<FeedClient> {
  const client = await FeedClient.connect(hub.url);
  cleanups.push(() => client.close());
  return client;
}

function appendTraffic(hub: Hub, count: number, from = 0): void {
  hub.append(Array.from({ length: count }, (_, i) => speedDraft(from + i)));
}

describe('hub feed: subscribe', () => {
  it('streams valid envelopes with contiguous seq on every stream from the simulator', async () => {
    const streams: StreamName[] = [...STREAMS];
    const hub = await hubWith({ rate: 2000, city: testCity(streams) });
    const client = await clientOf(hub);
    const ack = await client.subscribe({ streams });
    expect(ack.ok).toBe(true);
    await client.waitFor(() => streams.every((s) => client.seqs(s).length >= 20), 'events on every stream');
    expect(client.violations).toEqual([]);
    for (const stream of streams) {
      const seqs = client.seqs(stream);
      expect(seqs.every((seq, i) => i === 0 || seq === (seqs[i - 1] ?? 0) + 1)).toBe(true);
    }
    expect(hub.health().sources.demo?.accepted).toBeGreaterThan(0);
  });

  it('drives the built-in demo city: every stream it feeds arrives valid and contiguous, and its catalog pages', async () => {
    // Alerts come from CAP sources, not the simulator; the demo city feeds the other six streams.
    const streams: StreamName[] = STREAMS.filter((s) => s !== 'alerts');
    const hub = await hubWith({ city: undefined, seed: 1, rate: 3000, speed: 3000 });
    const client = await clientOf(hub);
    await client.subscribe({ streams });
    await client.waitFor(() => streams.every((s) => client.seqs(s).length > 0), 'events on every demo-city stream');
    expect(client.violations).toEqual([]);
    const page = catalogAckSchema.parse(await client.request(FEED_EVENTS.catalog, { kind: 'segment', limit: 100 }));
    expect(page.ok && page.total).toBeGreaterThanOrEqual(300);
    expect(hub.health().sources.demo?.rejected).toBe(0);
  });

  it('replays exactly the missing range after `since`, then continues live', async () => {
    const hub = await hubWith();
    appendTraffic(hub, 30);
    const client = await clientOf(hub);
    const ack = await client.subscribe({ streams: ['traffic'], since: { traffic: 12 }, epoch: hub.epoch });
    expect(ack).toMatchObject({ ok: true, epoch: hub.epoch, streams: { traffic: { mode: 'replay', firstSeq: 1, lastSeq: 30 } } });
    await client.waitFor(() => client.lastSeq('traffic') === 30, 'replay to 30');
    appendTraffic(hub, 5, 30);
    await client.waitFor(() => client.lastSeq('traffic') === 35, 'live to 35');
    expect(client.seqs('traffic')).toEqual(Array.from({ length: 23 }, (_, i) => 13 + i));
    expect(client.snapshots).toEqual([]);
    expect(client.violations).toEqual([]);
  });

  it('keeps seq contiguous when a long replay races live appends', async () => {
    // A slow broadcast tick keeps a batch pending when the subscriber switches to the live room.
    const hub = await hubWith({ tickMs: 60_000 });
    appendTraffic(hub, 40_000);
    const client = await clientOf(hub);
    let appended = 40_000;
    let enough: () => void = () => undefined;
    const appendedEnough = new Promise<void>((resolve) => (enough = resolve));
    const writer = setInterval(() => {
      appendTraffic(hub, 100, appended);
      appended += 100;
      if (appended >= 42_000 && client.lastSeq('traffic') >= 40_000) enough();
    }, 1);
    cleanups.push(() => clearInterval(writer));
    await client.subscribe({ streams: ['traffic'], since: { traffic: 0 } });
    await appendedEnough;
    clearInterval(writer);
    hub.flush();
    const target = hub.log.range('traffic').lastSeq;
    await client.waitFor(() => client.lastSeq('traffic') === target, 'all appended events');
    expect(client.violations).toEqual([]);
    expect(client.seqs('traffic')).toHaveLength(target);
  });

  it('answers live at the head of the log and sends nothing old', async () => {
    const hub = await hubWith();
    appendTraffic(hub, 10);
    const client = await clientOf(hub);
    const ack = await client.subscribe({ streams: ['traffic'], since: { traffic: 10 }, epoch: hub.epoch });
    expect(ack).toMatchObject({ ok: true, streams: { traffic: { mode: 'live', lastSeq: 10 } } });
    appendTraffic(hub, 3, 10);
    await client.waitFor(() => client.lastSeq('traffic') === 13, 'live events');
    expect(client.seqs('traffic')).toEqual([11, 12, 13]);
  });

  it('coalesces live events per tick into messages of at most 1000', async () => {
    const hub = await hubWith({ tickMs: 60_000 });
    const client = await clientOf(hub);
    await client.subscribe({ streams: ['traffic'], since: { traffic: 0 }, epoch: hub.epoch });
    // 2,500 appends one event at a time, all before one tick: three messages, not 2,500.
    for (let i = 0; i < 2500; i += 1) hub.append([speedDraft(i)]);
    hub.flush();
    await client.waitFor(() => client.lastSeq('traffic') === 2500, 'the coalesced events');
    expect(client.batchSizes).toEqual([1000, 1000, 500]);
    expect(client.violations).toEqual([]);
  });

  it('gives a snapshot in pages then contiguous events when `since` is older than the log keeps', async () => {
    const hub = await hubWith({ retention: { maxEventsPerStream: 100 } });
    // 4,500 distinct segments: more than two snapshot pages.
    for (let k = 0; k < 3; k += 1) hub.append(Array.from({ length: 1500 }, (_, i) => speedDraft(i, `segment:p-${k * 1500 + i}`)));
    expect(hub.prune()).toBe(4400);
    const client = await clientOf(hub);
    const ack = await client.subscribe({ streams: ['traffic'], since: { traffic: 5 }, epoch: hub.epoch });
    expect(ack).toMatchObject({ ok: true, streams: { traffic: { mode: 'snapshot', firstSeq: 4401, lastSeq: 4500 } } });
    appendTraffic(hub, 10, 0);
    await client.waitFor(() => client.lastSeq('traffic') === 4510, 'events after the snapshot');
    const pages = client.snapshots.filter((s) => s.stream === 'traffic');
    expect(pages.map((p) => [p.page, p.done, p.seq])).toEqual([
      [0, false, 4500],
      [1, false, 4500],
      [2, true, 4500],
    ]);
    expect(new Set(pages.flatMap((p) => p.entities.map((e) => (e as { id: string }).id))).size).toBe(4500);
    expect(client.seqs('traffic')).toEqual(Array.from({ length: 10 }, (_, i) => 4501 + i));
    expect(client.violations).toEqual([]);
  });

  it('switches a replay overtaken by retention to a fresh snapshot, then continues contiguously', async () => {
    const hub = await hubWith({ retention: { maxEventsPerStream: 1000 } });
    hub.append(Array.from({ length: 100_000 }, (_, i) => speedDraft(i, `segment:r-${i % 500}`)));
    const client = await clientOf(hub);
    // Prune inside the ack callback: the hub has sent only the first replay chunks by then, so retention
    // deletes the range the replay still has to send.
    const pruned = await new Promise<number>((resolve) => {
      client.socket.emit(FEED_EVENTS.subscribe, { streams: ['traffic'], since: { traffic: 0 }, epoch: hub.epoch }, () => resolve(hub.prune()));
    });
    expect(pruned).toBe(99_000);
    await client.waitFor(() => client.snapshots.some((p) => p.done), 'the fresh snapshot');
    hub.append([speedDraft(1, 'segment:after')]);
    await client.waitFor(() => client.lastSeq('traffic') === 100_001, 'the event after the snapshot');
    const pages = client.snapshots.filter((p) => p.stream === 'traffic');
    expect(pages.at(-1)).toMatchObject({ done: true, seq: 100_000 });
    expect(new Set(pages.flatMap((p) => p.entities.map((e) => (e as { id: string }).id))).size).toBe(500);
    // The harness flags a snapshot the ack did not announce; that is the only thing it may flag here.
    expect(new Set(client.violations)).toEqual(new Set(['unexpected snapshot for traffic']));
    expect(client.seqs('traffic').at(-1)).toBe(100_001);
    expect(client.seqs('traffic').length).toBeLessThan(99_000);
  });

  it('answers snapshot for another epoch, for no since, and for a since ahead of the log', async () => {
    const hub = await hubWith();
    appendTraffic(hub, 10);
    hub.append([draftFor('units', 1), draftFor('units', 2)]);
    const client = await clientOf(hub);
    const ack = await client.subscribe({ streams: ['traffic', 'units', 'alerts'], since: { traffic: 10, units: 2 }, epoch: 'old-epoch' });
    expect(ack).toMatchObject({
      ok: true,
      streams: { traffic: { mode: 'snapshot' }, units: { mode: 'snapshot' }, alerts: { mode: 'snapshot', firstSeq: 0, lastSeq: 0 } },
    });
    await client.waitFor(() => client.snapshots.filter((s) => s.done).length === 3, 'three finished snapshots');
    const other = await clientOf(hub);
    const ahead = await other.subscribe({ streams: ['traffic', 'units'], since: { traffic: 99 }, epoch: hub.epoch });
    expect(ahead).toMatchObject({ ok: true, streams: { traffic: { mode: 'snapshot' }, units: { mode: 'snapshot' } } });
    await other.waitFor(() => other.snapshots.filter((s) => s.done).length === 2, 'snapshots');
    // The fixture cycles 7 segment ids: the snapshot holds each once, at its latest seq.
    const traffic = other.snapshots.find((s) => s.stream === 'traffic');
    expect(traffic?.entities).toHaveLength(7);
    expect(client.violations).toEqual([]);
  });
});

describe('hub feed: restart', () => {
  it('keeps the epoch and continues seq on the same database; replays across the restart', async () => {
    const tmp = tempDir();
    cleanups.push(tmp.cleanup);
    const first = await startHub({ dir: tmp.dir });
    first.append([speedDraft(1), speedDraft(2), draftFor('incidents', 1)]);
    const epoch = first.epoch;
    await first.close();
    const second = await startHub({ dir: tmp.dir });
    cleanups.push(() => second.close());
    expect(second.epoch).toBe(epoch);
    expect(second.append([speedDraft(3)])[0]?.seq).toBe(3);
    const client = await clientOf(second);
    const ack = await client.subscribe({ streams: ['traffic'], since: { traffic: 1 }, epoch });
    expect(ack).toMatchObject({ ok: true, streams: { traffic: { mode: 'replay', lastSeq: 3 } } });
    await client.waitFor(() => client.lastSeq('traffic') === 3, 'replay');
    expect(client.seqs('traffic')).toEqual([2, 3]);
  });
});
