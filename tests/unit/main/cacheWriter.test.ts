import { join } from 'node:path';
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
    const worker = await WorkerCacheWriter.start(join(dir, 'cache.db'), () => {});
    expect(worker).not.toBeNull();
    const result = await worker?.writeTick([{ stream: 'traffic', epoch: 'e1', events: speedEnvelopes('traffic', 1, 20, 5), receivedAt: 1 }]);
    expect(result?.eventsWritten).toBe(20);
    expect(result?.upserts).toHaveLength(5);
    expect(store.cache.positions().get('traffic')?.lastSeq).toBe(20);
    expect(store.cache.latestAll()).toHaveLength(5);
    await worker?.close();
    store.close();
  });

  it('reports a failed transaction as a rejected commit, with nothing written', async () => {
    const dir = tempDir();
    const store = openStore(dir, () => {});
    const worker = await WorkerCacheWriter.start(join(dir, 'cache.db'), () => {});
    const events = speedEnvelopes('traffic', 1, 5);
    // A BigInt crosses the thread boundary but JSON.stringify throws on it inside the worker's transaction.
    (events[2] as { data: unknown }).data = { speedKmh: 10n };
    await expect(worker?.writeTick([{ stream: 'traffic', epoch: 'e1', events, receivedAt: 1 }])).rejects.toThrow();
    expect(store.cache.positions().get('traffic')).toBeUndefined();
    await worker?.close();
    store.close();
  });

  it('falls back to the main thread once the worker is gone', async () => {
    const dir = tempDir();
    const store = openStore(dir, () => {});
    const worker = await WorkerCacheWriter.start(join(dir, 'cache.db'), () => {});
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
