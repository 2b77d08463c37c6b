import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { decodeChunk } from '../../../src/main/store/eventChunk.ts';
import { migration001FeedCache } from '../../../src/main/store/migrations/cache/001_feed_cache.ts';
import { CACHE_MIGRATIONS } from '../../../src/main/store/migrations/cache/index.ts';
import type { Migration } from '../../../src/main/store/migrations/migration.ts';
import { RECORDS_MIGRATIONS } from '../../../src/main/store/migrations/records/index.ts';
import { DamagedDatabaseError, MigrationError, openDatabase } from '../../../src/main/store/openDatabase.ts';
import { openStore } from '../../../src/main/store/store.ts';
import { useTempDirs } from './support/tempDir.ts';

const tempDir = useTempDirs();

function tables(db: Database.Database): string[] {
  return (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]).map((r) => r.name);
}

describe('cache migration 001_feed_cache', () => {
  it('creates the feed cache tables on a WAL connection with synchronous=NORMAL', () => {
    const opened = openDatabase({ path: join(tempDir(), 'cache.db'), label: 'cache', migrations: [migration001FeedCache], synchronous: 'NORMAL' });
    expect(tables(opened.db)).toEqual(['catalog', 'epochs', 'events', 'latest', 'meta', 'positions']);
    expect(opened.db.pragma('user_version', { simple: true })).toBe(1);
    expect(opened.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(opened.db.pragma('synchronous', { simple: true })).toBe(1);
    opened.db.close();
  });
});

describe('cache migration 002_event_chunks', () => {
  it('replaces the per-event table with chunks and keeps every event held at version 1', () => {
    const path = join(tempDir(), 'cache.db');
    const v1db = openDatabase({ path, label: 'cache', migrations: [migration001FeedCache], synchronous: 'NORMAL' });
    v1db.db.prepare("INSERT INTO epochs (no, epoch) VALUES (1, 'E')").run();
    const insert = v1db.db.prepare('INSERT INTO events (stream, epoch_no, seq, ts, type, id, source, data) VALUES (?, 1, ?, ?, ?, ?, ?, ?)');
    insert.run('traffic', 1, 1000, 'traffic.speed', 'segment:a', null, '{"speedKmh":42,"freeFlowKmh":50}');
    insert.run('traffic', 2, 1001, 'traffic.speed', 'segment:"b"', 'ngsi', '{"speedKmh":7,"freeFlowKmh":50}');
    v1db.db.close();
    v1db.markClosed();

    const opened = openDatabase({ path, label: 'cache', migrations: CACHE_MIGRATIONS, synchronous: 'NORMAL' });
    expect(opened.db.pragma('user_version', { simple: true })).toBe(2);
    expect(opened.backupPath).not.toBeNull();
    expect(tables(opened.db)).toEqual(['catalog', 'epochs', 'event_chunks', 'latest', 'meta', 'positions']);
    const rows = opened.db.prepare('SELECT stream, first_seq, last_seq, first_ts, last_ts, body FROM event_chunks ORDER BY first_seq').all() as {
      first_seq: number;
      last_seq: number;
      first_ts: number;
      body: string;
    }[];
    expect(rows.map((r) => [r.first_seq, r.last_seq, r.first_ts])).toEqual([
      [1, 1, 1000],
      [2, 2, 1001],
    ]);
    expect(decodeChunk('traffic', rows[0]?.body ?? '')).toEqual({
      ok: true,
      events: [{ stream: 'traffic', seq: 1, ts: 1000, type: 'traffic.speed', id: 'segment:a', data: { speedKmh: 42, freeFlowKmh: 50 } }],
    });
    expect(decodeChunk('traffic', rows[1]?.body ?? '')).toEqual({
      ok: true,
      events: [{ stream: 'traffic', seq: 2, ts: 1001, type: 'traffic.speed', id: 'segment:"b"', source: 'ngsi', data: { speedKmh: 7, freeFlowKmh: 50 } }],
    });
    opened.db.close();
  });
});

describe('records migration 001_outbox', () => {
  it('creates the outbox and command results on a WAL connection with synchronous=FULL', () => {
    const opened = openDatabase({ path: join(tempDir(), 'records.db'), label: 'records', migrations: RECORDS_MIGRATIONS, synchronous: 'FULL' });
    expect(tables(opened.db)).toEqual(['command_results', 'outbox']);
    expect(opened.db.pragma('user_version', { simple: true })).toBe(1);
    expect(opened.db.pragma('synchronous', { simple: true })).toBe(2);
    opened.db.close();
  });
});

const v1: Migration = { version: 1, name: '001_notes', up: (db) => db.exec('CREATE TABLE notes (text TEXT NOT NULL)') };
const v2: Migration = { version: 2, name: '002_note_author', up: (db) => db.exec('ALTER TABLE notes ADD COLUMN author TEXT') };
const broken: Migration = {
  version: 2,
  name: '002_broken',
  up: (db) => {
    db.exec('ALTER TABLE notes ADD COLUMN half TEXT');
    throw new Error('planted failure');
  },
};

function seed(path: string): void {
  const opened = openDatabase({ path, label: 'test', migrations: [v1], synchronous: 'FULL' });
  opened.db.prepare('INSERT INTO notes (text) VALUES (?)').run('kept');
  opened.db.close();
  opened.markClosed();
}

describe('the migration runner', () => {
  it('copies an existing database aside before migrating it', () => {
    const dir = tempDir();
    const path = join(dir, 'x.db');
    seed(path);
    const opened = openDatabase({ path, label: 'test', migrations: [v1, v2], synchronous: 'FULL' });
    expect(opened.db.pragma('user_version', { simple: true })).toBe(2);
    expect(opened.backupPath).not.toBeNull();
    const backup = new Database(opened.backupPath ?? '', { readonly: true });
    expect(backup.pragma('user_version', { simple: true })).toBe(1);
    expect(backup.prepare('SELECT text FROM notes').all()).toEqual([{ text: 'kept' }]);
    backup.close();
    opened.db.close();
  });

  it('fails loudly naming the database and the migration, and keeps the data at the last good version', () => {
    const dir = tempDir();
    const path = join(dir, 'x.db');
    seed(path);
    expect(() => openDatabase({ path, label: 'records', migrations: [v1, broken], synchronous: 'FULL' })).toThrow(
      /Migration 002_broken of the records database .*x\.db failed: planted failure.*Nothing was deleted/,
    );
    const db = new Database(path);
    expect(db.pragma('user_version', { simple: true })).toBe(1);
    expect(db.prepare('SELECT * FROM notes').all()).toEqual([{ text: 'kept' }]);
    db.close();
  });

  it('refuses a database newer than it knows', () => {
    const path = join(tempDir(), 'x.db');
    seed(path);
    expect(() => openDatabase({ path, label: 'cache', migrations: [], synchronous: 'NORMAL' })).toThrow(MigrationError);
  });

  it('runs the full integrity check after an unclean exit', () => {
    const path = join(tempDir(), 'x.db');
    const first = openDatabase({ path, label: 'test', migrations: [v1], synchronous: 'FULL' });
    first.db.close(); // no markClosed: as if the process died
    const second = openDatabase({ path, label: 'test', migrations: [v1], synchronous: 'FULL' });
    expect(second.uncleanExit).toBe(true);
    second.db.close();
    second.markClosed();
    const third = openDatabase({ path, label: 'test', migrations: [v1], synchronous: 'FULL' });
    expect(third.uncleanExit).toBe(false);
    third.db.close();
  });
});

describe('damaged files', () => {
  it('sets a damaged cache aside and rebuilds it; records are untouched', () => {
    const dir = tempDir();
    const store = openStore(dir, () => {});
    store.outbox.add({ commandId: '6b0c3a4e-2f7d-4a53-9f0e-1d2c3b4a5f60', type: 'alarm.acknowledge', payload: { alarmId: 'alarm:a' }, actor: { operator: 'o', station: 's' }, createdAt: 1 });
    store.close();
    writeFileSync(join(dir, 'cache.db'), 'this is not a database'.repeat(400));
    const reopened = openStore(dir, () => {});
    expect(reopened.cacheSetAside).toMatch(/cache\.db\.damaged-/);
    expect(reopened.outbox.pendingCount()).toBe(1);
    expect(reopened.cache.counts().events).toBe(0);
    reopened.close();
  });

  it('never sets records.db aside: a damaged one stops the start with its name', () => {
    const dir = tempDir();
    openStore(dir, () => {}).close();
    writeFileSync(join(dir, 'records.db'), 'garbage'.repeat(1000));
    expect(() => openStore(dir, () => {})).toThrow(DamagedDatabaseError);
    expect(() => openStore(dir, () => {})).toThrow(/records database .*records\.db is damaged/);
    expect(existsSync(join(dir, 'records.db'))).toBe(true);
    expect(readdirSync(dir).some((f) => f.startsWith('records.db.damaged'))).toBe(false);
  });
});
