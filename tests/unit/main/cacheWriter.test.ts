import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { inlineWriter, withFallback, WorkerCacheWriter } from '../../../src/main/store/cacheWriter.ts';
import { openStore } from '../../../src/main/store/store.ts';
import { speedEnvelopes } from './support/drafts.ts';
import { useTempDirs } from './support/tempDir.ts';

const tempDir = useTempDirs();

describe('the cache writer thread', () => {
  it('commits a tick on its own connection; the main connection reads it at once', async () => {
    const dir = tempDir();
    const store = openStore(dir, () => {});
    const worker = await WorkerCacheWriter.start(join(dir, 'cache.db'), store.cache, () => {});
    expect(worker).not.toBeNull();
    const result = await worker?.writeTick([{ stream: 'traffic', epoch: 'e1', events: speedEnvelopes('traffic', 1, 20, 5), receivedAt: 1 }]);
    expect(result?.eventsWritten).toBe(20);
    expect(result?.upserts).toHaveLength(5);
    expect(store.cache.positions().get('traffic')?.lastSeq).toBe(20);
    expect(store.cache.latestAll()).toHaveLength(5);
    await worker?.close();
    store.close();
  });

  it('reports a tick that cannot be planned as a rejected commit, with nothing written', async () => {
    const dir = tempDir();
    const store = openStore(dir, () => {});
    const worker = await WorkerCacheWriter.start(join(dir, 'cache.db'), store.cache, () => {});
    const events = speedEnvelopes('traffic', 1, 5);
    // JSON.stringify throws on a BigInt while the tick is planned, before anything is sent or written.
    (events[2] as { data: unknown }).data = { speedKmh: 10n };
    await expect(worker?.writeTick([{ stream: 'traffic', epoch: 'e1', events, receivedAt: 1 }])).rejects.toThrow();
    expect(store.cache.positions().get('traffic')).toBeUndefined();
    await worker?.close();
    store.close();
  });

  it('rolls back a transaction that fails in the worker: rejected commit, nothing written', async () => {
    const dir = tempDir();
    const store = openStore(dir, () => {});
    // A chunk row already at seq 1 (written behind the cache's back) makes the worker's insert conflict.
    const raw = new Database(join(dir, 'cache.db'));
    raw.prepare("INSERT INTO epochs (no, epoch) VALUES (1, 'e1')").run();
    raw.prepare("INSERT INTO event_chunks VALUES ('traffic', 1, 1, 1, 0, 0, '[]')").run();
    raw.close();
    const worker = await WorkerCacheWriter.start(join(dir, 'cache.db'), store.cache, () => {});
    await expect(worker?.writeTick([{ stream: 'traffic', epoch: 'e1', events: speedEnvelopes('traffic', 1, 5), receivedAt: 1 }])).rejects.toThrow(
      /UNIQUE constraint failed/,
    );
    expect(store.cache.positions().get('traffic')).toBeUndefined();
    expect(store.cache.latestAll()).toHaveLength(0);
    await worker?.close();
    store.close();
  });

  it('falls back to the main thread once the worker is gone', async () => {
    const dir = tempDir();
    const store = openStore(dir, () => {});
    const worker = await WorkerCacheWriter.start(join(dir, 'cache.db'), store.cache, () => {});
    if (!worker) throw new Error('worker did not start');
    const lines: string[] = [];
    const writer = withFallback(worker, inlineWriter(store.cache), (l) => lines.push(l));
    await worker.close();
    expect(worker.failed).toBe(true);
    const result = await writer.writeTick([{ stream: 'traffic', epoch: 'e1', events: speedEnvelopes('traffic', 1, 3), receivedAt: 1 }]);
    expect(result.eventsWritten).toBe(3);
    expect(lines).toEqual(['cache: writer thread is gone; committing on the main thread']);
    store.close();
  });
});
