// A damaged cache.db (bytes overwritten while the client was stopped): the file is set aside and kept,
// the client says so in one clear line, rebuilds the cache from the hub, and records.db (the outbox) is
// untouched — the pending operator write still reaches the hub.
import { existsSync, mkdtempSync, openSync, rmSync, statSync, writeSync, closeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createHub, type Hub } from '../../src/hub/server.ts';
import { createCore, type Core } from '../../src/main/core.ts';
import { seededRandom } from '../chaos/lib/random.ts';
import { speedDrafts } from '../unit/main/support/drafts.ts';
import { waitFor } from '../unit/main/support/waitFor.ts';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function startHub(dbPath: string, port = 0): Promise<Hub> {
  const hub = await createHub({ dbPath, port, city: null, rate: 0, logLine: () => {} });
  cleanups.push(() => hub.close());
  return hub;
}

async function startCore(
  dataDir: string,
  hubUrl: string,
  log: (line: string) => void = () => {},
): Promise<Core> {
  const core = await createCore({ dataDir, hubUrl, mode: 'web', tickMs: 50, offlineAfterMs: 500, log });
  cleanups.push(() => core.close());
  return core;
}

/** Overwrites 32 KiB in the middle of the file with seeded garbage (the header stays, the b-tree breaks). */
function damage(path: string, seed: number): void {
  const size = statSync(path).size;
  const random = seededRandom(seed);
  const garbage = Buffer.from(Array.from({ length: 32 * 1024 }, () => Math.floor(random() * 256)));
  const fd = openSync(path, 'r+');
  try {
    writeSync(fd, garbage, 0, garbage.length, Math.max(4096, Math.floor(size / 2) - garbage.length / 2));
  } finally {
    closeSync(fd);
  }
}

describe('a damaged cache', () => {
  it('is set aside and rebuilt from the hub; the outbox in records.db is untouched', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wf-damaged-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const hubDb = join(dir, 'hub.db');
    const dataDir = join(dir, 'client');
    const hub = await startHub(hubDb);
    const port = hub.port;
    hub.append(speedDrafts(500, 2000));
    hub.flush();
    const first = await startCore(dataDir, hub.url);
    await waitFor('snapshot', () => first.store.cache.positions().get('traffic')?.lastSeq === 500);
    hub.append(speedDrafts(20_000, 2000, 500));
    hub.flush();
    await waitFor(
      'events persisted',
      () => first.store.cache.positions().get('traffic')?.lastSeq === 20_500,
      30_000,
    );
    // An operator write made while the hub is down waits in the outbox.
    await hub.close();
    await waitFor('offline', () => first.feed.health().overall === 'offline');
    const queued = await first.invoke('alarm.acknowledge', {
      alarmId: 'alarm:a-1',
      note: 'kiểm tra hiện trường',
    });
    expect(queued.ok).toBe(true);
    expect(first.store.outbox.pendingCount()).toBe(1);
    await first.close();

    const seed = 4242;
    damage(join(dataDir, 'cache.db'), seed);
    const lines: string[] = [];
    const second = await startCore(dataDir, hub.url, (line) => lines.push(line));
    const aside = second.store.cacheSetAside;
    expect(aside).toMatch(/cache\.db\.damaged-\d+$/);
    expect(aside !== null && existsSync(aside)).toBe(true);
    const said = lines.find((l) => l.includes('is damaged') && l.includes('rebuilt from the hub'));
    console.log(`damaged cache (seed ${seed}): ${said ?? '(no line)'}`);
    expect(said).toContain('Operator records are untouched');
    expect(second.store.outbox.pendingCount()).toBe(1);
    expect(second.store.cache.counts().events).toBe(0);

    // The hub returns: the cache is rebuilt (snapshot at its head) and the pending write is delivered.
    await startHub(hubDb, port);
    await waitFor(
      'rebuilt from the hub',
      () => second.store.cache.positions().get('traffic')?.lastSeq === 20_500,
      30_000,
    );
    expect(second.store.cache.counts().latest).toBe(2000);
    await waitFor('outbox delivered', () => second.store.outbox.pendingCount() === 0, 30_000);
  }, 90_000);
});
