import type Database from 'better-sqlite3';
import type { Actor } from '../../shared/protocol/eventData.ts';
import type { CommandType, ProtocolError } from '../../shared/protocol/messages.ts';

export interface OutboxEntry {
  commandId: string;
  type: CommandType;
  payload: unknown;
  actor: Actor;
  createdAt: number;
  attempts: number;
  lastError: string | null;
}

export interface CommandResult {
  commandId: string;
  type: CommandType;
  ok: boolean;
  answeredAt: number;
  error: ProtocolError | null;
  /** The command's payload as it was queued (the refused write, for the operator to see or redo). */
  payload: unknown;
}

type OutboxRow = {
  command_id: string;
  type: string;
  payload: string;
  actor: string;
  created_at: number;
  attempts: number;
  last_error: string | null;
};

/**
 * Operator writes in records.db. A write lands here first (so it survives a crash or an offline hub),
 * and leaves only when the hub answered it: the row moves to `command_results` with the answer, in one
 * transaction. Nothing here is ever pruned.
 */
export class Outbox {
  readonly #db: Database.Database;
  readonly #s;

  constructor(db: Database.Database) {
    this.#db = db;
    this.#s = {
      insert: db.prepare<[string, string, string, string, number]>(
        'INSERT INTO outbox (command_id, type, payload, actor, created_at) VALUES (?, ?, ?, ?, ?)',
      ),
      pending: db.prepare<[], OutboxRow>('SELECT * FROM outbox ORDER BY created_at, rowid'),
      get: db.prepare<[string], OutboxRow>('SELECT * FROM outbox WHERE command_id = ?'),
      attempt: db.prepare<[number, string | null, string]>(
        'UPDATE outbox SET attempts = attempts + 1, last_attempt_at = ?, last_error = ? WHERE command_id = ?',
      ),
      remove: db.prepare<[string]>('DELETE FROM outbox WHERE command_id = ?'),
      result: db.prepare<[string, string, string, string, number, number, number, string | null, string | null, string | null]>(
        `INSERT OR REPLACE INTO command_results
          (command_id, type, payload, actor, created_at, answered_at, ok, result, error_code, error_message)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      rejected: db.prepare<[], { command_id: string; type: string; payload: string; answered_at: number; error_code: string; error_message: string }>(
        'SELECT command_id, type, payload, answered_at, error_code, error_message FROM command_results WHERE ok = 0 ORDER BY answered_at',
      ),
      count: db.prepare<[], { n: number }>('SELECT count(*) AS n FROM outbox'),
    };
  }

  add(entry: { commandId: string; type: CommandType; payload: unknown; actor: Actor; createdAt: number }): void {
    this.#s.insert.run(entry.commandId, entry.type, JSON.stringify(entry.payload), JSON.stringify(entry.actor), entry.createdAt);
  }

  /** Oldest first: commands reach the hub in the order the operator made them. */
  pending(): OutboxEntry[] {
    return this.#s.pending.all().map((r) => ({
      commandId: r.command_id,
      // Rows were written by `add` from typed values.
      type: r.type as CommandType,
      payload: JSON.parse(r.payload) as unknown,
      actor: JSON.parse(r.actor) as Actor,
      createdAt: r.created_at,
      attempts: r.attempts,
      lastError: r.last_error,
    }));
  }

  pendingCount(): number {
    return this.#s.count.get()?.n ?? 0;
  }

  /** A try that got no definitive answer (timeout, hub error): the entry stays for the next try. */
  recordAttempt(commandId: string, at: number, error: string | null): void {
    this.#s.attempt.run(at, error, commandId);
  }

  /** The hub answered (accepted, or rejected for good): keep the answer, drop the entry, atomically. */
  settle(commandId: string, answer: { ok: true; result: unknown } | { ok: false; error: ProtocolError }, at: number): void {
    this.#db.transaction(() => {
      const row = this.#s.get.get(commandId);
      if (!row) return;
      this.#s.result.run(
        row.command_id,
        row.type,
        row.payload,
        row.actor,
        row.created_at,
        at,
        answer.ok ? 1 : 0,
        answer.ok ? JSON.stringify(answer.result ?? null) : null,
        answer.ok ? null : answer.error.code,
        answer.ok ? null : answer.error.message,
      );
      this.#s.remove.run(commandId);
    })();
  }

  /** Writes the hub refused, with the reason, for the operator to see. */
  rejected(): CommandResult[] {
    return this.#s.rejected.all().map((r) => ({
      commandId: r.command_id,
      type: r.type as CommandType,
      ok: false,
      answeredAt: r.answered_at,
      error: { code: r.error_code, message: r.error_message },
      payload: JSON.parse(r.payload) as unknown,
    }));
  }
}
