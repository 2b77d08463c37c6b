import type { Envelope, EventDraft } from '../shared/protocol/envelope.ts';
import type { StreamName } from '../shared/protocol/streams.ts';

/** Per-item answer of an ingest: appended with its seq, a duplicate of the latest state, or rejected. */
export type IngestItemResult =
  | { status: 'accepted'; id: string; stream: StreamName; seq: number }
  | { status: 'duplicate'; id: string; stream: StreamName }
  | { status: 'rejected'; id?: string; reason: string };

/**
 * What the real-source adapters (NGSI-LD, CAP, Open311) see of the hub. The hub core implements it; the
 * adapters never touch the log or sockets directly.
 */
export interface IngestSink {
  /**
   * Validates each draft with the protocol schemas, drops one whose `type` and `data` equal the entity's
   * latest envelope (idempotent ingest: the same payload twice makes one event), appends the rest in
   * one batch and broadcasts them. `source` labels every appended event (`envelope.source`).
   */
  ingest(source: string, drafts: readonly EventDraft[]): IngestItemResult[];
  /** Latest envelope of an entity, for Update/Cancel that refer to earlier records. */
  latest(stream: StreamName, id: string): Envelope | undefined;
  /**
   * Counts what a source accepted and rejected (with reasons) for `GET /healthz` → `sources`. `ingest()`
   * does not count by itself: an adapter calls this once per request with the totals of its item results
   * plus whatever it rejected before any draft existed (unparseable body, unsupported entity type).
   */
  recordSource(source: string, outcome: { accepted: number; duplicates: number; rejected: string[] }): void;
}
