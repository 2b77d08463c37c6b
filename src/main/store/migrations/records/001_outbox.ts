import type { Migration } from '../migration.ts';

// records.db holds what an operator wrote: never pruned, never rebuilt from the hub. `outbox` is what
// still has to reach the hub; `command_results` keeps every answer (a rejection with its reason stays
// visible to the operator instead of vanishing).
export const migration001Outbox: Migration = {
  version: 1,
  name: '001_outbox',
  up(db) {
    db.exec(`
      CREATE TABLE outbox (
        command_id TEXT PRIMARY KEY, type TEXT NOT NULL, payload TEXT NOT NULL, actor TEXT NOT NULL,
        created_at INTEGER NOT NULL, attempts INTEGER NOT NULL DEFAULT 0, last_attempt_at INTEGER, last_error TEXT);
      CREATE TABLE command_results (
        command_id TEXT PRIMARY KEY, type TEXT NOT NULL, payload TEXT NOT NULL, actor TEXT NOT NULL,
        created_at INTEGER NOT NULL, answered_at INTEGER NOT NULL, ok INTEGER NOT NULL,
        result TEXT, error_code TEXT, error_message TEXT);
    `);
  },
};
