import { io, type Socket } from 'socket.io-client';
import { z } from 'zod';
import type { FeedHealth } from '../../shared/ipc/contract.ts';
import { CATALOG_KINDS, catalogItemSchema, type CatalogItem } from '../../shared/protocol/catalog.ts';
import { parseEnvelope, type Envelope } from '../../shared/protocol/envelope.ts';
import {
  FEED_EVENTS,
  FEED_NAMESPACE,
  snapshotMessageSchema,
  subscribeAckSchema,
  type CommandRequest,
  type SubscribeRequest,
} from '../../shared/protocol/messages.ts';
import { STREAMS, type StreamName } from '../../shared/protocol/streams.ts';
import { inlineWriter, type CacheWriter } from '../store/cacheWriter.ts';
import type { FeedCache, StreamPosition, TickResult } from '../store/feedCache.ts';
import { FeedBuffer } from './feedBuffer.ts';
import { computeHealth, type StreamInputs } from './health.ts';
import { Rejections } from './rejections.ts';

export interface FeedClientOptions {
  hubUrl: string;
  /** Read side: persisted positions (the writer commits; both are the same cache.db). */
  cache: FeedCache;
  /** Where ticks commit; defaults to the cache itself on this thread. */
  writer?: CacheWriter;
  /** Sent as the handshake's `auth.token` (station token; the hub checks it once access control lands). */
  authToken?: string;
  streams?: readonly StreamName[];
  /** Without a connection for this long, streams turn offline (the wall must say so within 10 s). */
  offlineAfterMs?: number;
  ackTimeoutMs?: number;
  catalogPageSize?: number;
  /** Commit early when this many events wait (bounds memory during a fast backfill). */
  maxBufferedEvents?: number;
  /** While a stream catches up on a replay, `tick()` commits at most this often (group commit). */
  backfillCommitMs?: number;
  now?: () => number;
  log?: (line: string) => void;
  onCommit?: (result: TickResult) => void;
  onCatalog?: (count: number) => void;
  /** Subscribed on a fresh connection: the outbox may send. */
  onLive?: () => void;
}

/** Catalog pages are parsed item by item so one bad item does not cost the whole page. */
const catalogPageSchema = z.object({
  ok: z.literal(true),
  items: z.array(z.unknown()).max(10_000),
  nextCursor: z.string().max(200).nullable(),
});
const MAX_EVENTS_PER_MESSAGE = 20_000;
/**
 * Largest WebSocket frame accepted from the hub. engine.io-client hands `maxPayload` to the `ws` package
 * in Node (it is missing from its typings): a broken or hostile hub cannot make us buffer an unbounded
 * frame. The hub's largest messages (snapshot and catalog pages) stay far below this.
 */
const wsLimits = { maxPayload: 16 * 1024 * 1024 };

/**
 * The hub connection: socket.io over WebSocket only, reconnecting with backoff; on every connect it
 * commits what it holds, then subscribes with the last persisted seq per stream. Events are parsed one
 * by one (bad ones counted by reason, the rest kept), deduplicated, checked for contiguity (a gap
 * resubscribes), and committed by `flush()` once per tick.
 */
export class FeedClient {
  readonly #o: Required<Omit<FeedClientOptions, 'onCommit' | 'onCatalog' | 'onLive' | 'log' | 'writer' | 'authToken'>> &
    Pick<FeedClientOptions, 'onCommit' | 'onCatalog' | 'onLive'> & { log: (line: string) => void };
  #buffer: FeedBuffer;
  readonly #rejections = new Rejections();
  readonly #gaps = new Set<StreamName>();
  readonly #backfill = new Map<StreamName, { from: number; target: number }>();
  #socket: Socket | null = null;
  #connected = false;
  #everConnected = false;
  #disconnectedSince: number;
  #reconnects = 0;
  #subscribeGen = 0;
  #subscribing = false;
  #catalogFetched = false;
  #closed = false;
  #serverRetry: NodeJS.Timeout | null = null;
  readonly #writer: CacheWriter;
  readonly #authToken: string | undefined;
  /** Commits run one after the other, in drain order. */
  #commits: Promise<unknown> = Promise.resolve();
  /** When the last commit was started (`tick()` spaces them during a backfill). */
  #lastFlushAt = 0;
  /** Bumped when a commit fails: ticks drained before it must not commit past the hole. */
  #bufferGen = 0;
  readonly #persisted = new Set<(positions: readonly StreamPosition[]) => void>();
  /** Counters for diagnostics and benchmarks. */
  readonly stats = { received: 0, duplicates: 0, gaps: 0, committed: 0, commitFailures: 0 };

