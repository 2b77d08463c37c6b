import { isRemoval, type Envelope } from '../../shared/protocol/envelope.ts';
import type { StreamName } from '../../shared/protocol/streams.ts';

export interface EntityRef {
  stream: StreamName;
  id: string;
}

export interface Coalesced {
  /** Entities removed in this run (windows apply removals before upserts). */
  removed: string[];
  /** The last envelope per (entity, type) after its last removal. */
  upserts: Envelope[];
}

/**
 * Folds a run of envelopes of ONE stream into the changes that matter at the end of the run: the latest
 * envelope per (entity, type), and removals. An upsert after a removal in the same run survives (the
 * entity came back); one before it does not.
 */
export function coalesce(envelopes: readonly Envelope[]): Coalesced {
  const entities = new Map<string, { removed: boolean; types: Map<string, Envelope> }>();
  for (const e of envelopes) {
    let entry = entities.get(e.id);
    if (!entry) {
      entry = { removed: false, types: new Map() };
      entities.set(e.id, entry);
    }
    if (isRemoval(e.type)) {
      entry.removed = true;
      entry.types.clear();
    } else {
      entry.types.set(e.type, e);
    }
  }
  const removed: string[] = [];
  const upserts: Envelope[] = [];
  for (const [id, entry] of entities) {
    if (entry.removed) removed.push(id);
    for (const e of entry.types.values()) upserts.push(e);
  }
  return { removed, upserts };
}
