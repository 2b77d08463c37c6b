import type { Envelope } from '../../shared/protocol/envelope.ts';

/**
 * Events per chunk row at most: a fast backfill commits up to 50k events in one tick, and the rewind
 * reads whole chunks, so one row stays a few hundred kB.
 */
export const MAX_EVENTS_PER_CHUNK = 2048;

/**
 * The `body` of one chunk: the JSON array of `events[from..to)` without `stream` (it is in the row),
 * built from the per-event `data` JSON the caller already serialised for the latest-state rows, so each
 * event's data is stringified once per tick.
 *
 * `type` is written without escaping: envelopes reach the store only through `parseEnvelope`, which
 * accepts only the protocol's own event type names (lowercase identifiers and dots). `id` and `source`
 * come from sources and are escaped by JSON.stringify.
 */
export function chunkBody(events: readonly Envelope[], dataJson: readonly string[], from: number, to: number): string {
  let body = '[';
  for (let i = from; i < to; i++) {
    const e = events[i] as Envelope;
    if (i > from) body += ',';
    body += `{"seq":${e.seq},"ts":${e.ts},"type":"${e.type}","id":${JSON.stringify(e.id)}`;
    if (e.source !== undefined) body += `,"source":${JSON.stringify(e.source)}`;
    body += `,"data":${dataJson[i] as string}}`;
  }
  return `${body}]`;
}
