import {
  isRemoval,
  parseDraft,
  streamOf,
  type Envelope,
  type EventDraft,
} from '../../../src/shared/protocol/envelope.ts';
import type { StreamName } from '../../../src/shared/protocol/streams.ts';
import type { IngestItemResult, IngestSink } from '../../../src/hub/ingestSink.ts';

/** JSON with sorted keys: equal data compares equal whatever the key order (as the hub's sink does). */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v === null || typeof v !== 'object' || Array.isArray(v)
      ? v
      : Object.fromEntries(
          Object.keys(v)
            .sort()
            .map((k) => [k, (v as Record<string, unknown>)[k]]),
        ),
  );
}

/**
 * An in-memory IngestSink with the hub sink's contract (src/hub/hubIngestSink.ts): validate with the
 * protocol schemas; a draft equal to the entity's latest envelope of the same type is a duplicate; a
 * removal of an entity not held is a duplicate and a removal clears the entity. Adapters are tested
 * against it without a hub; the integration tests run them against the real one.
 */
export class FakeSink implements IngestSink {
  readonly log: Envelope[] = [];
  readonly sources = new Map<string, { accepted: number; duplicates: number; rejected: string[] }>();
  /** Per entity: its latest envelope per type, in append order. */
  private readonly state = new Map<string, Envelope[]>();
  private readonly seqs = new Map<StreamName, number>();

  ingest(source: string, drafts: readonly EventDraft[]): IngestItemResult[] {
    return drafts.map((raw) => {
      const parsed = parseDraft(raw);
      if (!parsed.ok) return { status: 'rejected', id: raw.id, reason: parsed.reason };
      const draft = parsed.value;
      const stream = streamOf(draft.type);
      const key = `${stream}|${draft.id}`;
      const held = this.state.get(key) ?? [];
      const sameType = held.find((e) => e.type === draft.type);
      if (
        isRemoval(draft.type)
          ? held.length === 0
          : sameType && canonical(sameType.data) === canonical(draft.data)
      ) {
        return { status: 'duplicate', id: draft.id, stream };
      }
      const seq = (this.seqs.get(stream) ?? 0) + 1;
      this.seqs.set(stream, seq);
      const env = { ...draft, stream, seq, ts: Date.now(), source } as Envelope;
      this.log.push(env);
      if (isRemoval(draft.type)) this.state.delete(key);
      else this.state.set(key, [...held.filter((e) => e.type !== draft.type), env]);
      return { status: 'accepted', id: draft.id, stream, seq };
    });
  }

  latest(stream: StreamName, id: string): Envelope | undefined {
    const held = this.state.get(`${stream}|${id}`);
    return held?.[held.length - 1];
  }

  recordSource(source: string, outcome: { accepted: number; duplicates: number; rejected: string[] }): void {
    const s = this.sources.get(source) ?? { accepted: 0, duplicates: 0, rejected: [] };
    s.accepted += outcome.accepted;
    s.duplicates += outcome.duplicates;
    s.rejected.push(...outcome.rejected);
    this.sources.set(source, s);
  }
}
