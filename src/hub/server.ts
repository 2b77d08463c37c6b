import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import { parseDraft, type Envelope, type EventDraft } from '../shared/protocol/envelope.ts';
import { FEED_NAMESPACE } from '../shared/protocol/messages.ts';
import { STREAMS, type StreamName } from '../shared/protocol/streams.ts';
import type { AdapterContext } from './adapters/context.ts';
import { installAdapters } from './adapters/index.ts';
import { Broadcaster } from './broadcaster.ts';
import { CatalogPages } from './catalogPages.ts';
import { CityDriver } from './cityDriver.ts';
import type { CommandDeps } from './commands.ts';
import { createDemoCity } from './demo/city.ts';
import type { DemoCity } from './demo/types.ts';
import { installFeed, type FeedStats } from './feedNamespace.ts';
import { HttpRouter, sendJson } from './httpRouter.ts';
import { HubIngestSink } from './hubIngestSink.ts';
import type { IngestSink } from './ingestSink.ts';
import type { CommandRecord, EventLog, RetentionPolicy, StreamRange } from './log/eventLog.ts';
import { SqliteEventLog } from './log/sqliteEventLog.ts';
import { SlowConsumerGuard } from './slowConsumerGuard.ts';
import { SourceCounters } from './sourceCounters.ts';

/** Largest socket.io message the hub accepts; bigger ones close that client's connection. */
export const MAX_HTTP_BUFFER_SIZE = 1_000_000;

export interface HubOptions {
  host?: string;
  /** 0 picks a free port (the returned `port` and `url` show it). */
  port?: number;
  dbPath: string;
  seed?: number;
  /** Total events/s the demo city may emit; 0 runs no simulator (ingest and commands only). */
  rate?: number;
  entities?: number;
  /** Simulated ms per real ms. */
  speed?: number;
  adapterOptions?: Readonly<Record<string, string | undefined>>;
  /** The hub clock (`ts` of every event, `serverTime`); tests pass a fake one. */
  clock?: () => number;
  retention?: Partial<RetentionPolicy>;
  /** Broadcast and simulator tick. */
  tickMs?: number;
  pruneEveryMs?: number;
  /** A subscriber whose connection takes no data for this long is disconnected (it resubscribes). */
  slowConsumerMs?: number;
  /** A city to drive instead of the built-in demo city (tests); `null` = no city and an empty catalog. */
  city?: DemoCity | null;
  logLine?: (line: string) => void;
}

export interface Hub {
  readonly url: string;
  readonly port: number;
  readonly epoch: string;
  readonly log: EventLog;
  readonly sink: IngestSink;
  readonly driver: CityDriver | undefined;
  /** Validates, appends and broadcasts drafts (tests and fault tests drive the hub through this). */
  append(drafts: readonly EventDraft[]): Envelope[];
  /** Appends and broadcasts drafts without validating them: for trusted producers only (benchmarks). */
  publish(drafts: readonly EventDraft[]): Envelope[];
  /** Registers an HTTP route, as adapters do through their context. */
  route: AdapterContext['route'];
  /** Sends whatever is queued for broadcast now instead of at the next tick. */
  flush(): void;
  /** Applies retention now. */
  prune(): number;
  health(): HealthReport;
  close(): Promise<void>;
}

export interface HealthReport {
  epoch: string;
  serverTime: number;
  streams: Record<StreamName, StreamRange>;
  sources: ReturnType<SourceCounters['toJSON']>;
  clients: { connected: number; rejectedMessages: number; droppedSlow: number };
}

function loadCity(options: HubOptions, startAt: number): DemoCity | undefined {
  if (options.city !== undefined) return options.city ?? undefined;
  return createDemoCity({ seed: options.seed ?? 1, entities: options.entities, startAt });
}

function listen(server: HttpServer, port: number, host: string): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve(server.address() as AddressInfo);
    });
  });
}

