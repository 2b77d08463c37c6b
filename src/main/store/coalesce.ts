import { isRemoval, type Envelope } from '../../shared/protocol/envelope.ts';
import type { StreamName } from '../../shared/protocol/streams.ts';

export interface EntityRef {
  stream: StreamName;
  id: string;
}

export interface Coalesced {
  /** Entities removed in this run (windows apply removals before upserts). */
  removed: string[];
  /**
   * Indexes into the run of the last envelope per (entity, type) after the entity's last removal,
   * ascending (so in seq order). Indexes, not envelopes: the caller keeps per-event data (the
   * serialised JSON) in arrays parallel to the run.
   */
  upserts: number[];
}

/**
 * Folds a run of envelopes of ONE stream into the changes that matter at the end of the run: the latest
 * envelope per (entity, type), and removals. An upsert after a removal in the same run survives (the
 * entity came back); one before it does not.
 *
 * Hot path (every committed tick): most entities see one type per tick, so an entity maps straight to the
 * index of its newest envelope and only an entity with several types gets a per-type map — a Map per
 * entity was a tenth of the commit's CPU, mostly garbage.
 */
export function coalesce(envelopes: readonly Envelope[]): Coalesced {
  const latest = new Map<string, number | Map<string, number>>();
  let removed: Set<string> | null = null;
  for (let i = 0; i < envelopes.length; i++) {
    const e = envelopes[i] as Envelope;
    if (isRemoval(e.type)) {
      (removed ??= new Set()).add(e.id);
      latest.delete(e.id);
      continue;
    }
    const held = latest.get(e.id);
    if (held === undefined) latest.set(e.id, i);
    else if (typeof held === 'number') {
      const prev = envelopes[held] as Envelope;
      if (prev.type === e.type) latest.set(e.id, i);
      else
        latest.set(
          e.id,
          new Map([
            [prev.type, held],
            [e.type, i],
          ]),
        );
    } else held.set(e.type, i);
  }
  // Flag the kept indexes, then read them back in run order: no comparator sort per tick.
  const kept = new Uint8Array(envelopes.length);
  for (const held of latest.values()) {
    if (typeof held === 'number') kept[held] = 1;
    else for (const i of held.values()) kept[i] = 1;
  }
  const upserts: number[] = [];
  for (let i = 0; i < kept.length; i++) if (kept[i] === 1) upserts.push(i);
  return { removed: removed ? [...removed] : [], upserts };
}
