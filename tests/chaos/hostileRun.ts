import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Server } from 'socket.io';
import { createCore } from '../../src/main/core.ts';
import { FEED_EVENTS, FEED_NAMESPACE } from '../../src/shared/protocol/messages.ts';
import { STREAMS } from '../../src/shared/protocol/streams.ts';
import { planHostileRun } from './hostileMessages.ts';

export interface HostileResult {
  seed: number;
  sent: number;
  hostile: number;
  valid: number;
  rejectedCounted: number;
  storedValid: number;
  reconnects: number;
  ms: number;
  /** Set when accepted items did not all reach cache.db (a commit kept failing). */
  commitNote: string | null;
  /** Envelopes dropped as already held: 0 unless a hostile one slipped in and took a valid one's seq. */
  duplicates: number;
  byKind: Record<string, number>;
  byReason: Record<string, number>;
}

async function until(what: string, probe: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!probe()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/**
 * A fake hub — a real socket.io server on `/feed` — answers `subscribe` with a valid live ack and the
 * catalog with empty pages, then sends the seeded hostile plan. The real client core (feed client, cache,
 * IPC) runs in this process, so a crash anywhere in it fails the caller.
 */
export async function runHostile(o: {
  seed: number;
  total: number;
  timeoutMs?: number;
}): Promise<HostileResult> {
  const started = Date.now();
  const plan = planHostileRun(o.seed, o.total);
  const dir = mkdtempSync(join(tmpdir(), 'wf-hostile-'));
  const http = createServer();
  const io = new Server(http, { maxHttpBufferSize: 1e6 });
  let subscribed!: () => void;
  const ready = new Promise<void>((resolve) => (subscribed = resolve));
  io.of(FEED_NAMESPACE).on('connection', (socket) => {
    socket.on(FEED_EVENTS.subscribe, (_request: unknown, ack: (answer: unknown) => void) => {
      const streams = Object.fromEntries(STREAMS.map((s) => [s, { mode: 'live', firstSeq: 0, lastSeq: 0 }]));
      ack({ ok: true, epoch: 'hostile-epoch', serverTime: Date.now(), streams });
      subscribed();
    });
    socket.on(FEED_EVENTS.catalog, (request: { kind?: unknown }, ack: (answer: unknown) => void) => {
      ack({ ok: true, kind: request.kind, items: [], nextCursor: null, total: 0 });
    });
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const port = (http.address() as AddressInfo).port;
  const core = await createCore({
    dataDir: join(dir, 'client'),
    hubUrl: `http://127.0.0.1:${port}`,
    mode: 'web',
    tickMs: 50,
    log: process.env.HOSTILE_LOG ? (line) => console.log(line) : () => {},
  });
  try {
    await ready;
    await until('live', () => core.feed.health().overall === 'live', 10_000);
    for (const message of plan.messages) io.of(FEED_NAMESPACE).emit(FEED_EVENTS.events, message);
    const timeoutMs = o.timeoutMs ?? 60_000;
    // Wait until every item was either accepted or rejected, then until what was accepted is committed;
    // the comparison is the caller's (a hostile item that slipped through shows up as a mismatch, fast).
    const sent = plan.hostile + plan.valid;
    await until(
      `${sent} items processed`,
      () => core.feed.stats.received + core.feed.health().rejected.total >= sent,
      timeoutMs,
    );
    await core.tick();
    // A commit that fails (an envelope that parsed but cannot be stored) never catches up: report the
    // shortfall after a bounded wait instead of hanging, and say so.
    let commitNote: string | null = null;
    await until(
      'accepted items committed',
      () => core.store.cache.counts().events >= core.feed.stats.received - core.feed.stats.duplicates,
      10_000,
    ).catch((error: unknown) => {
      commitNote = `${error instanceof Error ? error.message : String(error)}; commit failures ${core.feed.stats.commitFailures}`;
    });
    // The core still answers after all of it.
    const info = await core.invoke('feed.health', undefined);
    if (!info.ok) throw new Error('core stopped answering');
    const health = core.feed.health();
    return {
      seed: o.seed,
      sent: plan.hostile + plan.valid,
      hostile: plan.hostile,
      valid: plan.valid,
      rejectedCounted: health.rejected.total,
      storedValid: core.store.cache.counts().events,
      reconnects: Math.max(0, ...Object.values(health.streams).map((s) => s?.reconnects ?? 0)),
      ms: Date.now() - started,
      commitNote,
      duplicates: core.feed.stats.duplicates,
      byKind: plan.byKind,
      byReason: health.rejected.byReason,
    };
  } finally {
    await core.close();
    await io.close();
    http.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
