import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { isRemoval, streamOf, type Envelope, type EventDraft } from '../../shared/protocol/envelope.ts';
import { RECORD_STREAMS, STREAMS, type StreamName } from '../../shared/protocol/streams.ts';
import { MultiRowInsert } from './multiRowInsert.ts';
import {
  DEFAULT_RETENTION,
  type CommandRecord,
  type EventLog,
  type RetentionPolicy,
  type SnapshotReader,
  type StreamRange,
} from './eventLog.ts';

export interface SqliteEventLogOptions {
  /** A file path: snapshots read through a second connection, so `:memory:` is not supported. */
  path: string;
  clock?: () => number;
  retention?: Partial<RetentionPolicy>;
}

const SCHEMA_VERSION = '1';

// Few indexes on purpose: every table is keyed by what the hot path looks up, and a secondary index on
// `events` measured at ~7× slower appends (TOOLCHAIN.md). `events` stores the envelope as the JSON the
// hub sends, so replay is a parse, not a reassembly.
const DDL = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS events (
  stream TEXT NOT NULL, seq INTEGER NOT NULL, ts INTEGER NOT NULL, envelope TEXT NOT NULL,
  PRIMARY KEY (stream, seq)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS latest (
  stream TEXT NOT NULL, id TEXT NOT NULL, type TEXT NOT NULL, seq INTEGER NOT NULL, envelope TEXT NOT NULL,
  PRIMARY KEY (stream, id, type)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS streams (stream TEXT PRIMARY KEY, last_seq INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS commands (command_id TEXT PRIMARY KEY, answer TEXT NOT NULL, at INTEGER NOT NULL) WITHOUT ROWID;
`;

/**
 * At most this many events are deleted per stream per prune, so one prune never stalls the hub for long;
 * the hub prunes every second, which keeps up with 100k events/s on one stream.
 */
const PRUNE_CHUNK = 100_000;

function configure(db: Database.Database): void {
  db.pragma('journal_mode = WAL');
  // Set on every connection: a second connection silently gets the default (FULL) otherwise.
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  // The `latest` upserts hit random pages of a table with one row per entity (100k+ at scale): with
  // SQLite's default 2 MB page cache, appends at 100k entities measured ~5× slower.
  db.pragma('cache_size = -65536');
}

/** The single-hub event log on better-sqlite3 (WAL, one transaction per batch). */
export class SqliteEventLog implements EventLog {
  readonly epoch: string;
  readonly #db: Database.Database;
  readonly #path: string;
  readonly #clock: () => number;
  readonly #retention: RetentionPolicy;
  readonly #ranges = new Map<StreamName, StreamRange>();
  #lastTs = 0;
  readonly #readers = new Set<SnapshotReader>();
  readonly #insertEvents: MultiRowInsert;
  readonly #upsertLatest: MultiRowInsert;
  readonly #stmt: {
    deleteLatest: Database.Statement<[string, string]>;
    upsertStream: Database.Statement<[string, number]>;
    insertCommand: Database.Statement<[string, string, number]>;
    readRange: Database.Statement<[string, number, number], string>;
    latestOf: Database.Statement<[string, string], string>;
    commandAnswer: Database.Statement<[string], string>;
    tsAt: Database.Statement<[string, number], number>;
    deleteThrough: Database.Statement<[string, number]>;
  };

  constructor(options: SqliteEventLogOptions) {
    if (options.path === ':memory:' || options.path === '') {
      throw new Error('SqliteEventLog needs a file path (snapshots use a second connection)');
    }
    mkdirSync(dirname(options.path), { recursive: true });
    this.#path = options.path;
    this.#clock = options.clock ?? Date.now;
    this.#retention = { ...DEFAULT_RETENTION, ...options.retention };
    this.#db = new Database(options.path);
    configure(this.#db);
    this.#db.exec(DDL);
    this.epoch = this.#initMeta();
    const db = this.#db;
    this.#stmt = {
      deleteLatest: db.prepare('DELETE FROM latest WHERE stream = ? AND id = ?'),
      upsertStream: db.prepare(
        'INSERT INTO streams (stream, last_seq) VALUES (?, ?) ON CONFLICT (stream) DO UPDATE SET last_seq = excluded.last_seq',
      ),
      insertCommand: db.prepare('INSERT OR IGNORE INTO commands (command_id, answer, at) VALUES (?, ?, ?)'),
      readRange: db
        .prepare<[string, number, number], string>('SELECT envelope FROM events WHERE stream = ? AND seq > ? ORDER BY seq LIMIT ?')
        .pluck(),
      latestOf: db.prepare<[string, string], string>('SELECT envelope FROM latest WHERE stream = ? AND id = ? ORDER BY seq').pluck(),
      commandAnswer: db.prepare<[string], string>('SELECT answer FROM commands WHERE command_id = ?').pluck(),
      tsAt: db.prepare<[string, number], number>('SELECT ts FROM events WHERE stream = ? AND seq = ?').pluck(),
      deleteThrough: db.prepare('DELETE FROM events WHERE stream = ? AND seq <= ?'),
    };
    this.#insertEvents = new MultiRowInsert(db, 'INSERT INTO events (stream, seq, ts, envelope) VALUES', 4);
    // A later row for the same key in one statement conflicts with the earlier one and updates it.
    this.#upsertLatest = new MultiRowInsert(
      db,
      'INSERT INTO latest (stream, id, type, seq, envelope) VALUES',
      5,
      'ON CONFLICT (stream, id, type) DO UPDATE SET seq = excluded.seq, envelope = excluded.envelope',
    );
    this.#loadRanges();
  }

  #initMeta(): string {
    const get = this.#db.prepare<[string], string>('SELECT value FROM meta WHERE key = ?').pluck();
    const existing = get.get('epoch');
    if (existing !== undefined) return existing;
    // A database without an epoch is a new log: its seqs mean nothing to any client holding old ones.
    const epoch = randomUUID();
    const put = this.#db.prepare('INSERT INTO meta (key, value) VALUES (?, ?)');
    this.#db.transaction(() => {
      put.run('epoch', epoch);
      put.run('schema_version', SCHEMA_VERSION);
      put.run('created_at', String(this.#clock()));
    })();
    return epoch;
  }

  #loadRanges(): void {
    const last = this.#db.prepare<[string], number>('SELECT last_seq FROM streams WHERE stream = ?').pluck();
    const first = this.#db.prepare<[string], number | null>('SELECT MIN(seq) FROM events WHERE stream = ?').pluck();
    for (const stream of STREAMS) {
      const lastSeq = last.get(stream) ?? 0;
      const firstSeq = first.get(stream) ?? 0;
      this.#ranges.set(stream, { firstSeq: lastSeq === 0 ? 0 : firstSeq || lastSeq + 1, lastSeq });
    }
    const maxTs = this.#db.prepare<[], number | null>('SELECT MAX(ts) FROM events').pluck().get();
    this.#lastTs = maxTs ?? 0;
  }

  appendBatch(drafts: readonly EventDraft[], command?: CommandRecord): Envelope[] {
    if (drafts.length === 0 && command === undefined) return [];
    // ts never goes backwards (the clock may): retention finds its age cut-off by binary search on seq.
    const ts = Math.max(this.#clock(), this.#lastTs);
    const next = new Map<StreamName, number>();
    const envelopes: Envelope[] = [];
    const s = this.#stmt;
    const events = this.#insertEvents;
    const latest = this.#upsertLatest;
    try {
      this.#db.transaction(() => {
        for (const draft of drafts) {
          const stream = streamOf(draft.type);
          const seq = (next.get(stream) ?? this.range(stream).lastSeq) + 1;
          next.set(stream, seq);
          const envelope = toEnvelope(stream, seq, ts, draft);
          const json = JSON.stringify(envelope);
          events.add(stream, seq, ts, json);
          if (isRemoval(draft.type)) {
            // Earlier upserts of this batch must land first, or the removal would not see them.
            latest.flush();
            s.deleteLatest.run(stream, draft.id);
          } else latest.add(stream, draft.id, draft.type, seq, json);
          envelopes.push(envelope);
        }
        events.flush();
        latest.flush();
        for (const [stream, lastSeq] of next) s.upsertStream.run(stream, lastSeq);
        if (command) s.insertCommand.run(command.commandId, JSON.stringify(command.answer), ts);
      })();
    } catch (error) {
      events.reset();
      latest.reset();
      throw error;
    }
    // In-memory state changes only after the commit: a failed batch leaves seqs untouched.
    this.#lastTs = ts;
    for (const [stream, lastSeq] of next) {
      const range = this.range(stream);
      this.#ranges.set(stream, { firstSeq: range.firstSeq === 0 ? 1 : range.firstSeq, lastSeq });
    }
    return envelopes;
  }

  readRange(stream: StreamName, afterSeq: number, limit: number): Envelope[] {
    return this.#stmt.readRange.all(stream, afterSeq, limit).map((json) => JSON.parse(json) as Envelope);
  }

  range(stream: StreamName): StreamRange {
    return this.#ranges.get(stream) ?? { firstSeq: 0, lastSeq: 0 };
  }

  latestOf(stream: StreamName, id: string): Envelope[] {
    return this.#stmt.latestOf.all(stream, id).map((json) => JSON.parse(json) as Envelope);
  }

  openSnapshot(stream: StreamName): SnapshotReader {
    const reader = new SqliteSnapshotReader(this.#path, stream, () => this.#readers.delete(reader));
    this.#readers.add(reader);
    return reader;
  }

  commandAnswer(commandId: string): unknown {
    const answer = this.#stmt.commandAnswer.get(commandId);
    return answer === undefined ? undefined : (JSON.parse(answer) as unknown);
  }

  recordCommand(command: CommandRecord): void {
    this.appendBatch([], command);
  }

  prune(now: number): number {
    let deleted = 0;
    for (const stream of STREAMS) {
      if (RECORD_STREAMS.has(stream)) continue;
      const { firstSeq, lastSeq } = this.range(stream);
      if (lastSeq === 0) continue;
      const byCount = lastSeq - this.#retention.maxEventsPerStream;
      const byAge = this.#lastSeqOlderThan(stream, firstSeq, lastSeq, now - this.#retention.maxAgeMs);
      // The newest event is always kept, so the range never empties and `firstSeq` stays meaningful.
      const through = Math.min(Math.max(byCount, byAge), lastSeq - 1, firstSeq + PRUNE_CHUNK - 1);
      if (through < firstSeq) continue;
      deleted += this.#stmt.deleteThrough.run(stream, through).changes;
      this.#ranges.set(stream, { firstSeq: through + 1, lastSeq });
    }
    return deleted;
  }

  /** Largest seq in [firstSeq, lastSeq] whose ts < cutoff (ts is non-decreasing in seq), or firstSeq - 1. */
  #lastSeqOlderThan(stream: StreamName, firstSeq: number, lastSeq: number, cutoff: number): number {
    let lo = firstSeq;
    let hi = lastSeq;
    let found = firstSeq - 1;
    while (lo <= hi) {
      const mid = Math.floor((lo + hi) / 2);
      const ts = this.#stmt.tsAt.get(stream, mid);
      if (ts !== undefined && ts < cutoff) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found;
  }

  close(): void {
    for (const reader of [...this.#readers]) reader.close();
    if (this.#db.open) this.#db.close();
  }
}

function toEnvelope(stream: StreamName, seq: number, ts: number, draft: EventDraft): Envelope {
  const base = { stream, seq, ts, type: draft.type, id: draft.id, data: draft.data };
  return (draft.source === undefined ? base : { ...base, source: draft.source }) as Envelope;
}

/**
 * A read transaction on its own connection: WAL keeps its view fixed while the writer appends, so every
 * page reflects the same log position.
 */
class SqliteSnapshotReader implements SnapshotReader {
  readonly seq: number;
  readonly #db: Database.Database;
  readonly #stream: StreamName;
  readonly #onClose: () => void;
  #afterId: string | null = null;
  #done = false;

  constructor(path: string, stream: StreamName, onClose: () => void) {
    this.#db = new Database(path, { readonly: true, fileMustExist: true });
    this.#db.pragma('busy_timeout = 5000');
    this.#stream = stream;
    this.#onClose = onClose;
    this.#db.exec('BEGIN');
    // The first read fixes the transaction's view of the WAL.
    const last = this.#db.prepare<[string], number>('SELECT last_seq FROM streams WHERE stream = ?').pluck().get(stream);
    this.seq = last ?? 0;
  }

  nextPage(limit: number): Envelope[] {
    if (this.#done || !this.#db.open) return [];
    const rows = this.#db
      .prepare<[string, string, number], { id: string; type: string; envelope: string }>(
        'SELECT id, type, envelope FROM latest WHERE stream = ? AND id > ? ORDER BY id, type LIMIT ?',
      )
      .all(this.#stream, this.#afterId ?? '', Math.max(1, limit));
    const last = rows[rows.length - 1];
    if (!last) {
      this.#done = true;
      return [];
    }
    // Complete the last entity so its envelopes (say alarm.raised + alarm.acknowledged) share a page.
    const rest = this.#db
      .prepare<[string, string, string], string>(
        'SELECT envelope FROM latest WHERE stream = ? AND id = ? AND type > ? ORDER BY type',
      )
      .pluck()
      .all(this.#stream, last.id, last.type);
    this.#afterId = last.id;
    const page = [...rows.map((r) => r.envelope), ...rest].map((json) => JSON.parse(json) as Envelope);
    return page.sort((a, b) => a.seq - b.seq);
  }

  close(): void {
    if (!this.#db.open) return;
    this.#db.exec('ROLLBACK');
    this.#db.close();
    this.#onClose();
  }
}
