import type { FeedBatch } from '../../shared/ipc/contract.ts';
import type { Envelope } from '../../shared/protocol/envelope.ts';
import type { TickResult } from '../store/feedCache.ts';

/**
 * Coalesces committed changes into one `feed.batch` per tick: the latest envelope per (entity, type) and
 * the removals. Windows apply `removals` first, then `upserts`; an entity removed and re-added in the
 * same tick appears in both.
 */
export class FeedBatcher {
  #upserts = new Map<string, Map<string, Envelope>>();
  #removals = new Map<string, FeedBatch['removals'][number]>();

  add(result: TickResult): void {
    for (const r of result.removals) {
      const entity = `${r.stream}\u0000${r.id}`;
      this.#upserts.delete(entity);
      this.#removals.set(entity, r);
    }
    for (const e of result.upserts) {
      const entity = `${e.stream}\u0000${e.id}`;
      let types = this.#upserts.get(entity);
      if (!types) {
        types = new Map();
        this.#upserts.set(entity, types);
      }
      types.set(e.type, e);
    }
  }

  /** The tick's batch, or null when nothing changed. */
  take(): FeedBatch | null {
    if (this.#upserts.size === 0 && this.#removals.size === 0) return null;
    const upserts: Envelope[] = [];
    for (const types of this.#upserts.values()) for (const e of types.values()) upserts.push(e);
    const batch: FeedBatch = { upserts, removals: [...this.#removals.values()] };
    this.#upserts = new Map();
    this.#removals = new Map();
    return batch;
  }
}
