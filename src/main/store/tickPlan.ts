import { isRemoval, type Envelope } from '../../shared/protocol/envelope.ts';
import type { StreamName } from '../../shared/protocol/streams.ts';
import { coalesce, type EntityRef } from './coalesce.ts';
import { chunkBody, MAX_EVENTS_PER_CHUNK } from './eventChunk.ts';
import type { StreamPosition, StreamWrite, TickResult } from './feedCache.ts';

/** Values per row in `StreamPlan.chunks`: first seq, last seq, first ts, last ts, body. */
export const CHUNK_COLUMNS = 5;
/** Values per row in the latest-state lists: id, type, seq, ts, source, data JSON. */
export const LATEST_COLUMNS = 6;

/**
 * What one stream's part of a tick writes, as plain strings and numbers in flat arrays: the commit can
 * then run on another thread (cacheWriter.ts) and the plan crosses over as a cheap structured clone,
 * where envelopes with nested `data` cost more to copy than the SQLite work they carry.
 */
export interface StreamPlan {
  stream: StreamName;
  epoch: string;
  /** A snapshot: the stream's latest state is deleted, then `snapshotLatest` written. */
  replaceLatest: boolean;
  snapshotLatest: (string | number | null)[];
  chunks: (string | number)[];
  /** Entities removed in the tick, after the snapshot and before `latest`. */
  removedIds: string[];
  latest: (string | number | null)[];
  position: { lastSeq: number; gap: boolean; lastEventAt: number | null; receivedAt: number };
}

export interface TickPlan {
  streams: StreamPlan[];
}

function pushLatest(rows: (string | number | null)[], e: Envelope, data: string): void {
  rows.push(e.id, e.type, e.seq, e.ts, e.source ?? null, data);
}

/**
 * Turns a tick's writes into the rows to write and the changes to tell the windows, on the calling
 * thread, without writing: `before` is the persisted position per stream, `heldIds` the entity ids the
 * cache holds for a stream (asked only when a snapshot replaces it).
 */
export function planTick(
  writes: readonly StreamWrite[],
  before: ReadonlyMap<StreamName, StreamPosition>,
  heldIds: (stream: StreamName) => Iterable<string>,
): { plan: TickPlan; result: TickResult } {
  const upserts: Envelope[] = [];
  const removals: EntityRef[] = [];
  const positions: StreamPosition[] = [];
  const streams: StreamPlan[] = [];
  let eventsWritten = 0;
  for (const w of writes) {
    const prior = before.get(w.stream);
    let lastSeq = prior && prior.epoch === w.epoch ? prior.lastSeq : 0;
    let lastEventAt: number | null = null;
    // Events at or below the position (or the snapshot's seq) are already stored: the buffer never
    // hands them over, and this keeps a chunk from ever overlapping one already written.
    const base = w.snapshot ? w.snapshot.seq : lastSeq;
    let start = 0;
    while (start < w.events.length && (w.events[start] as Envelope).seq <= base) start++;
    const events = start === 0 ? w.events : w.events.slice(start);
    const changes = coalesce(events);
    const plan: StreamPlan = {
      stream: w.stream,
      epoch: w.epoch,
      replaceLatest: false,
      snapshotLatest: [],
      chunks: [],
      removedIds: changes.removed,
      latest: [],
      position: { lastSeq: 0, gap: false, lastEventAt: null, receivedAt: w.receivedAt },
    };
    if (w.snapshot) {
      plan.replaceLatest = true;
      const present = new Set(w.snapshot.entities.map((e) => e.id));
      const removedLater = new Set(changes.removed);
      for (const id of heldIds(w.stream)) if (!present.has(id)) removals.push({ stream: w.stream, id });
      for (const e of w.snapshot.entities) {
        if (isRemoval(e.type)) continue;
        pushLatest(plan.snapshotLatest, e, JSON.stringify(e.data));
        if (!removedLater.has(e.id)) upserts.push(e);
        lastEventAt = Math.max(lastEventAt ?? 0, e.ts);
      }
      lastSeq = w.snapshot.seq;
    }
    // Each event's data is serialised once: chunk bodies and latest-state rows share the strings.
    const json: string[] = new Array<string>(events.length);
    for (let i = 0; i < events.length; i++) json[i] = JSON.stringify((events[i] as Envelope).data);
    for (let from = 0; from < events.length; from += MAX_EVENTS_PER_CHUNK) {
      const to = Math.min(events.length, from + MAX_EVENTS_PER_CHUNK);
      const first = events[from] as Envelope;
      const last = events[to - 1] as Envelope;
      plan.chunks.push(first.seq, last.seq, first.ts, last.ts, chunkBody(events, json, from, to));
    }
    const newest = events[events.length - 1];
    if (newest) {
      lastSeq = newest.seq;
      lastEventAt = newest.ts;
    }
    eventsWritten += events.length;
    for (const id of changes.removed) removals.push({ stream: w.stream, id });
    // Only the last envelope per (stream, id, type) of the tick is written and told.
    for (const i of changes.upserts) {
      const e = events[i] as Envelope;
      pushLatest(plan.latest, e, json[i] as string);
      upserts.push(e);
    }
    const gap = (prior?.gap ?? false) || (w.gap ?? false);
    plan.position = { lastSeq, gap, lastEventAt, receivedAt: w.receivedAt };
    streams.push(plan);
    positions.push({
      stream: w.stream,
      epoch: w.epoch,
      lastSeq,
      gap,
      lastEventAt: lastEventAt ?? prior?.lastEventAt ?? null,
      lastReceivedAt: w.receivedAt,
    });
  }
  return { plan: { streams }, result: { upserts, removals, positions, eventsWritten } };
}
