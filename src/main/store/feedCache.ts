import type Database from 'better-sqlite3';
import type { CatalogItem, CatalogKind } from '../../shared/protocol/catalog.ts';
import type { Envelope } from '../../shared/protocol/envelope.ts';
import { RECORD_STREAMS, type StreamName } from '../../shared/protocol/streams.ts';
import { BatchInsert } from './batchInsert.ts';
import type { EntityRef } from './coalesce.ts';
import { decodeChunk } from './eventChunk.ts';
import { CHUNK_COLUMNS, LATEST_COLUMNS, planTick, type StreamPlan, type TickPlan } from './tickPlan.ts';

/** Where the cache stands on one stream: what `subscribe` sends as `since` and `epoch`. */
export interface StreamPosition {
  stream: StreamName;
  epoch: string | null;
  lastSeq: number;
  gap: boolean;
  lastEventAt: number | null;
  lastReceivedAt: number | null;
}

/** Everything one tick writes for one stream. */
export interface StreamWrite {
  stream: StreamName;
  epoch: string;
  /** A completed snapshot at `seq`: replaces the stream's latest state (written before `events`). */
  snapshot?: { seq: number; entities: readonly Envelope[] };
  /** Parsed, deduplicated, contiguous, ascending. */
  events: readonly Envelope[];
  /** History has a hole from here on (the hub could not replay what we missed). */
  gap?: boolean;
  receivedAt: number;
}

export interface TickResult {
  /** Latest envelope per changed (entity, type), for `feed.batch`. */
  upserts: Envelope[];
  removals: EntityRef[];
  positions: StreamPosition[];
  eventsWritten: number;
}

type PositionRow = {
  stream: string;
  epoch: string | null;
  last_seq: number;
  gap: number;
  last_event_at: number | null;
  last_received_at: number | null;
};
type LatestRow = { stream: string; id: string; type: string; seq: number; ts: number; source: string | null; data: string };

function toEnvelope(row: LatestRow): Envelope {
  const envelope = { stream: row.stream, seq: row.seq, ts: row.ts, type: row.type, id: row.id, data: JSON.parse(row.data) as unknown };
  // Rows were written only from envelopes parsed with the protocol schemas.
  return (row.source === null ? envelope : { ...envelope, source: row.source }) as Envelope;
}

/**
 * The feed cache in cache.db: event log (kept by age, one chunk row per stream per tick: ADR 0006),
 * latest envelope per (entity, type), catalog and per-stream position. One writer; a tick is ONE
 * transaction that writes its events, the latest state and the stream positions together, so a
 * persisted seq never runs ahead of its events.
 */
export class FeedCache {
  readonly #db: Database.Database;
  readonly #epochNos = new Map<string, number>();
  readonly #s;

