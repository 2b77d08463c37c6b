import type { FeedBatch } from '../../shared/ipc/contract.ts';
import type { Envelope } from '../../shared/protocol/envelope.ts';
import type { TickResult } from '../store/feedCache.ts';

/** Per entity: its one envelope (the common case), or its envelopes by type. */
type Held = Envelope | Map<string, Envelope>;

function bySeq(a: Envelope, b: Envelope): number {
  if (a.stream !== b.stream) return a.stream < b.stream ? -1 : 1;
  return a.seq - b.seq;
}

/**
 * Coalesces committed changes into one `feed.batch` per tick: the latest envelope per (stream, id, type)
 * — not per entity, so a raise and its ack in one tick both reach the windows — and the removals (a
 * removal drops every type of the entity). Windows apply `removals` first, then `upserts` in (stream,
 * seq) order; an entity removed and re-added in the same tick appears in both.
 *
 * Keyed stream → id → envelope, with a per-type map only for entities that changed through several types
 * in the tick: a key string and a Map per entity were most of this class's cost at 10k entities a tick.
 */
export class FeedBatcher {
  #upserts = new Map<string, Map<string, Held>>();
  #removals = new Map<string, FeedBatch['removals'][number]>();

  add(result: TickResult): void {
    for (const r of result.removals) {
      this.#upserts.get(r.stream)?.delete(r.id);
      this.#removals.set(`${r.stream}\u0000${r.id}`, r);
    }
    for (const e of result.upserts) {
      let ids = this.#upserts.get(e.stream);
      if (!ids) {
        ids = new Map();
        this.#upserts.set(e.stream, ids);
      }
      const held = ids.get(e.id);
      if (held === undefined) ids.set(e.id, e);
      else if (held instanceof Map) held.set(e.type, e);
      else if (held.type === e.type) ids.set(e.id, e);
      else
        ids.set(
          e.id,
          new Map([
            [held.type, held],
            [e.type, e],
          ]),
        );
    }
  }

  /** The tick's batch, or null when nothing changed. */
  take(): FeedBatch | null {
    const upserts: Envelope[] = [];
    for (const ids of this.#upserts.values()) {
      for (const held of ids.values()) {
        if (held instanceof Map) for (const e of held.values()) upserts.push(e);
        else upserts.push(held);
      }
    }
    if (upserts.length === 0 && this.#removals.size === 0) {
      this.#upserts.clear();
      return null;
    }
    // Ordered by (stream, seq) like wall.bootstrap: one entity's types apply in the order they happened,
    // whichever tick of this window's interval they came from. Usually already in order: checked first.
    if (!sorted(upserts)) upserts.sort(bySeq);
    const batch: FeedBatch = { upserts, removals: [...this.#removals.values()] };
    this.#upserts = new Map();
    this.#removals = new Map();
    return batch;
  }
}

function sorted(envelopes: readonly Envelope[]): boolean {
  for (let i = 1; i < envelopes.length; i++) {
    if (bySeq(envelopes[i - 1] as Envelope, envelopes[i] as Envelope) > 0) return false;
  }
  return true;
}
