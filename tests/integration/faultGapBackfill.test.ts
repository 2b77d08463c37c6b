// Reads when the hub cannot replay (retention): snapshot + a visible history gap; and the backfill of a
// long outage: progress n of m in the health model, and how long the core's event loop stalls meanwhile.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { afterEach, describe, expect, it } from 'vitest';
import { createHub, type Hub } from '../../src/hub/server.ts';
import { createCore, type Core } from '../../src/main/core.ts';
import { startHubChild, type HubChild } from '../chaos/lib/processes.ts';
import { contiguityGaps } from '../chaos/lib/seqCheck.ts';
import { speedDrafts } from '../unit/main/support/drafts.ts';
import { waitFor } from '../unit/main/support/waitFor.ts';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'wf-gap-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

async function startHub(dbPath: string, maxEventsPerStream = 2_000_000): Promise<Hub> {
  const hub = await createHub({
    dbPath,
    port: 0,
    city: null,
    rate: 0,
    logLine: () => {},
    pruneEveryMs: 3_600_000,
    retention: { maxEventsPerStream },
  });
  cleanups.push(() => hub.close());
  return hub;
}

async function startCore(
  dataDir: string,
  hubUrl: string,
  log: (line: string) => void = () => {},
): Promise<Core> {
  const core = await createCore({
    dataDir,
    hubUrl,
    mode: 'web',
    tickMs: 100,
    retentionMs: 365 * 86_400_000,
    log,
  });
  cleanups.push(() => core.close());
  return core;
}

const persisted = (core: Core) => core.store.cache.positions().get('traffic')?.lastSeq ?? 0;

describe('reads when the hub cannot replay, and long backfills', () => {
  it('takes a snapshot and marks the history gap when the range is older than the hub keeps', async () => {
    const dir = tempDir();
    const hub = await startHub(join(dir, 'hub.db'), 100);
    hub.append(speedDrafts(200));
    hub.flush();
    const first = await startCore(join(dir, 'client'), hub.url);
    await waitFor('snapshot at 200', () => persisted(first) === 200);
    hub.append(speedDrafts(50, 50, 200));
    hub.flush();
    await waitFor('250 persisted', () => persisted(first) === 250);
    expect(first.feed.health().streams.traffic?.gap).toBe(false);
    await first.close();

    // While the client is away the hub moves 1,000 events on and keeps only the newest 100.
    hub.append(speedDrafts(1000, 50, 250));
    hub.flush();
    expect(hub.prune()).toBeGreaterThan(0);
    const lines: string[] = [];
    const second = await startCore(join(dir, 'client'), hub.url, (line) => lines.push(line));
    await waitFor('snapshot at the hub head', () => persisted(second) === 1250);
    await waitFor('gap in health', () => second.feed.health().streams.traffic?.gap === true);
    expect(lines.some((l) => /traffic takes a snapshot \(history gap\)/.test(l))).toBe(true);
    expect(second.store.cache.positions().get('traffic')?.gap).toBe(true);
    // What it holds is still gap-free on each side of the hole: 201..250 before, nothing invented after.
    const seqs = second.store.cache.eventSeqs('traffic', hub.epoch);
    expect(contiguityGaps(seqs, 201, 250).counts).toEqual({ missing: 0, duplicates: 0, unexpected: 0 });
    expect(seqs.every((s) => s <= 250)).toBe(true);
    // The next events after the snapshot continue contiguously.
    hub.append(speedDrafts(30, 50, 1250));
    hub.flush();
    await waitFor('1280 persisted', () => persisted(second) === 1280);
    expect(
      contiguityGaps(second.store.cache.eventSeqs('traffic', hub.epoch), 1251, 1280).counts.missing,
    ).toBe(0);
  });

  it('backfills 100k events with progress n of m and no long event-loop stall', async () => {
    const dir = tempDir();
    const hubDb = join(dir, 'hub.db');
    const seed = await startHub(hubDb);
    seed.append(speedDrafts(100, 500));
    seed.flush();
    const first = await startCore(join(dir, 'client'), seed.url);
    await waitFor('snapshot', () => persisted(first) === 100);
    await first.close();
    // The outage: 100k events logged while the client is away (appended in chunks like a busy hub).
    const total = 100_000;
    for (let i = 0; i < total; i += 5000) seed.append(speedDrafts(5000, 500, 100 + i));
    seed.flush();
    await seed.close();
    // The hub in its own process, so the event-loop figure below is the client core's alone.
    const hub: HubChild = await startHubChild({ db: hubDb, port: 0, rate: 0 });
    cleanups.push(() => hub.kill('SIGKILL'));

    const loop = monitorEventLoopDelay({ resolution: 10 });
    const progress: { done: number; total: number }[] = [];
    const t0 = Date.now();
    loop.enable();
    const core = await startCore(join(dir, 'client'), hub.url);
    await waitFor(
      'backfill complete',
      () => {
        const b = core.feed.health().streams.traffic?.backfill;
        if (b) progress.push(b);
        return persisted(core) === 100 + total;
      },
      120_000,
    );
    loop.disable();
    const stallMs = loop.max / 1e6;
    console.log(
      `backfill of ${total} events: ${Date.now() - t0} ms, ${progress.length} progress samples ` +
        `(first ${JSON.stringify(progress[0])}, last ${JSON.stringify(progress.at(-1))}), longest event-loop stall ${stallMs.toFixed(0)} ms, ` +
        `p99 ${(loop.percentile(99) / 1e6).toFixed(0)} ms`,
    );
    expect(progress.length).toBeGreaterThan(0);
    expect(progress.every((p) => p.total === total)).toBe(true);
    expect(progress.some((p) => p.done > 0 && p.done < total)).toBe(true);
    expect(core.feed.health().streams.traffic?.backfill).toBeNull();
    expect(
      contiguityGaps(core.store.cache.eventSeqs('traffic', readEpoch(core)), 101, 100 + total).counts.missing,
    ).toBe(0);
    expect(stallMs).toBeLessThan(1500);
  }, 150_000);
});

function readEpoch(core: Core): string {
  return core.store.cache.positions().get('traffic')?.epoch ?? '';
}