  constructor(db: Database.Database) {
    this.#db = db;
    // A tick of a fast backfill touches tens of MB of pages: keep them in memory until the commit.
    db.pragma('cache_size = -32768');
    // Checkpoint every ~40 MB of WAL instead of 4 MB: the same hot b-tree pages are copied far less often
    // (5.2 vs 8 µs per event row measured here); the WAL file is trimmed back after each checkpoint.
    db.pragma('wal_autocheckpoint = 10000');
    db.pragma('journal_size_limit = 67108864');
    this.#s = {
      insertEpoch: db.prepare<[string]>('INSERT OR IGNORE INTO epochs (epoch) VALUES (?)'),
      epochNo: db.prepare<[string], { no: number }>('SELECT no FROM epochs WHERE epoch = ?'),
      insertChunk: db.prepare<[string, number, number, number, number, number, string]>(
        'INSERT INTO event_chunks (stream, epoch_no, first_seq, last_seq, first_ts, last_ts, body) VALUES (?, ?, ?, ?, ?, ?, ?)',
      ),
      // An in-place update, not REPLACE: REPLACE deletes then re-inserts the b-tree cell.
      upsertLatest: new BatchInsert(
        db,
        'INSERT INTO latest (stream, id, type, seq, ts, source, data) VALUES',
        7,
        'ON CONFLICT (stream, id, type) DO UPDATE SET seq = excluded.seq, ts = excluded.ts, source = excluded.source, data = excluded.data',
      ),
      deleteEntity: db.prepare<[string, string]>('DELETE FROM latest WHERE stream = ? AND id = ?'),
      deleteStream: db.prepare<[string]>('DELETE FROM latest WHERE stream = ?'),
      streamIds: db.prepare<[string], { id: string }>('SELECT DISTINCT id FROM latest WHERE stream = ?'),
      upsertPosition: db.prepare<[string, string, number, number, number | null, number]>(
        `INSERT INTO positions (stream, epoch, last_seq, gap, last_event_at, last_received_at) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (stream) DO UPDATE SET epoch = excluded.epoch, last_seq = excluded.last_seq, gap = excluded.gap,
           last_event_at = coalesce(excluded.last_event_at, positions.last_event_at), last_received_at = excluded.last_received_at`,
      ),
      positions: db.prepare<[], PositionRow>('SELECT * FROM positions'),
      latestAll: db.prepare<[], LatestRow>('SELECT stream, id, type, seq, ts, source, data FROM latest ORDER BY stream, seq'),
      catalogAll: db.prepare<[], { item: string }>('SELECT item FROM catalog ORDER BY kind, id'),
      deleteCatalogKind: db.prepare<[string]>('DELETE FROM catalog WHERE kind = ?'),
      insertCatalog: db.prepare<[string, string, string]>('INSERT OR REPLACE INTO catalog (kind, id, item) VALUES (?, ?, ?)'),
    };
  }

  positions(): Map<StreamName, StreamPosition> {
    const out = new Map<StreamName, StreamPosition>();
    for (const r of this.#s.positions.all()) {
      const stream = r.stream as StreamName;
      out.set(stream, {
        stream,
        epoch: r.epoch,
        lastSeq: r.last_seq,
        gap: r.gap === 1,
        lastEventAt: r.last_event_at,
        lastReceivedAt: r.last_received_at,
      });
    }
    return out;
  }

  #epochNo(epoch: string): number {
    const known = this.#epochNos.get(epoch);
    if (known !== undefined) return known;
    this.#s.insertEpoch.run(epoch);
    const row = this.#s.epochNo.get(epoch);
    if (!row) throw new Error(`epoch ${epoch} was not stored`);
    this.#epochNos.set(epoch, row.no);
    return row.no;
  }

  /**
   * Works out what a tick writes and what it changes, reading only (positions; held ids for a snapshot).
   * Call `applyPlan` with the plan next, on this connection or another; nothing may commit in between.
   */
  prepareTick(writes: readonly StreamWrite[]): { plan: TickPlan; result: TickResult } {
    return planTick(writes, this.positions(), (stream) => this.#s.streamIds.all(stream).map((r) => r.id));
  }

  /**
   * ONE transaction: chunks, latest state, positions. Throws with nothing written when any part fails,
   * so a persisted seq never runs ahead of its events.
   */
  applyPlan(plan: TickPlan): void {
    try {
      this.#db.transaction(() => {
        for (const p of plan.streams) this.#applyStream(p);
      })();
    } catch (error) {
      this.#s.upsertLatest.reset();
      throw error;
    }
  }

  #applyStream(p: StreamPlan): void {
    const epochNo = this.#epochNo(p.epoch);
    if (p.replaceLatest) this.#s.deleteStream.run(p.stream);
    this.#upsertRows(p.stream, p.snapshotLatest);
    const c = p.chunks;
    for (let i = 0; i < c.length; i += CHUNK_COLUMNS) {
      this.#s.insertChunk.run(p.stream, epochNo, c[i] as number, c[i + 1] as number, c[i + 2] as number, c[i + 3] as number, c[i + 4] as string);
    }
    for (const id of p.removedIds) this.#s.deleteEntity.run(p.stream, id);
    this.#upsertRows(p.stream, p.latest);
    const q = p.position;
    this.#s.upsertPosition.run(p.stream, p.epoch, q.lastSeq, q.gap ? 1 : 0, q.lastEventAt, q.receivedAt);
  }

  #upsertRows(stream: string, rows: readonly (string | number | null)[]): void {
    for (let i = 0; i < rows.length; i += LATEST_COLUMNS) {
      this.#s.upsertLatest.push(stream, rows[i], rows[i + 1], rows[i + 2], rows[i + 3], rows[i + 4], rows[i + 5]);
    }
    this.#s.upsertLatest.flush();
  }

  /** Plans and applies a tick here. Returns the coalesced changes for the windows. */
  writeTick(writes: readonly StreamWrite[]): TickResult {
    const { plan, result } = this.prepareTick(writes);
    this.applyPlan(plan);
    return result;
  }

  /** Every latest envelope, for `wall.bootstrap` (an offline start draws the cached city from this). */
  latestAll(): Envelope[] {
    return this.#s.latestAll.all().map(toEnvelope);
  }

  catalog(): CatalogItem[] {
    // Written only from items parsed with the protocol's catalog schema.
    return this.#s.catalogAll.all().map((r) => JSON.parse(r.item) as CatalogItem);
  }

  /** Replaces one kind's items at once, so a half-fetched catalog never shows. */
  replaceCatalog(kind: CatalogKind, items: readonly CatalogItem[]): void {
    this.#db.transaction(() => {
      this.#s.deleteCatalogKind.run(kind);
      for (const item of items) this.#s.insertCatalog.run(kind, item.id, JSON.stringify(item));
    })();
  }

  /**
   * Retention by age for telemetry streams (record streams are never pruned), a whole chunk at a time: a
   * chunk goes once its newest event is older than the cut, so up to one tick's worth of events may
   * outlive the cut by less than a tick. Walks each (stream, epoch) from its oldest chunk and stops at the
   * first one still kept, so the cost is the number of expired chunks, without an index on time.
   * Returns the number of events removed.
   */
  prune(now: number, maxAgeMs: number): number {
    const cutoff = now - maxAgeMs;
    let deleted = 0;
    const groups = this.#db.prepare<[], { stream: string; epoch_no: number }>('SELECT DISTINCT stream, epoch_no FROM event_chunks').all();
    const firstKept = this.#db.prepare<[string, number, number], { first_seq: number }>(
      'SELECT first_seq FROM event_chunks WHERE stream = ? AND epoch_no = ? AND last_ts >= ? ORDER BY first_seq LIMIT 1',
    );
    const del = this.#db.prepare<[string, number, number], { n: number }>(
      'DELETE FROM event_chunks WHERE stream = ? AND epoch_no = ? AND first_seq < ? RETURNING last_seq - first_seq + 1 AS n',
    );
    this.#db.transaction(() => {
      for (const g of groups) {
        if (RECORD_STREAMS.has(g.stream as StreamName)) continue;
        const kept = firstKept.get(g.stream, g.epoch_no, cutoff);
        for (const r of del.all(g.stream, g.epoch_no, kept ? kept.first_seq : Number.MAX_SAFE_INTEGER)) deleted += r.n;
      }
    })();
    return deleted;
  }

  /**
   * Seqs held for a stream in one epoch, ascending (tests and diagnostics): read from the chunk bodies
   * themselves, not from the row ranges, so a chunk whose body disagrees with its range shows.
   */
  eventSeqs(stream: StreamName, epoch: string): number[] {
    return this.events(stream, epoch).map((e) => e.seq);
  }

  /** Every event held for a stream in one epoch, in seq order; a chunk that cannot be read throws. */
  events(stream: StreamName, epoch: string): Envelope[] {
    const no = this.#epochNos.get(epoch) ?? this.#s.epochNo.get(epoch)?.no;
    if (no === undefined) return [];
    const out: Envelope[] = [];
    const bodies = this.#db.prepare<[string, number], string>('SELECT body FROM event_chunks WHERE stream = ? AND epoch_no = ? ORDER BY first_seq').pluck();
    for (const body of bodies.iterate(stream, no)) {
      const chunk = decodeChunk(stream, body);
      if (!chunk.ok) throw new Error(`cache: ${stream} ${chunk.reason}`);
      for (const e of chunk.events) out.push(e);
    }
    return out;
  }

  counts(): { events: number; latest: number; catalog: number } {
    const one = (sql: string) => this.#db.prepare<[], { n: number }>(sql).get()?.n ?? 0;
    return {
      events: one('SELECT coalesce(sum(last_seq - first_seq + 1), 0) AS n FROM event_chunks'),
      latest: one('SELECT count(*) AS n FROM latest'),
      catalog: one('SELECT count(*) AS n FROM catalog'),
    };
  }
}
