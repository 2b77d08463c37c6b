import type { Migration } from '../migration.ts';

// The rebuildable feed cache. WITHOUT ROWID tables keyed by what the hot path writes and reads, and no
// secondary index on `events`: an index there cost ~7× in append speed (TOOLCHAIN.md). Epochs get a small
// integer so every event row does not repeat a UUID.
export const migration001FeedCache: Migration = {
  version: 1,
  name: '001_feed_cache',
  up(db) {
    db.exec(`
      CREATE TABLE epochs (no INTEGER PRIMARY KEY, epoch TEXT NOT NULL UNIQUE);
      CREATE TABLE events (
        stream TEXT NOT NULL, epoch_no INTEGER NOT NULL, seq INTEGER NOT NULL, ts INTEGER NOT NULL,
        type TEXT NOT NULL, id TEXT NOT NULL, source TEXT, data TEXT NOT NULL,
        PRIMARY KEY (stream, epoch_no, seq)) WITHOUT ROWID;
      CREATE TABLE latest (
        stream TEXT NOT NULL, id TEXT NOT NULL, type TEXT NOT NULL, seq INTEGER NOT NULL, ts INTEGER NOT NULL,
        source TEXT, data TEXT NOT NULL,
        PRIMARY KEY (stream, id, type)) WITHOUT ROWID;
      CREATE TABLE positions (
        stream TEXT PRIMARY KEY, epoch TEXT, last_seq INTEGER NOT NULL, gap INTEGER NOT NULL DEFAULT 0,
        last_event_at INTEGER, last_received_at INTEGER) WITHOUT ROWID;
      CREATE TABLE catalog (kind TEXT NOT NULL, id TEXT NOT NULL, item TEXT NOT NULL, PRIMARY KEY (kind, id)) WITHOUT ROWID;
      CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
    `);
  },
};
