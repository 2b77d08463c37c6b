import type Database from 'better-sqlite3';

const ROWS_PER_STATEMENT = 64;

/**
 * Writes rows with multi-row `INSERT … VALUES (…), (…)`: per-statement overhead (a native call and a
 * VDBE reset) dominated the cache's commit with one statement per row (tests/bench/client.ts). Values
 * are pushed flat, row after row, so a tick allocates no array per row (GC was the next cost).
 */
export class BatchInsert {
  readonly #db: Database.Database;
  readonly #columns: number;
  readonly #sql: (rows: number) => string;
  readonly #cache = new Map<number, Database.Statement<unknown[]>>();
  #values: unknown[] = [];

  /** `head`: `INSERT INTO t (a, b) VALUES`; `columns`: values per row; `tail`: e.g. an upsert clause. */
  constructor(db: Database.Database, head: string, columns: number, tail = '') {
    this.#db = db;
    this.#columns = columns;
    const tuple = `(${Array.from({ length: columns }, () => '?').join(',')})`;
    this.#sql = (rows) => `${head} ${Array.from({ length: rows }, () => tuple).join(',')} ${tail}`;
  }

  /** Adds one row's values (exactly `columns` of them). */
  push(...values: unknown[]): void {
    for (const v of values) this.#values.push(v);
    if (this.#values.length === ROWS_PER_STATEMENT * this.#columns) this.flush();
  }

  /** Writes what was pushed, in order. Call before anything that must see the rows. */
  flush(): void {
    const rows = this.#values.length / this.#columns;
    if (rows === 0) return;
    const values = this.#values;
    this.#values = [];
    this.#statement(rows).run(...values);
  }

  /** Forgets pushed rows (after a failed transaction). */
  reset(): void {
    this.#values = [];
  }

  #statement(rows: number): Database.Statement<unknown[]> {
    let statement = this.#cache.get(rows);
    if (!statement) {
      statement = this.#db.prepare<unknown[]>(this.#sql(rows));
      this.#cache.set(rows, statement);
    }
    return statement;
  }
}
