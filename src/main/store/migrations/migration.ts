import type Database from 'better-sqlite3';

/**
 * One schema step. Migrations are numbered, append-only (never edit a shipped one: add the next), and
 * each runs in its own transaction together with the `user_version` bump, so a database is always at a
 * whole version.
 */
export interface Migration {
  version: number;
  /** `001_feed_cache`: named in every failure message so the operator can report it. */
  name: string;
  up(db: Database.Database): void;
}
