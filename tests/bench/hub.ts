// `npm run bench -- hub`: events/s delivered to 1 and 10 socket.io clients through the hub (append to the
// SQLite log + coalesced broadcast) against a raw socket.io server emitting the same batched envelopes,
// both measured in this run. Closed loop: the producer keeps at most WINDOW events in flight (produced but
// not yet received by the slowest client), so the figure is sustainable throughput, not buffer growth.
// Server and clients share this process (and its core) in both setups, so the ratio compares like for like.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Server } from 'socket.io';
import { io, type Socket } from 'socket.io-client';
import { MAX_EVENTS_PER_MESSAGE } from '../../src/hub/broadcaster.ts';
import { SqliteEventLog } from '../../src/hub/log/sqliteEventLog.ts';
import { createHub } from '../../src/hub/server.ts';
import { parseDraft, type Envelope, type EventDraft } from '../../src/shared/protocol/envelope.ts';
import { FEED_EVENTS, FEED_NAMESPACE } from '../../src/shared/protocol/messages.ts';
import { speedDraft } from '../unit/hub/fixtures.ts';

const WARMUP_MS = 600;
const MEASURE_MS = 3000;
const WINDOW = 20_000;
const BATCH = MAX_EVENTS_PER_MESSAGE;

/** 1000 drafts over 5000 segment ids, reused round-robin (their content does not matter to delivery). */
const drafts: EventDraft[] = Array.from({ length: BATCH * 5 }, (_, i) => speedDraft(i, `segment:b-${i}`));
let draftCursor = 0;
function nextDrafts(): EventDraft[] {
  const out = drafts.slice(draftCursor, draftCursor + BATCH);
  draftCursor = (draftCursor + BATCH) % drafts.length;
  return out;
}

interface Target {
  name: string;
  url: string;
  /** Produces one batch of BATCH events. */
  produce(): void;
  close(): Promise<void>;
}

async function hubTarget(dir: string): Promise<Target> {
  const hub = await createHub({ port: 0, dbPath: join(dir, 'bench.db'), rate: 0, city: null, tickMs: 50, logLine: () => undefined });
  return {
    name: 'hub (SQLite log + coalesced broadcast)',
    url: hub.url,
    produce: () => void hub.publish(nextDrafts()),
    close: () => hub.close(),
  };
}

async function rawTarget(): Promise<Target> {
  const http = createServer();
  const server = new Server(http, { maxHttpBufferSize: 1_000_000, serveClient: false });
  const nsp = server.of(FEED_NAMESPACE);
  nsp.on('connection', (socket) => {
    socket.on(FEED_EVENTS.subscribe, (_req: unknown, ack: (a: unknown) => void) => {
      void socket.join('traffic');
      ack({ ok: true });
    });
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  let seq = 0;
  return {
    name: 'raw socket.io (same batched envelopes)',
    url: `http://127.0.0.1:${(http.address() as AddressInfo).port}`,
    produce: () => {
      const ts = Date.now();
      const batch: Envelope[] = nextDrafts().map((d) => ({ ...d, stream: 'traffic', seq: (seq += 1), ts }) as Envelope);
      nsp.to('traffic').emit(FEED_EVENTS.events, batch);
    },
    close: () => new Promise<void>((resolve) => void server.close(() => resolve())),
  };
}

async function measure(target: Target, clientCount: number): Promise<number> {
  const received = new Array<number>(clientCount).fill(0);
  let produced = 0;
  const pump = (): void => {
    const slowest = Math.min(...received);
    while (produced - slowest < WINDOW) {
      target.produce();
      produced += BATCH;
    }
  };
  const sockets: Socket[] = [];
  for (let i = 0; i < clientCount; i += 1) {
    const socket = io(`${target.url}${FEED_NAMESPACE}`, { transports: ['websocket'], forceNew: true, reconnection: false });
    socket.on(FEED_EVENTS.events, (batch: unknown[]) => {
      received[i] = (received[i] ?? 0) + batch.length;
      pump();
    });
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    await socket.emitWithAck(FEED_EVENTS.subscribe, { streams: ['traffic'], since: { traffic: 0 } });
    sockets.push(socket);
  }
  pump();
  await new Promise((resolve) => setTimeout(resolve, WARMUP_MS));
  const start = received.reduce((a, b) => a + b, 0);
  const t0 = performance.now();
  await new Promise((resolve) => setTimeout(resolve, MEASURE_MS));
  const delivered = received.reduce((a, b) => a + b, 0) - start;
  const seconds = (performance.now() - t0) / 1000;
  for (const socket of sockets) socket.disconnect();
  return delivered / clientCount / seconds;
}

/** The SQLite log alone (no sockets): how much of the hub's per-event cost is the append. */
function appendRate(dir: string): number {
  const log = new SqliteEventLog({ path: join(dir, 'append.db') });
  const t0 = performance.now();
  let n = 0;
  while (performance.now() - t0 < 1000) {
    log.appendBatch(nextDrafts());
    n += BATCH;
  }
  const rate = n / ((performance.now() - t0) / 1000);
  log.close();
  return rate;
}

function validationRate(): number {
  const t0 = performance.now();
  let n = 0;
  while (performance.now() - t0 < 500) {
    for (const d of drafts.slice(0, BATCH)) if (parseDraft(d).ok) n += 1;
  }
  return n / ((performance.now() - t0) / 1000);
}

const fmt = (n: number): string => Math.round(n).toLocaleString('en-US');

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'wf-bench-'));
  const rows: string[][] = [];
  let appended: number | undefined;
  try {
    appended = appendRate(dir);
    for (const clients of [1, 10]) {
      const raw = await rawTarget();
      const rawRate = await measure(raw, clients);
      await raw.close();
      const hub = await hubTarget(join(dir, String(clients)));
      const hubRate = await measure(hub, clients);
      await hub.close();
      rows.push([String(clients), fmt(rawRate), fmt(hubRate), fmt(hubRate * clients), (hubRate / rawRate).toFixed(2)]);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const header = ['clients', 'raw events/s per client', 'hub events/s per client', 'hub deliveries/s total', 'hub / raw'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]): string => `| ${cells.map((c, i) => c.padStart(widths[i] ?? 0)).join(' | ')} |`;
  console.log(`hub broadcast benchmark: batches of ${BATCH} segment.speed envelopes, window ${fmt(WINDOW)}, ${MEASURE_MS / 1000} s per row`);
  console.log(line(header));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const row of rows) console.log(line(row));
  console.log(`SQLite log append alone (events + latest, one transaction per ${BATCH}): ${fmt(appended ?? 0)} events/s`);
  console.log(`zod draft validation alone (ingest and simulator path): ${fmt(validationRate())} events/s on one core`);
}

await main();
process.exit(0);
