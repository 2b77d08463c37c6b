import { mkdirSync } from 'node:fs';
import { hostname, userInfo } from 'node:os';
import { join } from 'node:path';
import type { CommandOutput, EventName, EventPayload, FeedHealth } from '../shared/ipc/contract.ts';
import type { InvokeResult } from '../shared/ipc/wire.ts';
import type { Actor } from '../shared/protocol/eventData.ts';
import { FeedClient } from './feed/feedClient.ts';
import { healthSignature } from './feed/health.ts';
import { FeedBatcher } from './ipc/feedBatcher.ts';
import { dispatch, type Handlers } from './ipc/handlers.ts';
import type { IpcEndpoint } from './ipc/transport.ts';
import { CommandQueue, commandTarget } from './services/commandQueue.ts';
import { OutboxSender } from './services/outboxSender.ts';
import { inlineWriter, withFallback, WorkerCacheWriter, type CacheWriter } from './store/cacheWriter.ts';
import { openStore, type Store } from './store/store.ts';

export interface CoreOptions {
  dataDir: string;
  /** The hub to follow; null or absent starts the built-in hub with the demo city in this process. */
  hubUrl?: string | null;
  /** The station's token for the hub handshake (`auth.token`). */
  hubToken?: string;
  mode: 'electron' | 'web';
  version?: string;
  /** Who acts from this station; defaults to the OS user and host name. */
  actor?: Partial<Actor>;
  /** Commit + `feed.batch` cadence. */
  tickMs?: number;
  offlineAfterMs?: number;
  /** Telemetry events older than this leave the local event log. */
  retentionMs?: number;
  /**
   * Commit the feed in a worker thread (the main thread plans each tick, the worker only runs the SQL).
   * Off by default: on our 2-core machines, where the bench's hub shares the main thread, the hop
   * (a structured clone of each plan, a second busy thread) measured slower than committing inline —
   * end-to-end ratio 0.32–0.34 vs 0.39–0.44 in tests/bench/client.ts (BENCH_STORE_WORKER=1). Worth
   * measuring on workstations with more cores.
   */
  storeWorker?: boolean;
  /** The built-in hub's demo city (when no hub URL is given). */
  demo?: { rate?: number; entities?: number; seed?: number; port?: number };
  log?: (line: string) => void;
}

/** The built-in hub as the core sees it (structural, so the core does not depend on hub internals). */
interface BuiltInHub {
  url: string;
  close(): Promise<void>;
}

export interface Core extends IpcEndpoint {
  readonly hubUrl: string;
  readonly demo: boolean;
  readonly store: Store;
  readonly feed: FeedClient;
  /** Runs one tick now (tests and benchmarks; the timer does it otherwise). */
  tick(): Promise<void>;
  close(): Promise<void>;
}

function defaultActor(): Actor {
  const clean = (s: string, fallback: string) => (s.trim() || fallback).slice(0, 200);
  let operator = 'operator';
  try {
    operator = userInfo().username;
  } catch {
    // No user entry (containers): keep the generic name.
  }
  return { operator: clean(operator, 'operator'), station: clean(hostname(), 'station') };
}

/**
 * The Electron-free composition root: store (two SQLite files), feed client, outbox, IPC handlers and
 * the per-tick loop that commits the feed and tells every window. Electron's shell and browser mode both
 * wrap this with their own transport.
 */
