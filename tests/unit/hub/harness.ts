// A hub on 127.0.0.1:0 with a temp database, and a socket.io client that checks what the protocol
// promises (valid envelopes, contiguous seq per stream, snapshot before events) on every message.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { io, type Socket } from 'socket.io-client';
import { createHub, type Hub, type HubOptions } from '../../../src/hub/server.ts';
import { parseEnvelope, type Envelope } from '../../../src/shared/protocol/envelope.ts';
import {
  FEED_EVENTS,
  FEED_NAMESPACE,
  snapshotMessageSchema,
  subscribeAckSchema,
  type SnapshotMessage,
  type SubscribeAck,
  type SubscribeRequest,
} from '../../../src/shared/protocol/messages.ts';
import type { StreamName } from '../../../src/shared/protocol/streams.ts';
import { testCity } from './fixtures.ts';

export function tempDir(): { dir: string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'wf-hub-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Starts a hub (no simulator unless `rate` is given) with the fixture city's catalog. */
export async function startHub(options: Partial<HubOptions> & { dir: string }): Promise<Hub> {
  return createHub({
    port: 0,
    dbPath: join(options.dir, 'hub.db'),
    rate: 0,
    city: testCity(),
    logLine: () => undefined,
    // Tests prune explicitly (hub.prune()), so retention never races an assertion.
    pruneEveryMs: 3_600_000,
    ...options,
  });
}

const WAIT_MS = 15_000;

/** A feed client that validates everything it receives and lets tests wait on what arrived. */
export class FeedClient {
  readonly socket: Socket;
  readonly events = new Map<StreamName, Envelope[]>();
  readonly snapshots: SnapshotMessage[] = [];
  /** Sizes of the `events` messages received, in order. */
  readonly batchSizes: number[] = [];
  /** Protocol violations seen (invalid envelope, seq gap or repeat, events before the snapshot ended). */
  readonly violations: string[] = [];
  /** Next seq expected per stream, known once a snapshot is done or a replay/live start is acked. */
  readonly #expected = new Map<StreamName, number>();
  readonly #snapshotting = new Set<StreamName>();
  readonly #waiters = new Set<() => void>();

  constructor(url: string, auth?: Record<string, unknown>) {
    this.socket = io(`${url}${FEED_NAMESPACE}`, { transports: ['websocket'], reconnection: false, forceNew: true, auth });
    this.socket.on(FEED_EVENTS.events, (batch: unknown) => this.#onEvents(batch));
    this.socket.on(FEED_EVENTS.snapshot, (message: unknown) => this.#onSnapshot(message));
  }

  static async connect(url: string, auth?: Record<string, unknown>): Promise<FeedClient> {
    const client = new FeedClient(url, auth);
    await new Promise<void>((resolve, reject) => {
      client.socket.once('connect', () => resolve());
      client.socket.once('connect_error', reject);
    });
    return client;
  }

  /**
   * Subscribes. The ack is handled inside socket.io's callback, not after an `await`: snapshot and events
   * that arrived in the same network read are dispatched before a promise continuation would run.
   */
  subscribe(request: SubscribeRequest): Promise<SubscribeAck> {
    return new Promise((resolve, reject) => {
      this.socket.timeout(WAIT_MS).emit(FEED_EVENTS.subscribe, request, (err: Error | null, raw: unknown) => {
        if (err) return reject(err);
        const ack = subscribeAckSchema.safeParse(raw);
        if (!ack.success) return reject(new Error('invalid subscribe ack'));
        if (ack.data.ok) {
          for (const [stream, start] of Object.entries(ack.data.streams) as [StreamName, { mode: string }][]) {
            if (start.mode === 'snapshot') {
              this.#snapshotting.add(stream);
              this.#expected.delete(stream);
            } else this.#expected.set(stream, (request.since?.[stream] ?? 0) + 1);
          }
        }
        resolve(ack.data);
      });
    });
  }

  /** Any request with an ack; resolves with the raw answer. */
  request(event: string, ...args: unknown[]): Promise<unknown> {
    return this.socket.timeout(WAIT_MS).emitWithAck(event, ...args) as Promise<unknown>;
  }

  seqs(stream: StreamName): number[] {
    return (this.events.get(stream) ?? []).map((e) => e.seq);
  }

  lastSeq(stream: StreamName): number {
    const list = this.events.get(stream);
    return list?.[list.length - 1]?.seq ?? 0;
  }

  /** Resolves once `predicate` holds, re-checked on every message received; rejects after a long guard. */
  waitFor(predicate: () => boolean, what: string): Promise<void> {
    if (predicate()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const check = (): void => {
        if (!predicate()) return;
        this.#waiters.delete(check);
        clearTimeout(guard);
        resolve();
      };
      const guard = setTimeout(() => {
        this.#waiters.delete(check);
        reject(new Error(`timed out waiting for ${what}; violations: ${this.violations.slice(0, 3).join(' | ')}`));
      }, WAIT_MS);
      this.#waiters.add(check);
    });
  }

  close(): void {
    this.socket.disconnect();
  }

  #notify(): void {
    for (const waiter of [...this.#waiters]) waiter();
  }

  #onSnapshot(raw: unknown): void {
    const parsed = snapshotMessageSchema.safeParse(raw);
    if (!parsed.success) this.violations.push('invalid snapshot message');
    else {
      const message = parsed.data;
      this.snapshots.push(message);
      for (const e of message.entities) if (!parseEnvelope(e).ok) this.violations.push(`invalid snapshot envelope in ${message.stream}`);
      if (!this.#snapshotting.has(message.stream)) this.violations.push(`unexpected snapshot for ${message.stream}`);
      if (message.done) {
        this.#snapshotting.delete(message.stream);
        this.#expected.set(message.stream, message.seq + 1);
      }
    }
    this.#notify();
  }

  #onEvents(raw: unknown): void {
    if (!Array.isArray(raw)) this.violations.push('events is not an array');
    else {
      this.batchSizes.push(raw.length);
      for (const item of raw) {
        const parsed = parseEnvelope(item);
        if (!parsed.ok) {
          this.violations.push(parsed.reason);
          continue;
        }
        const e = parsed.value;
        const expected = this.#expected.get(e.stream);
        if (this.#snapshotting.has(e.stream)) this.violations.push(`${e.stream} event ${e.seq} before its snapshot ended`);
        else if (expected !== undefined && e.seq !== expected) this.violations.push(`${e.stream}: expected seq ${expected}, got ${e.seq}`);
        this.#expected.set(e.stream, e.seq + 1);
        const list = this.events.get(e.stream) ?? [];
        list.push(e);
        this.events.set(e.stream, list);
      }
    }
    this.#notify();
  }
}
