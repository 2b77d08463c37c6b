import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Server } from 'socket.io';
import { describe, expect, it } from 'vitest';
import { createCore } from '../../src/main/core.ts';
import { FEED_EVENTS, FEED_NAMESPACE } from '../../src/shared/protocol/messages.ts';
import { STREAMS } from '../../src/shared/protocol/streams.ts';
import { waitFor } from '../unit/main/support/waitFor.ts';
import { runHostile } from '../chaos/hostileRun.ts';

// Quick tier of "10,000 hostile messages" (the full count is tests/chaos/hostile.chaos.ts): a fake hub
// sends ~1,000 generated items, a third of them hostile, to the real client core over socket.io.
const SEED = Number(process.env.HOSTILE_SEED ?? 20261128);

describe('hostile hub input', () => {
  it('rejects and counts every hostile item, stores every valid one, never crashes', async () => {
    console.log(`hostile quick tier: seed ${SEED}`);
    const r = await runHostile({ seed: SEED, total: 1000 });
    console.log(
      `hostile: sent ${r.sent}, hostile ${r.hostile}, rejected ${r.rejectedCounted}, valid ${r.valid}, stored ${r.storedValid}, ${r.ms} ms`,
    );
    expect(r.hostile).toBeGreaterThan(200);
    expect(r.commitNote).toBeNull();
    expect(r.duplicates).toBe(0);
    expect(r.rejectedCounted).toBe(r.hostile);
    expect(r.storedValid).toBe(r.valid);
    expect(r.reconnects).toBe(0);
    // Every kind of mutation showed up and each was rejected for a reason of its own.
    expect(Object.keys(r.byKind).length).toBeGreaterThan(20);
    expect(Object.keys(r.byReason).some((reason) => reason.includes('prototype key'))).toBe(true);
    expect(Object.keys(r.byReason).some((reason) => reason.includes('nested deeper'))).toBe(true);
  }, 90_000);
});

describe('oversized frames from the hub', () => {
  it('drops a frame above the client maxPayload (16 MB) without buffering it, reconnects and carries on', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wf-frame-'));
    const http = createServer();
    const io = new Server(http);
    let connections = 0;
    let seq = 0;
    io.of(FEED_NAMESPACE).on('connection', (socket) => {
      connections += 1;
      socket.on(FEED_EVENTS.subscribe, (_r: unknown, ack: (a: unknown) => void) => {
        ack({
          ok: true,
          epoch: 'e',
          serverTime: Date.now(),
          streams: Object.fromEntries(STREAMS.map((s) => [s, { mode: 'live', firstSeq: 0, lastSeq: seq }])),
        });
      });
      socket.on(FEED_EVENTS.catalog, (r: { kind?: unknown }, ack: (a: unknown) => void) =>
        ack({ ok: true, kind: r.kind, items: [], nextCursor: null, total: 0 }),
      );
    });
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    const { port } = http.address() as AddressInfo;
    const core = await createCore({
      dataDir: join(dir, 'c'),
      hubUrl: `http://127.0.0.1:${port}`,
      mode: 'web',
      tickMs: 50,
      log: () => {},
    });
    try {
      await waitFor('live', () => core.feed.health().overall === 'live');
      io.of(FEED_NAMESPACE).emit(FEED_EVENTS.events, ['x'.repeat(17 * 1024 * 1024)]);
      await waitFor(
        'the client to drop the connection and come back',
        () => connections >= 2 && core.feed.health().overall === 'live',
        20_000,
      );
      seq = 1;
      io.of(FEED_NAMESPACE).emit(FEED_EVENTS.events, [
        {
          stream: 'security',
          seq: 1,
          ts: Date.now(),
          type: 'camera.status',
          id: 'camera:c-1',
          data: { status: 'online' },
        },
      ]);
      await waitFor('the next valid event stored', () => core.store.cache.counts().events === 1);
      // The big frame never reached the parser: nothing was counted for it.
      expect(core.feed.health().rejected.total).toBe(0);
    } finally {
      await core.close();
      await io.close();
      http.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