export async function createCore(options: CoreOptions): Promise<Core> {
  const log = options.log ?? ((line: string) => console.log(line));
  const tickMs = options.tickMs ?? 200;
  const retentionMs = options.retentionMs ?? 24 * 60 * 60 * 1000;
  mkdirSync(options.dataDir, { recursive: true });
  const store = openStore(options.dataDir, log);

  let hub: BuiltInHub | null = null;
  let hubUrl = options.hubUrl ?? null;
  try {
    if (!hubUrl) {
      const { createHub } = await import('../hub/server.ts');
      hub = await createHub({
        dbPath: join(options.dataDir, 'hub', 'hub.db'),
        port: options.demo?.port ?? 0,
        seed: options.demo?.seed ?? 1,
        ...(options.demo?.rate !== undefined ? { rate: options.demo.rate } : {}),
        ...(options.demo?.entities !== undefined ? { entities: options.demo.entities } : {}),
        logLine: (line) => log(`hub: ${line}`),
      });
      hubUrl = hub.url;
      log(`built-in hub with the demo city at ${hubUrl}`);
    }
  } catch (error) {
    store.close();
    throw error;
  }

  const listeners = new Set<<K extends EventName>(name: K, payload: EventPayload<K>) => void>();
  const emit = <K extends EventName>(name: K, payload: EventPayload<K>): void => {
    for (const listener of listeners) {
      try {
        listener(name, payload);
      } catch (error) {
        log(`ipc: event listener failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  };

  const worker = options.storeWorker === true ? await WorkerCacheWriter.start(join(options.dataDir, 'cache.db'), store.cache, log) : null;
  const writer: CacheWriter = worker ? withFallback(worker, inlineWriter(store.cache), log) : inlineWriter(store.cache);
  const batcher = new FeedBatcher();
  const feed = new FeedClient({
    hubUrl,
    cache: store.cache,
    writer,
    ...(options.hubToken !== undefined ? { authToken: options.hubToken } : {}),
    ...(options.offlineAfterMs !== undefined ? { offlineAfterMs: options.offlineAfterMs } : {}),
    log,
    onCommit: (result) => batcher.add(result),
    onCatalog: (count) => emit('catalog.changed', { count }),
    onLive: () => sender.kick(),
  });
  const outboxChanged = () => emit('store.changed', { tables: ['outbox'] });
  const sender = new OutboxSender({ outbox: store.outbox, channel: feed, log, onChanged: outboxChanged });
  const queue = new CommandQueue({
    outbox: store.outbox,
    actor: { ...defaultActor(), ...options.actor },
    onQueued: () => {
      outboxChanged();
      sender.kick();
    },
  });

  const info: CommandOutput<'app.info'> = {
    version: options.version ?? '0.0.0',
    mode: options.mode,
    hubUrl,
    demo: hub !== null,
    dataDir: options.dataDir,
  };
  const handlers: Handlers = {
    'app.info': () => info,
    'wall.bootstrap': async () => {
      // Commit what is buffered so the answer and the following batches line up.
      await feed.flush();
      return { catalog: store.cache.catalog(), entities: store.cache.latestAll(), health: feed.health() };
    },
    'feed.health': () => feed.health(),
    'alarm.acknowledge': (input) => queue.queue('alarm.acknowledge', input),
    'outbox.status': () => ({
      pending: store.outbox.pendingCount(),
      // Capped: the count stays exact, the list is for marking entities on the wall and the tooltip.
      pendingItems: store.outbox.pending().slice(0, 1000).map((e) => ({
        commandId: e.commandId,
        type: e.type,
        target: commandTarget(e.payload),
        createdAt: e.createdAt,
        attempts: e.attempts,
        lastError: e.lastError,
      })),
      rejected: store.outbox.rejected().map((r) => ({
        commandId: r.commandId,
        type: r.type,
        target: commandTarget(r.payload),
        answeredAt: r.answeredAt,
        code: r.error?.code ?? '',
        message: r.error?.message ?? '',
      })),
    }),
  };

  let lastHealth: FeedHealth | null = null;
  let lastSignature = '';
  let lastHealthAt = 0;
  const tick = async (): Promise<void> => {
    await feed.tick();
    const batch = batcher.take();
    if (batch) emit('feed.batch', batch);
    const now = Date.now();
    const health = feed.health();
    const signature = healthSignature(health);
    // State changes go out on the next tick; timing-only changes (lag, data age) at most once a second.
    if (signature !== lastSignature || (now - lastHealthAt >= 1000 && JSON.stringify(health) !== JSON.stringify(lastHealth))) {
      emit('feed.health', health);
      lastSignature = signature;
      lastHealth = health;
      lastHealthAt = now;
    }
  };
  // One tick at a time: when a commit takes longer than a tick, the next one waits instead of piling up.
  let ticking: Promise<void> | null = null;
  const safeTick = (): Promise<void> => {
    ticking ??= tick()
      .catch((error: unknown) => log(`core: tick failed: ${error instanceof Error ? error.message : String(error)}`))
      .finally(() => {
        ticking = null;
      });
    return ticking;
  };
  const timer = setInterval(() => void safeTick(), tickMs);
  const prune = () => {
    try {
      const deleted = store.cache.prune(Date.now(), retentionMs);
      if (deleted > 0) log(`cache: retention removed ${deleted} events`);
    } catch (error) {
      log(`cache: retention failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
  const pruneTimer = setInterval(prune, 60_000);
  pruneTimer.unref();
  prune();
  feed.start();

  let closing: Promise<void> | null = null;
  return {
    hubUrl,
    demo: hub !== null,
    store,
    feed,
    tick: safeTick,
    invoke: (name: unknown, input: unknown): Promise<InvokeResult> => dispatch(handlers, name, input),
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close() {
      closing ??= (async () => {
        clearInterval(timer);
        clearInterval(pruneTimer);
        sender.close();
        await ticking;
        await feed.close();
        await writer.close();
        listeners.clear();
        if (hub) await hub.close();
        store.close();
      })();
      return closing;
    },
  };
}
