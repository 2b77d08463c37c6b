import type { Migration } from '../migration.ts';

// The event log as one row per stream per committed tick (ADR 0006): a row per event cost a third of the
// client's ingest CPU (tests/bench/client.ts). A chunk holds a contiguous seq range; `body` is its
// envelopes by column (store/eventChunk.ts), JSON, so SQLite's JSON functions read it for diagnostics and
// the rewind reads a time range as whole chunks. Rows of 001's `events` table become one-event chunks:
// the cache is rebuildable, but what it holds is history and is kept.
export const migration002EventChunks: Migration = {
  version: 2,
  name: '002_event_chunks',
  up(db) {
    db.exec(`
      CREATE TABLE event_chunks (
        stream TEXT NOT NULL, epoch_no INTEGER NOT NULL, first_seq INTEGER NOT NULL, last_seq INTEGER NOT NULL,
        first_ts INTEGER NOT NULL, last_ts INTEGER NOT NULL, body TEXT NOT NULL,
        PRIMARY KEY (stream, epoch_no, first_seq)) WITHOUT ROWID;
      INSERT INTO event_chunks (stream, epoch_no, first_seq, last_seq, first_ts, last_ts, body)
        SELECT stream, epoch_no, seq, seq, ts, ts,
          CASE WHEN source IS NULL
            THEN json_object('seq', seq, 'ts', ts, 'dt', json_array(0), 'types', json_array(type), 'type', json_array(0),
              'id', json_array(id), 'data', json_array(json(data)))
            ELSE json_object('seq', seq, 'ts', ts, 'dt', json_array(0), 'types', json_array(type), 'type', json_array(0),
              'id', json_array(id), 'source', json_array(source), 'data', json_array(json(data))) END
        FROM events;
      DROP TABLE events;
    `);
  },
};