/** Composes the hub: event log, socket.io feed, HTTP endpoints, adapters and the demo-city driver. */
export async function createHub(options: HubOptions): Promise<Hub> {
  const clock = options.clock ?? Date.now;
  const logLine = options.logLine ?? ((line: string) => process.stderr.write(`${line}\n`));
  const tickMs = options.tickMs ?? 50;
  const host = options.host ?? '127.0.0.1';
  const log = new SqliteEventLog({ path: options.dbPath, clock, retention: options.retention });
  const disposers: (() => void | Promise<void>)[] = [];
  try {
    const city = loadCity(options, clock());
    const router = new HttpRouter(logLine);
    const http = createServer((req, res) => router.handle(req, res));
    const io = new Server(http, {
      maxHttpBufferSize: MAX_HTTP_BUFFER_SIZE,
      serveClient: false,
      // Recovery stays off: it skips middleware on reconnect and our seq replay already covers it.
      connectionStateRecovery: undefined,
    });
    const nsp = io.of(FEED_NAMESPACE);
    const broadcaster = new Broadcaster(nsp, tickMs);
    const publish = (drafts: readonly EventDraft[], command?: CommandRecord): Envelope[] => {
      const envelopes = log.appendBatch(drafts, command);
      broadcaster.push(envelopes);
      return envelopes;
    };
    const counters = new SourceCounters(clock);
    const sink = new HubIngestSink(log, publish, counters);
    const commands: CommandDeps = { log, publish, now: clock };
    const feedStats: FeedStats = installFeed(nsp, {
      log,
      broadcaster,
      catalog: new CatalogPages(city?.catalog ?? []),
      commands,
      now: clock,
      logLine,
    });

    const guard = new SlowConsumerGuard(options.slowConsumerMs ?? 30_000);
    const health = (): HealthReport => ({
      epoch: log.epoch,
      serverTime: clock(),
      streams: Object.fromEntries(STREAMS.map((s) => [s, log.range(s)])) as Record<StreamName, StreamRange>,
      sources: counters.toJSON(),
      clients: { connected: nsp.sockets.size, rejectedMessages: feedStats.rejectedMessages, droppedSlow: guard.dropped },
    });
    router.route('GET', '/healthz', (_req, res) => sendJson(res, 200, health()));

    const ctx: AdapterContext = {
      sink,
      route: (method, pathname, handler) => router.route(method, pathname, handler),
      options: options.adapterOptions ?? {},
      onClose: (dispose) => void disposers.push(dispose),
      log: logLine,
    };
    installAdapters(ctx);

    const driver =
      city && (options.rate ?? 200) > 0
        ? new CityDriver({
            city,
            rate: options.rate ?? 200,
            speed: options.speed ?? 1,
            tickMs,
            startAt: clock(),
            publish,
            counters,
          })
        : undefined;
    const pruneTimer = setInterval(() => {
      try {
        log.prune(clock());
      } catch (e) {
        logLine(`hub: retention failed: ${e instanceof Error ? e.message : String(e)}`);
      }
    }, options.pruneEveryMs ?? 1000);
    pruneTimer.unref();

    nsp.on('connection', (socket) => {
      socket.conn.on('drain', () => guard.progress(socket, performance.now()));
    });
    const guardTimer = setInterval(() => {
      for (const id of guard.check(nsp.sockets.values(), performance.now())) logLine(`hub: dropped slow subscriber ${id}`);
    }, 1000);
    guardTimer.unref();

    let closed: Promise<void> | undefined;
    const shutdown = (): Promise<void> =>
      (closed ??= (async () => {
        driver?.stop();
        clearInterval(pruneTimer);
        clearInterval(guardTimer);
        broadcaster.close();
        for (const dispose of disposers.splice(0).reverse()) {
          try {
            await dispose();
          } catch (e) {
            logLine(`hub: adapter shutdown failed: ${e instanceof Error ? e.message : String(e)}`);
          }
        }
        io.disconnectSockets(true);
        // Also closes the HTTP server (and reports an error when it never listened: nothing to do then).
        await new Promise<void>((resolve) => void io.close(() => resolve()));
        log.close();
      })());

    let address: AddressInfo;
    try {
      address = await listen(http, options.port ?? 7420, host);
    } catch (error) {
      await shutdown();
      throw error;
    }
    driver?.start(logLine);
    const urlHost = host.includes(':') ? `[${host}]` : host;
    return {
      url: `http://${urlHost}:${address.port}`,
      port: address.port,
      epoch: log.epoch,
      log,
      sink,
      driver,
      append(drafts) {
        const valid = drafts.map((draft) => {
          const parsed = parseDraft(draft);
          if (!parsed.ok) throw new Error(`append: ${parsed.reason}`);
          return parsed.value;
        });
        return publish(valid);
      },
      publish: (drafts) => publish(drafts),
      route: ctx.route,
      flush: () => broadcaster.flush(),
      prune: () => log.prune(clock()),
      health,
      close: shutdown,
    };
  } catch (error) {
    for (const dispose of disposers) await dispose();
    log.close();
    throw error;
  }
}
