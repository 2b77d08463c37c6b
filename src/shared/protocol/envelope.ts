import { z } from 'zod';
import { epochMs } from './geo.ts';
import { guardUntrusted } from './guard.ts';
import { EVENT_TYPES, isEventType, type EventDataOf, type EventType } from './eventData.ts';
import { streamNameSchema, type StreamName } from './streams.ts';
import { entityId, label } from './text.ts';

/**
 * The feed envelope: `{ stream, seq, ts, type, id, data, source? }`. `seq` is assigned by the hub and
 * contiguous per stream; `ts` is the hub's clock at append (epoch ms).
 */
export type Envelope<T extends EventType = EventType> = {
  [K in T]: {
    stream: StreamName;
    seq: number;
    ts: number;
    type: K;
    id: string;
    data: EventDataOf<K>;
    source?: string;
  };
}[T];

/** What a source hands the hub: the hub adds `stream` (from the type), `seq` and `ts`. */
export type EventDraft<T extends EventType = EventType> = {
  [K in T]: { type: K; id: string; data: EventDataOf<K>; source?: string };
}[T];

const envelopeShape = z.object({
  stream: streamNameSchema,
  // .int() keeps seq within 2^53.
  seq: z.number().int().positive(),
  ts: epochMs,
  type: z.string().max(100),
  id: entityId,
  data: z.unknown(),
  source: label.optional(),
});

const draftShape = z.object({
  type: z.string().max(100),
  id: entityId,
  data: z.unknown(),
  source: label.optional(),
});

export type ParseResult<T> = { ok: true; value: T } | { ok: false; reason: string };

function describe(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((i) => `${i.path.length ? i.path.join('.') : '(root)'}: ${i.message}`)
    .join('; ');
}

function parseData(type: string, data: unknown): ParseResult<{ type: EventType; data: unknown }> {
  if (!isEventType(type)) return { ok: false, reason: `unknown event type "${type.slice(0, 60)}"` };
  const parsed = EVENT_TYPES[type].data.safeParse(data);
  if (!parsed.success) return { ok: false, reason: `invalid ${type} data: ${describe(parsed.error)}` };
  return { ok: true, value: { type, data: parsed.data } };
}

/** Parses one envelope from the wire: shape, known type, stream matching the type, typed data. */
export function parseEnvelope(raw: unknown): ParseResult<Envelope> {
  // Depth, size and prototype keys before zod: `data` is `z.unknown()` here and partly verbatim below.
  const unsafe = guardUntrusted(raw);
  if (unsafe) return { ok: false, reason: `unsafe envelope: ${unsafe}` };
  const shape = envelopeShape.safeParse(raw);
  if (!shape.success) return { ok: false, reason: `invalid envelope: ${describe(shape.error)}` };
  const data = parseData(shape.data.type, shape.data.data);
  if (!data.ok) return data;
  const expected = EVENT_TYPES[data.value.type].stream;
  if (expected !== shape.data.stream) {
    return { ok: false, reason: `type ${data.value.type} belongs to stream ${expected}, not ${shape.data.stream}` };
  }
  // zod's output is a fresh object: completing it in place saves a copy per event on the feed's hot path.
  const value: { type: string; data: unknown } = shape.data;
  value.type = data.value.type;
  value.data = data.value.data;
  return { ok: true, value: value as Envelope };
}

/** Parses an event a source wants appended (the hub's adapters and simulator go through this). */
export function parseDraft(raw: unknown): ParseResult<EventDraft> {
  const unsafe = guardUntrusted(raw);
  if (unsafe) return { ok: false, reason: `unsafe event: ${unsafe}` };
  const shape = draftShape.safeParse(raw);
  if (!shape.success) return { ok: false, reason: `invalid event: ${describe(shape.error)}` };
  const data = parseData(shape.data.type, shape.data.data);
  if (!data.ok) return data;
  return { ok: true, value: { ...shape.data, type: data.value.type, data: data.value.data } as EventDraft };
}

/** The stream an event type is carried on. */
export function streamOf(type: EventType): StreamName {
  return EVENT_TYPES[type].stream;
}

/** `camera.removed` etc.: the entity is gone from latest state. */
export function isRemoval(type: string): boolean {
  return type.endsWith('.removed');
}
