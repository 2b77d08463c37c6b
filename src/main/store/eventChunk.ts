import { z } from 'zod';
import type { Envelope } from '../../shared/protocol/envelope.ts';
import type { StreamName } from '../../shared/protocol/streams.ts';

/**
 * Events per chunk row at most: a fast backfill commits up to 50k events in one tick, and the rewind
 * reads whole chunks, so one row stays a few hundred kB.
 */
export const MAX_EVENTS_PER_CHUNK = 2048;

/**
 * A chunk's `body`: its envelopes by column, JSON. Event i has seq `seq + i` (a chunk is contiguous),
 * ts `ts + dt[i]`, type `types[type[i]]`, id `id[i]`, source `source[i]` (the column only when some
 * event has one) and data `data[i]`.
 *
 * By column, not an array of envelope objects: half the bytes (73 vs ~125 per traffic event), and built
 * with array joins over strings the tick already has, where writing each envelope's JSON was the
 * largest single cost of planning a tick (tests/bench/client.ts, ADR 0006).
 */
export interface ChunkBody {
  seq: number;
  ts: number;
  dt: number[];
  types: string[];
  type: number[];
  id: string[];
  source?: (string | null)[];
  data: unknown[];
}

/**
 * Builds the body of `events[from..to)` from the per-event `data` JSON the caller serialised for the
 * latest-state rows, so each event's data is stringified once per tick.
 */
export function chunkBody(events: readonly Envelope[], dataJson: readonly string[], from: number, to: number): string {
  const first = events[from] as Envelope;
  const n = to - from;
  const dt = new Array<number>(n);
  const ids = new Array<string>(n);
  const typeIndex = new Array<number>(n);
  const types: string[] = [];
  let sources: (string | null)[] | null = null;
  for (let i = 0; i < n; i++) {
    const e = events[from + i] as Envelope;
    dt[i] = e.ts - first.ts;
    ids[i] = e.id;
    let k = types.indexOf(e.type);
    if (k < 0) k = types.push(e.type) - 1;
    typeIndex[i] = k;
    if (e.source !== undefined) (sources ??= new Array<string | null>(n).fill(null))[i] = e.source;
  }
  const source = sources ? `,"source":${JSON.stringify(sources)}` : '';
  return (
    `{"seq":${first.seq},"ts":${first.ts},"dt":[${dt.join(',')}],"types":${JSON.stringify(types)},` +
    `"type":[${typeIndex.join(',')}],"id":${JSON.stringify(ids)}${source},"data":[${dataJson.slice(from, to).join(',')}]}`
  );
}

const bodySchema = z
  .object({
    seq: z.number().int().nonnegative(),
    ts: z.number().int(),
    dt: z.array(z.number().int()),
    types: z.array(z.string()),
    type: z.array(z.number().int().nonnegative()),
    id: z.array(z.string()),
    source: z.array(z.string().nullable()).optional(),
    data: z.array(z.unknown()),
  })
  .refine(
    (b) =>
      [b.dt, b.type, b.id, b.data, ...(b.source ? [b.source] : [])].every((column) => column.length === b.id.length) &&
      b.type.every((k) => k < b.types.length),
    'columns of different lengths, or a type index out of range',
  );

/**
 * The envelopes of a stored chunk, or the reason it cannot be read (a damaged or foreign file). The
 * envelopes are as they were written; they were parsed with the protocol's schemas before that.
 */
export function decodeChunk(stream: StreamName, body: string): { ok: true; events: Envelope[] } | { ok: false; reason: string } {
  let raw: unknown;
  try {
    raw = JSON.parse(body);
  } catch {
    return { ok: false, reason: 'chunk body is not JSON' };
  }
  const parsed = bodySchema.safeParse(raw);
  if (!parsed.success) return { ok: false, reason: `chunk body: ${parsed.error.issues[0]?.message ?? 'invalid'}` };
  const b = parsed.data;
  const events = b.id.map((id, i) => {
    const e = { stream, seq: b.seq + i, ts: b.ts + (b.dt[i] as number), type: b.types[b.type[i] as number], id, data: b.data[i] };
    const source = b.source?.[i];
    return (source === null || source === undefined ? e : { ...e, source }) as Envelope;
  });
  return { ok: true, events };
}
