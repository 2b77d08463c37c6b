import type Database from 'better-sqlite3';
import type { CatalogItem, CatalogKind } from '../../shared/protocol/catalog.ts';
import { isRemoval, type Envelope } from '../../shared/protocol/envelope.ts';
import { RECORD_STREAMS, type StreamName } from '../../shared/protocol/streams.ts';
import { BatchInsert } from './batchInsert.ts';
import { coalesce, type EntityRef } from './coalesce.ts';

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
 * The feed cache in cache.db: event log (kept by age), latest envelope per (entity, type), catalog and
 * per-stream position. One writer; `writeTick` is ONE transaction that writes a tick's events, the
 * latest state and the stream positions together, so a persisted seq never runs ahead of its events.
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
      insertEvents: new BatchInsert(db, 'INSERT OR IGNORE INTO events (stream, epoch_no, seq, ts, type, id, source, data) VALUES', 8),
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

  #pushLatest(e: Envelope, data: string): void {
    this.#s.upsertLatest.push(e.stream, e.id, e.type, e.seq, e.ts, e.source ?? null, data);
  }

  /** One transaction: events, latest state, positions. Returns the coalesced changes for the windows. */
  writeTick(writes: readonly StreamWrite[]): TickResult {
    const before = this.positions();
    try {
      return this.#writeTick(writes, before);
    } catch (error) {
      this.#s.insertEvents.reset();
      this.#s.upsertLatest.reset();
      throw error;
    }
  }

  #writeTick(writes: readonly StreamWrite[], before: Map<StreamName, StreamPosition>): TickResult {
    return this.#db.transaction((): TickResult => {
      const upserts: Envelope[] = [];
      const removals: EntityRef[] = [];
      const positions: StreamPosition[] = [];
      let eventsWritten = 0;
      for (const w of writes) {
        const epochNo = this.#epochNo(w.epoch);
        const prior = before.get(w.stream);
        let lastSeq = prior && prior.epoch === w.epoch ? prior.lastSeq : 0;
        let lastEventAt: number | null = null;
        const changes = coalesce(w.events);
        if (w.snapshot) {
          const present = new Set(w.snapshot.entities.map((e) => e.id));
          const removedLater = new Set(changes.removed);
          for (const { id } of this.#s.streamIds.all(w.stream)) {
            if (!present.has(id)) removals.push({ stream: w.stream, id });
          }
          this.#s.deleteStream.run(w.stream);
          const kept = w.snapshot.entities.filter((e) => !isRemoval(e.type));
          for (const e of kept) this.#pushLatest(e, JSON.stringify(e.data));
          this.#s.upsertLatest.flush();
          for (const e of kept) {
            if (!removedLater.has(e.id)) upserts.push(e);
            lastEventAt = Math.max(lastEventAt ?? 0, e.ts);
          }
          lastSeq = w.snapshot.seq;
        }
        // Serialise each event's data once: the latest-state rows reuse the strings (by index).
        const json: string[] = new Array<string>(w.events.length);
        for (let i = 0; i < w.events.length; i++) {
          const e = w.events[i] as Envelope;
          const data = JSON.stringify(e.data);
          json[i] = data;
          this.#s.insertEvents.push(e.stream, epochNo, e.seq, e.ts, e.type, e.id, e.source ?? null, data);
        }
        this.#s.insertEvents.flush();
        const newest = w.events[w.events.length - 1];
        if (newest) {
          lastSeq = newest.seq;
          lastEventAt = newest.ts;
        }
        eventsWritten += w.events.length;
        for (const id of changes.removed) {
          this.#s.deleteEntity.run(w.stream, id);
          removals.push({ stream: w.stream, id });
        }
        // Only the last envelope per (stream, id, type) of the tick is upserted.
        for (const i of changes.upserts) {
          const e = w.events[i] as Envelope;
          this.#pushLatest(e, json[i] as string);
          upserts.push(e);
        }
        this.#s.upsertLatest.flush();
        const gap = (prior?.gap ?? false) || (w.gap ?? false);
        this.#s.upsertPosition.run(w.stream, w.epoch, lastSeq, gap ? 1 : 0, lastEventAt, w.receivedAt);
        positions.push({
          stream: w.stream,
          epoch: w.epoch,
          lastSeq,
          gap,
          lastEventAt: lastEventAt ?? prior?.lastEventAt ?? null,
          lastReceivedAt: w.receivedAt,
        });
      }
      return { upserts, removals, positions, eventsWritten };
    })();
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
   * Retention by age for telemetry streams (record streams are never pruned). Walks each (stream, epoch)
   * from its oldest event and stops at the first one newer than the cut, so the cost is the number of
   * expired rows, without an index on `ts`.
   */
  prune(now: number, maxAgeMs: number): number {
    const cutoff = now - maxAgeMs;
    let deleted = 0;
    const groups = this.#db.prepare<[], { stream: string; epoch_no: number }>('SELECT DISTINCT stream, epoch_no FROM events').all();
    const firstKept = this.#db.prepare<[string, number, number], { seq: number }>(
      'SELECT seq FROM events WHERE stream = ? AND epoch_no = ? AND ts >= ? ORDER BY seq LIMIT 1',
    );
    const del = this.#db.prepare<[string, number, number]>('DELETE FROM events WHERE stream = ? AND epoch_no = ? AND seq < ?');
    const delAll = this.#db.prepare<[string, number]>('DELETE FROM events WHERE stream = ? AND epoch_no = ?');
    for (const g of groups) {
      if (RECORD_STREAMS.has(g.stream as StreamName)) continue;
      const kept = firstKept.get(g.stream, g.epoch_no, cutoff);
      deleted += kept ? del.run(g.stream, g.epoch_no, kept.seq).changes : delAll.run(g.stream, g.epoch_no).changes;
    }
    return deleted;
  }

  /** Seqs held for a stream in one epoch, ascending (tests and diagnostics). */
  eventSeqs(stream: StreamName, epoch: string): number[] {
    const no = this.#epochNos.get(epoch) ?? this.#s.epochNo.get(epoch)?.no;
    if (no === undefined) return [];
    return this.#db
      .prepare<[string, number], { seq: number }>('SELECT seq FROM events WHERE stream = ? AND epoch_no = ? ORDER BY seq')
      .all(stream, no)
      .map((r) => r.seq);
  }

  counts(): { events: number; latest: number; catalog: number } {
    const one = (sql: string) => this.#db.prepare<[], { n: number }>(sql).get()?.n ?? 0;
    return {
      events: one('SELECT count(*) AS n FROM events'),
      latest: one('SELECT count(*) AS n FROM latest'),
      catalog: one('SELECT count(*) AS n FROM catalog'),
    };
  }
}
