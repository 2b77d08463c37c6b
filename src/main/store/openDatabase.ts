import { copyFileSync, existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { Migration } from './migrations/migration.ts';

export type Synchronous = 'NORMAL' | 'FULL';

export interface OpenDatabaseOptions {
  path: string;
  /** `cache` / `records`: named in every message so a failure says which file. */
  label: string;
  migrations: readonly Migration[];
  /** Set explicitly on every connection: a second connection silently gets the default otherwise. */
  synchronous: Synchronous;
  log?: (line: string) => void;
}

/** The file failed its integrity check: the caller decides (the cache is set aside, records never are). */
export class DamagedDatabaseError extends Error {
  readonly path: string;
  constructor(label: string, path: string, detail: string) {
    super(`The ${label} database ${path} is damaged (${detail}).`);
    this.name = 'DamagedDatabaseError';
    this.path = path;
  }
}

export class MigrationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MigrationError';
  }
}

export interface OpenedDatabase {
  db: Database.Database;
  /** The file was left open by a crash (marker present at start): a full integrity_check ran. */
  uncleanExit: boolean;
  /** Backup copy made before migrating, if any. */
  backupPath: string | null;
  /** Removes the running marker; call after `db.close()`. */
  markClosed(): void;
}

function configure(db: Database.Database, synchronous: Synchronous): void {
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${synchronous}`);
  db.pragma('busy_timeout = 5000');
  db.pragma('foreign_keys = ON');
}

function check(db: Database.Database, full: boolean): string {
  const rows = db.pragma(full ? 'integrity_check' : 'quick_check') as Array<Record<string, unknown>>;
  const messages = rows.map((r) => String(Object.values(r)[0]));
  return messages.length === 1 && messages[0] === 'ok' ? 'ok' : messages.slice(0, 5).join('; ');
}

/**
 * Opens a Watchfloor SQLite file: WAL + explicit `synchronous`, `quick_check` at every start and the full
 * `integrity_check` when the previous run did not close it (a marker file beside it says so), then the
 * pending migrations — each in its own transaction, after a file copy of the existing database. A failed
 * migration throws a message naming the database and the migration; nothing is ever deleted here.
 */
export function openDatabase(options: OpenDatabaseOptions): OpenedDatabase {
  const { path, label, migrations, synchronous } = options;
  const log = options.log ?? (() => {});
  mkdirSync(dirname(path), { recursive: true });
  const marker = `${path}.running`;
  const existed = existsSync(path);
  const uncleanExit = existed && existsSync(marker);
  let db: Database.Database;
  try {
    db = new Database(path);
    configure(db, synchronous);
    const result = check(db, uncleanExit);
    if (result !== 'ok') {
      db.close();
      throw new DamagedDatabaseError(label, path, result);
    }
  } catch (error) {
    if (error instanceof DamagedDatabaseError) throw error;
    throw new DamagedDatabaseError(label, path, error instanceof Error ? error.message : String(error));
  }
  if (uncleanExit) log(`${label} database ${path}: previous run did not close it; full integrity_check passed`);
  writeFileSync(marker, String(process.pid));

  const backupPath = migrate(db, { path, label, migrations, existed, log });
  return {
    db,
    uncleanExit,
    backupPath,
    markClosed: () => rmSync(marker, { force: true }),
  };
}

function migrate(
  db: Database.Database,
  o: { path: string; label: string; migrations: readonly Migration[]; existed: boolean; log: (l: string) => void },
): string | null {
  const current = Number(db.pragma('user_version', { simple: true }));
  const latest = o.migrations.reduce((max, m) => Math.max(max, m.version), 0);
  if (current > latest) {
    db.close();
    throw new MigrationError(
      `The ${o.label} database ${o.path} is at schema version ${current}, newer than this Watchfloor knows (${latest}). ` +
        'It was written by a newer version: run that version, or restore a backup. Nothing was changed.',
    );
  }
  const pending = o.migrations.filter((m) => m.version > current).sort((a, b) => a.version - b.version);
  if (pending.length === 0) return null;
  let backupPath: string | null = null;
  if (o.existed && current > 0) {
    // A plain file copy after a checkpoint: the copy alone is a complete database.
    db.pragma('wal_checkpoint(TRUNCATE)');
    backupPath = `${o.path}.v${current}-${Date.now()}.bak`;
    copyFileSync(o.path, backupPath);
    o.log(`${o.label} database ${o.path}: backed up to ${backupPath} before migrating from version ${current}`);
  }
  for (const m of pending) {
    try {
      db.transaction(() => {
        m.up(db);
        db.pragma(`user_version = ${m.version}`);
      })();
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      db.close();
      throw new MigrationError(
        `Migration ${m.name} of the ${o.label} database ${o.path} failed: ${reason}. ` +
          `The database stays at version ${Number(current)} plus the migrations before ${m.name}` +
          (backupPath ? `; a copy from before migrating is at ${backupPath}` : '') +
          '. Nothing was deleted. Report this message.',
      );
    }
    o.log(`${o.label} database ${o.path}: migrated to ${m.name}`);
  }
  return backupPath;
}

/** Moves a damaged cache file (and its WAL/SHM) aside so a fresh one can be built from the hub. */
export function setAside(path: string): string {
  const aside = `${path}.damaged-${Date.now()}`;
  for (const suffix of ['', '-wal', '-shm']) {
    if (existsSync(path + suffix)) renameSync(path + suffix, aside + suffix);
  }
  rmSync(`${path}.running`, { force: true });
  return aside;
}
