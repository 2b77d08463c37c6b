import { z } from 'zod';
import { catalogItemSchema } from '../protocol/catalog.ts';
import { streamNameSchema } from '../protocol/streams.ts';
import { entityId, freeText } from '../protocol/text.ts';
import { channelName } from './names.ts';

/**
 * The IPC contract between main and every window: one map of commands (renderer → main, request /
 * response through `invoke`) and one map of events (main → renderer only). The Electron preload and the
 * browser-mode web bridge both expose exactly these names as `window.watchfloor`; main parses every
 * input with the schema here before a handler sees it. Types derive from this file only.
 */

/** One state enum everywhere: the overall state is the worst subscribed stream's. */
export const FEED_STATES = ['live', 'reconnecting', 'offline'] as const;
export const feedStateSchema = z.enum(FEED_STATES);
export type FeedState = z.infer<typeof feedStateSchema>;

export const streamHealthSchema = z.object({
  state: feedStateSchema,
  /** Hub time (`ts`) of the newest event held, or null when the stream has nothing yet. */
  lastEventAt: z.number().nullable(),
  /** Local time the stream last received anything (event, snapshot page, or a live ack). */
  lastReceivedAt: z.number().nullable(),
  lastSeq: z.number().int().nonnegative(),
  /** Local receive time minus hub `ts` of the newest event, ms. */
  lagMs: z.number().nullable(),
  reconnects: z.number().int().nonnegative(),
  /** History holds a hole (the hub no longer had the range): shown, logged, never hidden. */
  gap: z.boolean(),
  /** Replay progress while catching up after an outage. */
  backfill: z.object({ done: z.number().int().nonnegative(), total: z.number().int().nonnegative() }).nullable(),
  /** Since when the stream is offline (local ms), for "offline since 14:32". */
  offlineSince: z.number().nullable(),
});
export type StreamHealth = z.infer<typeof streamHealthSchema>;

export const feedHealthSchema = z.object({
  overall: feedStateSchema,
  hubUrl: z.string().nullable(),
  streams: z.partialRecord(streamNameSchema, streamHealthSchema),
  /** Messages and envelopes rejected since start, with counts per reason. */
  rejected: z.object({ total: z.number().int().nonnegative(), byReason: z.record(z.string(), z.number()) }),
});
export type FeedHealth = z.infer<typeof feedHealthSchema>;

/**
 * Latest state of one entity as the renderer sees it. `envelope` is a parsed feed envelope; it is typed
 * as unknown here so the contract file stays small, and the renderer narrows it with the protocol's
 * `parseEnvelope` only in tests (main only ever sends what it parsed).
 */
const envelopeOut = z.object({
  stream: streamNameSchema,
  seq: z.number(),
  ts: z.number(),
  type: z.string(),
  id: z.string(),
  data: z.unknown(),
  source: z.string().optional(),
});

export const feedBatchSchema = z.object({
  /** Latest envelope per changed entity in this tick (coalesced: one per entity). */
  upserts: z.array(envelopeOut),
  removals: z.array(z.object({ stream: streamNameSchema, id: z.string() })),
});
export type FeedBatch = z.infer<typeof feedBatchSchema>;

const none = z.undefined();

export const commands = {
  'app.info': {
    input: none,
    output: z.object({
      version: z.string(),
      mode: z.enum(['electron', 'web']),
      hubUrl: z.string().nullable(),
      demo: z.boolean(),
      dataDir: z.string(),
    }),
  },
  /** Everything a window needs to draw its first frame from the local cache. */
  'wall.bootstrap': {
    input: none,
    output: z.object({
      catalog: z.array(catalogItemSchema),
      entities: z.array(envelopeOut),
      health: feedHealthSchema,
    }),
  },
  'feed.health': { input: none, output: feedHealthSchema },
  /** Queued in the local outbox, then sent to the hub with the returned commandId. */
  'alarm.acknowledge': {
    input: z.object({ alarmId: entityId, note: freeText.optional() }),
    output: z.object({ commandId: z.string() }),
  },
  /** Operator writes not yet answered by the hub, and those it refused (kept, with the reason). */
  'outbox.status': {
    input: none,
    output: z.object({
      pending: z.number().int().nonnegative(),
      /**
       * The pending writes themselves, oldest first: `target` is the entity a write is about (the alarm id
       * of `alarm.acknowledge`), so a window can show it "acknowledged — waiting to send" before the hub answers.
       */
      pendingItems: z.array(
        z.object({
          commandId: z.string(),
          type: z.string(),
          target: z.string(),
          createdAt: z.number(),
          attempts: z.number().int().nonnegative(),
          lastError: z.string().nullable(),
        }),
      ),
      rejected: z.array(
        z.object({
          commandId: z.string(),
          type: z.string(),
          /** The entity the refused write was about. */
          target: z.string(),
          answeredAt: z.number(),
          code: z.string(),
          message: z.string(),
        }),
      ),
    }),
  },
} as const satisfies Record<string, { input: z.ZodType; output: z.ZodType }>;

export const events = {
  'feed.batch': feedBatchSchema,
  'feed.health': feedHealthSchema,
  /** Record tables written (by this or another window, or by the hub): refetch what reads them. */
  'store.changed': z.object({ tables: z.array(z.string()) }),
  'catalog.changed': z.object({ count: z.number().int().nonnegative() }),
} as const satisfies Record<string, z.ZodType>;

export type CommandName = keyof typeof commands;
export type EventName = keyof typeof events;
export type CommandInput<K extends CommandName> = z.input<(typeof commands)[K]['input']>;
export type CommandOutput<K extends CommandName> = z.output<(typeof commands)[K]['output']>;
export type EventPayload<K extends EventName> = z.output<(typeof events)[K]>;

export const COMMAND_NAMES = Object.keys(commands) as CommandName[];
export const EVENT_NAMES = Object.keys(events) as EventName[];

/** `window.watchfloor`: the same shape from the Electron preload and the browser-mode web bridge. */
export interface WatchfloorBridge {
  invoke<K extends CommandName>(name: K, input: CommandInput<K>): Promise<CommandOutput<K>>;
  /** Returns the unsubscribe function. */
  on<K extends EventName>(name: K, listener: (payload: EventPayload<K>) => void): () => void;
}

/** IPC channel names as Electron sees them (prefixed so nothing else on ipcMain collides). */
export const channelOf = (name: CommandName | EventName): string => channelName(name);
