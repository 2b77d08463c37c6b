import { z } from 'zod';
import { catalogItemSchema, catalogKindSchema } from './catalog.ts';
import { actorSchema, REPORT_STATUSES } from './eventData.ts';
import { STREAMS, streamNameSchema } from './streams.ts';
import { entityId, freeText } from './text.ts';

/** The socket.io namespace of the feed. */
export const FEED_NAMESPACE = '/feed';

/** Socket.io event names on {@link FEED_NAMESPACE}. */
export const FEED_EVENTS = {
  subscribe: 'subscribe',
  catalog: 'catalog',
  command: 'command',
  events: 'events',
  snapshot: 'snapshot',
} as const;

const seqNumber = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);

/** client → hub `subscribe`; replay starts at `since[stream] + 1`. */
export const subscribeRequestSchema = z.object({
  streams: z.array(streamNameSchema).min(1).max(STREAMS.length),
  since: z.partialRecord(streamNameSchema, seqNumber).optional(),
  epoch: z.string().max(100).optional(),
});
export type SubscribeRequest = z.infer<typeof subscribeRequestSchema>;

export const STREAM_MODES = ['replay', 'snapshot', 'live'] as const;
export const streamStartSchema = z.object({
  mode: z.enum(STREAM_MODES),
  /** Oldest seq the hub's log still holds for the stream (0 when empty). */
  firstSeq: seqNumber,
  /** Newest seq at the moment of subscription. */
  lastSeq: seqNumber,
});
export type StreamStart = z.infer<typeof streamStartSchema>;

export const errorSchema = z.object({ code: z.string().max(60), message: z.string().max(2000) });
export type ProtocolError = z.infer<typeof errorSchema>;

export const subscribeAckSchema = z.discriminatedUnion('ok', [
  z.object({
    ok: z.literal(true),
    epoch: z.string().max(100),
    serverTime: z.number(),
    streams: z.partialRecord(streamNameSchema, streamStartSchema),
  }),
  z.object({ ok: z.literal(false), error: errorSchema }),
]);
export type SubscribeAck = z.infer<typeof subscribeAckSchema>;

/**
 * hub → client `snapshot`: the latest envelope per entity as of log position `seq`, in pages. After the
 * last page (`done`) the stream's `events` continue from `seq + 1`. `entities` are raw envelopes; the
 * client parses each one.
 */
export const snapshotMessageSchema = z.object({
  stream: streamNameSchema,
  seq: seqNumber,
  page: z.number().int().nonnegative(),
  done: z.boolean(),
  entities: z.array(z.unknown()).max(50_000),
});
export type SnapshotMessage = z.infer<typeof snapshotMessageSchema>;

/** client → hub `catalog`: one page of static entities of one kind. */
export const catalogRequestSchema = z.object({
  kind: catalogKindSchema,
  cursor: z.string().max(200).nullable().optional(),
  limit: z.number().int().min(1).max(5000).optional(),
});
export type CatalogRequest = z.infer<typeof catalogRequestSchema>;
export const catalogAckSchema = z.discriminatedUnion('ok', [
  z.object({
    ok: z.literal(true),
    kind: catalogKindSchema,
    items: z.array(catalogItemSchema),
    nextCursor: z.string().nullable(),
    total: z.number().int().nonnegative(),
  }),
  z.object({ ok: z.literal(false), error: errorSchema }),
]);
export type CatalogAck = z.infer<typeof catalogAckSchema>;

// ── commands ─────────────────────────────────────────────────────────────
export const COMMAND_PAYLOADS = {
  'alarm.acknowledge': z.object({ alarmId: entityId, note: freeText.optional() }),
  'report.update': z.object({ reportId: entityId, status: z.enum(REPORT_STATUSES), note: freeText.optional() }),
  'note.add': z.object({ incidentId: entityId, text: freeText.min(1) }),
} as const;
export type CommandType = keyof typeof COMMAND_PAYLOADS;
export const commandTypeSchema = z.enum(Object.keys(COMMAND_PAYLOADS) as [CommandType, ...CommandType[]]);

/** client → hub `command`. `commandId` is client-made; the hub applies each at most once. */
export const commandRequestSchema = z.object({
  commandId: z.uuid(),
  type: commandTypeSchema,
  payload: z.unknown(),
  actor: actorSchema,
});
export type CommandRequest = z.infer<typeof commandRequestSchema>;

export const commandAckSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), result: z.unknown() }),
  z.object({ ok: z.literal(false), error: errorSchema }),
]);
export type CommandAck = z.infer<typeof commandAckSchema>;

export const ERROR_CODES = {
  invalid: 'invalid',
  notFound: 'not_found',
  conflict: 'conflict',
  forbidden: 'forbidden',
  internal: 'internal',
} as const;
