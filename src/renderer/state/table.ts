/**
 * An entity table as deck.gl wants it: records are mutated in place when their values change (bump
 * `version`, which layers use as updateTriggers), and `items` — the array handed to deck.gl as `data` —
 * is replaced only when membership changes. So a telemetry tick costs a map lookup per entity and no
 * allocation, and deck.gl re-reads attributes without re-diffing data.
 */
export interface Table<R extends { id: string }> {
  readonly byId: Map<string, R>;
  items: readonly R[];
  /** Bumped on any change (values or membership). */
  version: number;
  /** Bumped when `items` is replaced. */
  membership: number;
  /** Set between a change and {@link commitTable}. */
  dirtyMembership: boolean;
}

export function createTable<R extends { id: string }>(): Table<R> {
  return { byId: new Map(), items: [], version: 0, membership: 0, dirtyMembership: false };
}

export function putRecord<R extends { id: string }>(table: Table<R>, record: R): void {
  if (!table.byId.has(record.id)) table.dirtyMembership = true;
  table.byId.set(record.id, record);
  table.version++;
}

export function touch<R extends { id: string }>(table: Table<R>): void {
  table.version++;
}

export function deleteRecord<R extends { id: string }>(table: Table<R>, id: string): boolean {
  if (!table.byId.delete(id)) return false;
  table.dirtyMembership = true;
  table.version++;
  return true;
}

export function clearTable<R extends { id: string }>(table: Table<R>): void {
  if (table.byId.size === 0 && table.items.length === 0) return;
  table.byId.clear();
  table.dirtyMembership = true;
  table.version++;
}

/** Rebuilds `items` once per batch, only if membership changed. */
export function commitTable<R extends { id: string }>(table: Table<R>): boolean {
  if (!table.dirtyMembership) return false;
  table.items = Array.from(table.byId.values());
  table.membership++;
  table.dirtyMembership = false;
  return true;
}
