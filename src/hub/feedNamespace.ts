import type { Namespace, Socket } from 'socket.io';
import {
  ERROR_CODES,
  FEED_EVENTS,
  subscribeRequestSchema,
  type CommandAck,
  type ProtocolError,
  type StreamStart,
  type SubscribeAck,
} from '../shared/protocol/messages.ts';
import type { StreamName } from '../shared/protocol/streams.ts';
import type { Broadcaster } from './broadcaster.ts';
import type { CatalogPages } from './catalogPages.ts';
import { handleCommand, type CommandDeps } from './commands.ts';
import type { EventLog } from './log/eventLog.ts';
import { planStream, StreamFeeder } from './streamFeeder.ts';

export interface FeedDeps {
  log: EventLog;
  broadcaster: Broadcaster;
  catalog: CatalogPages;
  commands: CommandDeps;
  now(): number;
  logLine(line: string): void;
}

/** Client messages the hub could not use (bad shape, no ack to answer on, a handler failure). */
export interface FeedStats {
  rejectedMessages: number;
}

type Ack = (answer: unknown) => void;

function error(code: string, message: string): { ok: false; error: ProtocolError } {
  return { ok: false, error: { code, message: message.slice(0, 2000) } };
}

function describeIssue(issues: readonly { path: PropertyKey[]; message: string }[]): string {
  const issue = issues[0];
  return issue ? `${issue.path.map(String).join('.') || '(root)'}: ${issue.message}` : 'bad shape';
}

/**
 * The `/feed` namespace: `subscribe`, `catalog` and `command`, each answered on its ack. Every input is
 * untrusted: a message that is not what the protocol says gets an `invalid` answer when it came with an
 * ack, is counted when it did not, and never throws out of a handler.
 */
export function installFeed(nsp: Namespace, deps: FeedDeps): FeedStats {
  const stats: FeedStats = { rejectedMessages: 0 };

  // `auth.token` is optional until access control lands; reject only what cannot be a token at all.
  nsp.use((socket, next) => {
    const auth: unknown = socket.handshake.auth;
    const token = auth !== null && typeof auth === 'object' && 'token' in auth ? auth.token : undefined;
    if (token !== undefined && (typeof token !== 'string' || token.length > 4096)) next(new Error('invalid auth token'));
    else next();
  });

  nsp.on('connection', (socket) => {
    const feeders = new Map<StreamName, StreamFeeder>();
    socket.on('disconnect', () => {
      for (const feeder of feeders.values()) feeder.cancel();
      feeders.clear();
    });

    /** Finds the ack (socket.io passes it last), answers, and keeps any failure inside the handler. */
    const on = (event: string, handle: (payload: unknown, ack: Ack) => void): void => {
      socket.on(event, (...args: unknown[]) => {
        const last = args[args.length - 1];
        if (typeof last !== 'function') {
          stats.rejectedMessages += 1;
          return;
        }
        const ack = last as Ack;
        if (args.length > 2) {
          stats.rejectedMessages += 1;
          ack(error(ERROR_CODES.invalid, `${event} takes one payload`));
          return;
        }
        try {
          handle(args.length > 1 ? args[0] : undefined, ack);
        } catch (e) {
          stats.rejectedMessages += 1;
          deps.logLine(`hub: ${event} failed: ${e instanceof Error ? e.message : String(e)}`);
          ack(error(ERROR_CODES.internal, 'internal error'));
        }
      });
    };

    // An unknown message with an ack still gets an answer, so a client never waits on a typo.
    const known = new Set<string>([FEED_EVENTS.subscribe, FEED_EVENTS.catalog, FEED_EVENTS.command]);
    socket.onAny((event: unknown, ...args: unknown[]) => {
      if (typeof event === 'string' && known.has(event)) return;
      stats.rejectedMessages += 1;
      const last = args[args.length - 1];
      if (typeof last === 'function') (last as Ack)(error(ERROR_CODES.invalid, `unknown message ${String(event).slice(0, 60)}`));
    });
    on(FEED_EVENTS.subscribe, (payload, ack) => subscribe(socket, feeders, payload, ack, deps, stats));
    on(FEED_EVENTS.catalog, (payload, ack) => {
      const answer = deps.catalog.page(payload);
      if (!answer.ok) stats.rejectedMessages += 1;
      ack(answer);
    });
    on(FEED_EVENTS.command, (payload, ack) => {
      const answer: CommandAck = handleCommand(payload, deps.commands);
      if (!answer.ok && answer.error.code === ERROR_CODES.invalid) stats.rejectedMessages += 1;
      ack(answer);
    });
  });
  return stats;
}

function subscribe(
  socket: Socket,
  feeders: Map<StreamName, StreamFeeder>,
  payload: unknown,
  ack: Ack,
  deps: FeedDeps,
  stats: FeedStats,
): void {
  const request = subscribeRequestSchema.safeParse(payload);
  if (!request.success) {
    stats.rejectedMessages += 1;
    ack(error(ERROR_CODES.invalid, `invalid subscribe: ${describeIssue(request.error.issues)}`));
    return;
  }
  const { streams, since, epoch } = request.data;
  // Ranges are read after a flush, so nothing appended-but-unsent can be counted twice.
  deps.broadcaster.flush();
  const sameEpoch = epoch === undefined || epoch === deps.log.epoch;
  const plans = new Map<StreamName, StreamStart>();
  for (const stream of new Set(streams)) plans.set(stream, planStream(deps.log.range(stream), since?.[stream], sameEpoch));
  const answer: SubscribeAck = {
    ok: true,
    epoch: deps.log.epoch,
    serverTime: deps.now(),
    streams: Object.fromEntries(plans),
  };
  // The ack goes out before any snapshot or events of this subscription (same socket, in order).
  ack(answer);
  for (const [stream, plan] of plans) {
    // A stream subscribed again restarts from what this request says; the others keep flowing.
    feeders.get(stream)?.cancel();
    const feeder = new StreamFeeder(socket, stream, deps.log, deps.broadcaster);
    feeders.set(stream, feeder);
    void feeder.start(plan.mode, since?.[stream] ?? 0);
  }
}