  constructor(options: FeedClientOptions) {
    this.#o = {
      streams: STREAMS,
      offlineAfterMs: 3000,
      ackTimeoutMs: 10_000,
      catalogPageSize: 2000,
      maxBufferedEvents: 50_000,
      backfillCommitMs: 1000,
      now: Date.now,
      log: () => {},
      ...options,
    };
    this.#writer = options.writer ?? inlineWriter(options.cache);
    this.#authToken = options.authToken;
    this.#disconnectedSince = this.#o.now();
    const positions = this.#o.cache.positions();
    for (const p of positions.values()) if (p.gap) this.#gaps.add(p.stream);
    this.#buffer = new FeedBuffer(positions);
  }

  /**
   * Called after each commit with the positions it made durable (fault tests report them from a child
   * process and check them after a SIGKILL). Returns the unsubscribe.
   */
  onPersisted(listener: (positions: readonly StreamPosition[]) => void): () => void {
    this.#persisted.add(listener);
    return () => this.#persisted.delete(listener);
  }

  get connected(): boolean {
    return this.#connected;
  }

  get hubUrl(): string {
    return this.#o.hubUrl;
  }

  start(): void {
    const socket = io(new URL(FEED_NAMESPACE, this.#o.hubUrl).href, {
      transports: ['websocket'],
      forceNew: true,
      reconnection: true,
      reconnectionDelay: 250,
      reconnectionDelayMax: 2000,
      randomizationFactor: 0.5,
      timeout: 5000,
      autoConnect: false,
      auth: this.#authToken === undefined ? {} : { token: this.#authToken },
      ...wsLimits,
    });
    this.#socket = socket;
    socket.on('connect', () => this.#onConnect());
    socket.on('disconnect', (reason) => {
      this.#onDisconnect(reason);
      // A server-side disconnect is not retried by socket.io itself; a restarting hub does that.
      if (reason === 'io server disconnect' && !this.#closed) {
        this.#serverRetry = setTimeout(() => socket.connect(), 500);
      }
    });
    socket.on('connect_error', (error) => this.#o.log(`feed: cannot reach ${this.#o.hubUrl} (${error.message})`));
    socket.on(FEED_EVENTS.events, (raw: unknown) => this.#onEvents(raw));
    socket.on(FEED_EVENTS.snapshot, (raw: unknown) => this.#onSnapshot(raw));
    socket.connect();
  }

  async close(): Promise<void> {
    this.#closed = true;
    if (this.#serverRetry) clearTimeout(this.#serverRetry);
    this.#socket?.removeAllListeners();
    this.#socket?.disconnect();
    this.#socket = null;
    this.#connected = false;
    await this.flush();
  }

  /**
   * The periodic commit (the core's tick). While a replay is catching up, ticks are grouped: a commit at
   * most every `backfillCommitMs` or `maxBufferedEvents`, and one as soon as the replay reaches the
   * hub's head. Every tick rewrites the latest row of each entity it touched, so with 10k entities a
   * 200 ms tick during a backfill wrote about one latest row per two events; grouped, one per five
   * (tests/bench/client.ts). The wall then moves once a second while it catches up, and live again after.
   */
  tick(): Promise<TickResult | null> {
    if (this.#backfill.size > 0 && this.#o.now() - this.#lastFlushAt < this.#o.backfillCommitMs) return Promise.resolve(null);
    return this.flush();
  }

  /**
   * Commits everything ready in ONE transaction; the persisted seq moves only here. Drains now (so ticks
   * commit in order), resolves once this and every earlier commit is done.
   */
  flush(): Promise<TickResult | null> {
    this.#lastFlushAt = this.#o.now();
    const writes = this.#buffer.drain(this.#o.now());
    const gen = this.#bufferGen;
    const done = this.#commits.then(async (): Promise<TickResult | null> => {
      if (writes.length === 0 || gen !== this.#bufferGen) return null;
      let result: TickResult;
      try {
        result = await this.#writer.writeTick(writes);
      } catch (error) {
        this.#commitFailed(error);
        return null;
      }
      for (const p of result.positions) if (p.gap) this.#gaps.add(p.stream);
      this.stats.committed += result.eventsWritten;
      this.#o.onCommit?.(result);
      // Only here, after the transaction returned: what listeners hear survives a crash of this process.
      for (const listener of this.#persisted) listener(result.positions);
      return result;
    });
    this.#commits = done;
    return done;
  }

  /**
   * Nothing of the failed tick was stored (one transaction). Forget what was buffered — and any tick
   * drained after it — and ask the hub again from what IS persisted, so the range is fetched again
   * instead of silently skipped.
   */
  #commitFailed(error: unknown): void {
    this.#o.log(`feed: commit failed (${error instanceof Error ? error.message : String(error)}); resyncing from the persisted seqs`);
    this.#bufferGen += 1;
    this.#buffer = new FeedBuffer(this.#o.cache.positions());
    this.#backfill.clear();
    this.stats.commitFailures += 1;
    if (this.#connected) this.#socket?.disconnect().connect();
  }

  health(): FeedHealth {
    const streams = new Map<StreamName, StreamInputs>();
    for (const name of this.#o.streams) {
      const timing = this.#buffer.timing(name);
      const lastSeq = this.#buffer.lastSeq(name);
      const b = this.#backfill.get(name);
      streams.set(name, {
        subscribed: this.#buffer.isSubscribed(name),
        lastSeq,
        lastEventAt: timing.lastEventAt,
        receivedAt: timing.receivedAt,
        gap: this.#gaps.has(name),
        backfill: b ? { done: Math.max(0, lastSeq - b.from), total: b.target - b.from } : null,
      });
    }
    return computeHealth({
      hubUrl: this.#o.hubUrl,
      connected: this.#connected,
      disconnectedSince: this.#disconnectedSince,
      reconnects: this.#reconnects,
      streams,
      rejected: this.#rejections.snapshot(),
      now: this.#o.now(),
      offlineAfterMs: this.#o.offlineAfterMs,
    });
  }

  /** Sends one operator command; resolves with the hub's raw answer (the caller parses it). */
  async sendCommand(request: CommandRequest): Promise<unknown> {
    const socket = this.#socket;
    if (!socket || !this.#connected) throw new Error('not connected to the hub');
    return socket.timeout(this.#o.ackTimeoutMs).emitWithAck(FEED_EVENTS.command, request) as Promise<unknown>;
  }

  /** Counts a rejected message (also used by the outbox for answers it cannot parse). */
  reject(reason: string): void {
    this.#rejections.add(reason);
  }

  #onConnect(): void {
    if (this.#everConnected) this.#reconnects += 1;
    this.#everConnected = true;
    this.#connected = true;
    this.#o.log(`feed: connected to ${this.#o.hubUrl}`);
    void this.#subscribe();
  }

  #onDisconnect(reason: string): void {
    if (!this.#connected) return;
    this.#connected = false;
    this.#disconnectedSince = this.#o.now();
    this.#subscribeGen += 1;
    this.#subscribing = false;
    this.#backfill.clear();
    this.#buffer.unsubscribeAll();
    void this.flush();
    this.#o.log(`feed: disconnected (${reason})`);
  }

  async #subscribe(): Promise<void> {
    const socket = this.#socket;
    if (!socket) return;
    const gen = ++this.#subscribeGen;
    this.#subscribing = true;
    // Stop taking events, then commit what was taken: `since` is then what is persisted, never what is
    // only buffered. A failed commit reconnects, and that connection subscribes instead.
    this.#buffer.unsubscribeAll();
    this.#backfill.clear();
    await this.flush();
    if (gen !== this.#subscribeGen || !this.#connected || this.#closed) return;
    const { since, epoch } = this.#buffer.subscribeRequest(this.#o.streams);
    const request: SubscribeRequest = { streams: [...this.#o.streams], since, ...(epoch !== undefined ? { epoch } : {}) };
    socket.timeout(this.#o.ackTimeoutMs).emit(FEED_EVENTS.subscribe, request, (error: Error | null, raw: unknown) => {
      if (gen !== this.#subscribeGen || this.#closed) return;
      this.#subscribing = false;
      if (error) {
        this.#o.log(`feed: subscribe got no answer (${error.message}); reconnecting`);
        socket.disconnect().connect();
        return;
      }
      const ack = subscribeAckSchema.safeParse(raw);
      if (!ack.success || !ack.data.ok) {
        const why = ack.success ? (ack.data.ok ? '' : `${ack.data.error.code}: ${ack.data.error.message}`) : 'invalid subscribe ack';
        this.#rejections.add(`subscribe refused: ${why}`);
        this.#o.log(`feed: subscribe refused (${why}); retrying`);
        setTimeout(() => gen === this.#subscribeGen && void this.#subscribe(), 2000).unref();
        return;
      }
      const now = this.#o.now();
      for (const [name, start] of Object.entries(ack.data.streams)) {
        const stream = name as StreamName;
        if (!start || !this.#o.streams.includes(stream)) continue;
        const sent = since[stream];
        this.#buffer.applyAck(stream, ack.data.epoch, start, sent);
        this.#buffer.touch(stream, now);
        if (start.mode === 'replay' && start.lastSeq > this.#buffer.lastSeq(stream)) {
          this.#backfill.set(stream, { from: this.#buffer.lastSeq(stream), target: start.lastSeq });
        }
        if (start.mode === 'snapshot') this.#o.log(`feed: ${stream} takes a snapshot${sent !== undefined ? ' (history gap)' : ''}`);
      }
      this.#o.onLive?.();
      if (!this.#catalogFetched) void this.#fetchCatalog(socket, gen);
    });
  }

  #onEvents(raw: unknown): void {
    if (!Array.isArray(raw)) {
      this.#rejections.add('events message is not an array');
      return;
    }
    if (raw.length > MAX_EVENTS_PER_MESSAGE) {
      this.#rejections.add('events message too large', raw.length);
      return;
    }
    const now = this.#o.now();
    let gap: Envelope | null = null;
    let caughtUp = false;
    for (const item of raw) {
      const parsed = parseEnvelope(item);
      if (!parsed.ok) {
        this.#rejections.add(parsed.reason);
        continue;
      }
      this.stats.received += 1;
      const verdict = this.#buffer.applyEvent(parsed.value, now);
      if (verdict === 'duplicate') this.stats.duplicates += 1;
      else if (verdict === 'gap' && !gap) gap = parsed.value;
      else if (verdict === 'accepted') {
        const b = this.#backfill.get(parsed.value.stream);
        if (b && parsed.value.seq >= b.target) {
          this.#backfill.delete(parsed.value.stream);
          caughtUp = true;
        }
      }
    }
    if (gap && !this.#subscribing) {
      this.stats.gaps += 1;
      this.#o.log(`feed: ${gap.stream} jumped to seq ${gap.seq} after ${this.#buffer.lastSeq(gap.stream)}; resubscribing`);
      void this.#subscribe();
    }
    if (caughtUp || this.#buffer.pendingEvents() >= this.#o.maxBufferedEvents) void this.flush();
  }

  #onSnapshot(raw: unknown): void {
    const message = snapshotMessageSchema.safeParse(raw);
    if (!message.success) {
      this.#rejections.add('invalid snapshot message');
      return;
    }
    const { stream, seq, done } = message.data;
    const entities: Envelope[] = [];
    for (const item of message.data.entities) {
      const parsed = parseEnvelope(item);
      if (!parsed.ok) this.#rejections.add(parsed.reason);
      else if (parsed.value.stream !== stream) this.#rejections.add('snapshot entity of another stream');
      else entities.push(parsed.value);
    }
    if (this.#buffer.applySnapshotPage(stream, seq, entities, done, this.#o.now())) {
      this.#o.log(`feed: ${stream} snapshot complete at seq ${seq}`);
    }
  }

  async #fetchCatalog(socket: Socket, gen: number): Promise<void> {
    let count = 0;
    try {
      for (const kind of CATALOG_KINDS) {
        const items: CatalogItem[] = [];
        let cursor: string | null = null;
        for (let page = 0; page < 10_000; page++) {
          const raw: unknown = await socket
            .timeout(this.#o.ackTimeoutMs)
            .emitWithAck(FEED_EVENTS.catalog, { kind, cursor, limit: this.#o.catalogPageSize });
          if (gen !== this.#subscribeGen) return;
          const parsed = catalogPageSchema.safeParse(raw);
          if (!parsed.success) {
            this.#rejections.add(`invalid catalog page (${kind})`);
            break;
          }
          for (const item of parsed.data.items) {
            const one = catalogItemSchema.safeParse(item);
            if (one.success && one.data.kind === kind) items.push(one.data);
            else this.#rejections.add(`invalid catalog item (${kind})`);
          }
          if (parsed.data.nextCursor === null || parsed.data.nextCursor === cursor) break;
          cursor = parsed.data.nextCursor;
        }
        this.#o.cache.replaceCatalog(kind, items);
        count += items.length;
      }
      this.#catalogFetched = true;
      this.#o.onCatalog?.(count);
    } catch (error) {
      this.#o.log(`feed: catalog fetch interrupted (${error instanceof Error ? error.message : String(error)}); retried on next connect`);
    }
  }
}
