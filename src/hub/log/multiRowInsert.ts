import type Database from 'better-sqlite3';

/**
 * Buffers rows and writes them with multi-row `INSERT … VALUES (…), (…)` statements. One statement per
 * row costs a native call and a VDBE reset each; 64 rows per statement measured ~30% faster appends
 * (events + latest upsert) on this machine. Rows are written in the order added; call `flush()` before
 * any statement that must see them, and before the transaction commits.
 */
export class MultiRowInsert {
  readonly #db: Database.Database;
  readonly #head: string;
  readonly #tail: string;
  readonly #tuple: string;
  readonly #rowsPerStatement: number;
  readonly #statements = new Map<number, Database.Statement<unknown[]>>();
  #params: unknown[] = [];
  #rows = 0;

  /** `head` is `INSERT INTO t (a, b) VALUES`; `tail` goes after the values (e.g. an ON CONFLICT clause). */
  constructor(db: Database.Database, head: string, columns: number, tail = '', rowsPerStatement = 64) {
    this.#db = db;
    this.#head = head;
    this.#tail = tail;
    this.#tuple = `(${new Array<string>(columns).fill('?').join(', ')})`;
    this.#rowsPerStatement = rowsPerStatement;
  }

  add(...values: unknown[]): void {
    for (const value of values) this.#params.push(value);
    this.#rows += 1;
    if (this.#rows === this.#rowsPerStatement) this.flush();
  }

  flush(): void {
    if (this.#rows === 0) return;
    this.#statement(this.#rows).run(...this.#params);
    this.#params = [];
    this.#rows = 0;
  }

  /** Drops buffered rows (after a failed transaction). */
  reset(): void {
    this.#params = [];
    this.#rows = 0;
  }

  #statement(rows: number): Database.Statement<unknown[]> {
    let statement = this.#statements.get(rows);
    if (!statement) {
      statement = this.#db.prepare<unknown[]>(`${this.#head} ${new Array<string>(rows).fill(this.#tuple).join(', ')} ${this.#tail}`);
      this.#statements.set(rows, statement);
    }
    return statement;
  }
}
