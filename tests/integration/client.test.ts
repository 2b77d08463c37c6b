import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../src/main/core.ts';
import { createHub, type Hub } from '../../src/hub/server.ts';
import { cameraDrafts, speedDrafts } from '../unit/main/support/drafts.ts';
import { waitFor } from '../unit/main/support/waitFor.ts';

// The real hub (no demo city, events appended by the test) and the real core, over real sockets.
const dirs: string[] = [];
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'wf-client-'));
  dirs.push(dir);
  return dir;
}

async function startHub(dbPath: string, port = 0): Promise<Hub> {
  const hub = await createHub({ dbPath, port, city: null, rate: 0, logLine: () => {} });
  cleanups.push(() => hub.close());
  return hub;
}

async function startCore(dataDir: string, hubUrl: string, offlineAfterMs = 2000, storeWorker = false): Promise<Core> {
  const core = await createCore({ dataDir, hubUrl, mode: 'web', tickMs: 50, offlineAfterMs, storeWorker, log: () => {} });
  cleanups.push(() => core.close());
  return core;
}

/** Exactly from..to, each once, ascending. */
function contiguous(seqs: number[], from: number, to: number): boolean {
  return seqs.length === to - from + 1 && seqs.every((s, i) => s === from + i);
}

function persistedSeq(core: Core, stream: 'traffic' | 'security'): number {
  return core.store.cache.positions().get(stream)?.lastSeq ?? 0;
}

describe('client core against a real hub', () => {
  it('persists every event with contiguous seqs, and resumes by seq after a restart', async () => {
    const dir = tempDir();
    const hub = await startHub(join(dir, 'hub.db'));
    hub.append([...speedDrafts(600), ...cameraDrafts(120)]);
    hub.flush();
    const first = await startCore(join(dir, 'client'), hub.url);
    // A first start holds nothing: the hub answers with a snapshot at its head, events follow from there.
    await waitFor('snapshot at 600', () => persistedSeq(first, 'traffic') === 600 && persistedSeq(first, 'security') === 120);
    expect(first.store.cache.counts().latest).toBe(70);
    hub.append(speedDrafts(400, 50, 600));
    hub.flush();
    await waitFor('events up to 1000 persisted', () => persistedSeq(first, 'traffic') === 1000);
    expect(contiguous(first.store.cache.eventSeqs('traffic', hub.epoch), 601, 1000)).toBe(true);
    await first.close();

    // While the client is down the hub moves on; the next start asks from the persisted seq (replay).
    hub.append(speedDrafts(300, 50, 1000));
    hub.flush();
    const second = await startCore(join(dir, 'client'), hub.url);
    await waitFor('events up to 1300 persisted', () => persistedSeq(second, 'traffic') === 1300);
    expect(contiguous(second.store.cache.eventSeqs('traffic', hub.epoch), 601, 1300)).toBe(true);
    expect(second.feed.stats.duplicates).toBe(0);
    expect(second.feed.health().streams.traffic?.gap).toBe(false);
  });

  it('turns offline within 10 s of the hub dying, and live again when it comes back on the same port', async () => {
    const dir = tempDir();
    let hub = await startHub(join(dir, 'hub.db'));
    const port = hub.port;
    hub.append(speedDrafts(100));
    hub.flush();
    // The app's default threshold, so the figure below is what an operator sees.
    const core = await startCore(join(dir, 'client'), hub.url, 3000);
    await waitFor('live', () => core.feed.health().overall === 'live' && persistedSeq(core, 'traffic') === 100);

    const stoppedAt = Date.now();
    await hub.close();
    await waitFor('offline', () => core.feed.health().overall === 'offline', 10_000);
    const offlineAfter = Date.now() - stoppedAt;
    expect(offlineAfter).toBeLessThan(10_000);
    console.log(`hub stopped → health offline after ${offlineAfter} ms`);

    hub = await startHub(join(dir, 'hub.db'), port);
    hub.append(speedDrafts(50, 50, 100));
    hub.flush();
    const restartedAt = Date.now();
    await waitFor('live again', () => core.feed.health().overall === 'live', 15_000);
    console.log(`hub restarted → health live again after ${Date.now() - restartedAt} ms`);
    await waitFor('150 events', () => persistedSeq(core, 'traffic') === 150);
    expect(contiguous(core.store.cache.eventSeqs('traffic', hub.epoch), 101, 150)).toBe(true);
    expect(core.feed.health().streams.traffic?.reconnects).toBeGreaterThanOrEqual(1);
  });

  it('starts offline from the cache: wall.bootstrap serves the cached city', async () => {
    const dir = tempDir();
    const hub = await startHub(join(dir, 'hub.db'));
    hub.append([...speedDrafts(200, 50), ...cameraDrafts(40)]);
    hub.flush();
    const online = await startCore(join(dir, 'client'), hub.url);
    await waitFor('cached', () => online.store.cache.counts().latest === 70);
    await online.close();
    const url = hub.url;
    await hub.close();

    const offline = await startCore(join(dir, 'client'), url);
    const answer = await offline.invoke('wall.bootstrap', undefined);
    expect(answer.ok).toBe(true);
    if (!answer.ok) return;
    const output = answer.output as { entities: { id: string }[]; health: { overall: string } };
    expect(new Set(output.entities.map((e) => e.id)).size).toBe(70);
    await waitFor('offline', () => offline.feed.health().overall === 'offline', 10_000);
  });

  it('keeps the same guarantees with the commit in a worker thread', async () => {
    const dir = tempDir();
    const hub = await startHub(join(dir, 'hub.db'));
    hub.append(speedDrafts(200));
    hub.flush();
    const first = await startCore(join(dir, 'client'), hub.url, 2000, true);
    await waitFor('snapshot at 200', () => persistedSeq(first, 'traffic') === 200);
    hub.append(speedDrafts(300, 50, 200));
    hub.flush();
    await waitFor('live events persisted', () => persistedSeq(first, 'traffic') === 500);
    await first.close();
    hub.append(speedDrafts(100, 50, 500));
    hub.flush();
    const second = await startCore(join(dir, 'client'), hub.url, 2000, true);
    await waitFor('replayed after restart', () => persistedSeq(second, 'traffic') === 600);
    expect(contiguous(second.store.cache.eventSeqs('traffic', hub.epoch), 201, 600)).toBe(true);
    expect(second.feed.stats.duplicates).toBe(0);
  });
});
