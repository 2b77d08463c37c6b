import { isRemoval, parseDraft, streamOf, type Envelope, type EventDraft } from '../shared/protocol/envelope.ts';
import type { StreamName } from '../shared/protocol/streams.ts';
import { canonicalJson } from '../shared/lib/canonicalJson.ts';
import type { IngestItemResult, IngestSink } from './ingestSink.ts';
import type { EventLog } from './log/eventLog.ts';
import type { SourceCounters } from './sourceCounters.ts';

/**
 * The hub side of the adapters' {@link IngestSink}. Dedup compares with the entity's latest envelope of
 * the same type (the log keeps one per type: an alarm's `alarm.raised` survives its acknowledgement), so
 * a source re-sending what it sent before makes no event; a removal of an entity the hub does not hold
 * is a duplicate too (a CAP Cancel sent twice makes one `alert.removed`).
 */
export class HubIngestSink implements IngestSink {
  readonly #log: EventLog;
  readonly #publish: (drafts: readonly EventDraft[]) => Envelope[];
  readonly #counters: SourceCounters;

  constructor(log: EventLog, publish: (drafts: readonly EventDraft[]) => Envelope[], counters: SourceCounters) {
    this.#log = log;
    this.#publish = publish;
    this.#counters = counters;
  }

  ingest(source: string, drafts: readonly EventDraft[]): IngestItemResult[] {
    const results: IngestItemResult[] = [];
    const toAppend: EventDraft[] = [];
    const appendedAt: number[] = [];
    // What this batch already holds, so the same item twice in one request is also one event.
    const pending = new Map<string, string | null>();
    for (const raw of drafts as readonly unknown[]) {
      const parsed = parseDraft(raw === null || typeof raw !== 'object' ? raw : { ...raw, source });
      if (!parsed.ok) {
        const id = raw !== null && typeof raw === 'object' && 'id' in raw && typeof raw.id === 'string' ? raw.id.slice(0, 200) : undefined;
        results.push(id === undefined ? { status: 'rejected', reason: parsed.reason } : { status: 'rejected', id, reason: parsed.reason });
        continue;
      }
      const draft = parsed.value;
      const stream = streamOf(draft.type);
      if (this.#isDuplicate(stream, draft, pending)) {
        results.push({ status: 'duplicate', id: draft.id, stream });
        continue;
      }
      appendedAt.push(results.length);
      results.push({ status: 'accepted', id: draft.id, stream, seq: 0 });
      toAppend.push(draft);
    }
    if (toAppend.length > 0) {
      const envelopes = this.#publish(toAppend);
      envelopes.forEach((envelope, i) => {
        const index = appendedAt[i];
        if (index !== undefined) results[index] = { status: 'accepted', id: envelope.id, stream: envelope.stream, seq: envelope.seq };
      });
    }
    return results;
  }

  #isDuplicate(stream: StreamName, draft: EventDraft, pending: Map<string, string | null>): boolean {
    const entityKey = `${stream}\u0000${draft.id}`;
    if (isRemoval(draft.type)) {
      const held = pending.has(entityKey) ? pending.get(entityKey) !== null : this.#log.latestOf(stream, draft.id).length > 0;
      pending.set(entityKey, null);
      return !held;
    }
    const typeKey = `${entityKey}\u0000${draft.type}`;
    const data = canonicalJson(draft.data);
    let previous: string | undefined;
    if (pending.get(entityKey) === null) previous = undefined;
    else if (pending.has(typeKey)) previous = pending.get(typeKey) ?? undefined;
    else {
      const latest = this.#log.latestOf(stream, draft.id).find((e) => e.type === draft.type);
      previous = latest ? canonicalJson(latest.data) : undefined;
    }
    pending.set(typeKey, data);
    pending.set(entityKey, data);
    return previous === data;
  }

  latest(stream: StreamName, id: string): Envelope | undefined {
    const state = this.#log.latestOf(stream, id);
    return state[state.length - 1];
  }

  recordSource(source: string, outcome: { accepted: number; duplicates: number; rejected: string[] }): void {
    this.#counters.record(source, outcome);
  }
}
