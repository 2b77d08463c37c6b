import type { Envelope, EventDraft } from '../../../../src/shared/protocol/envelope.ts';
import type { StreamName } from '../../../../src/shared/protocol/streams.ts';

/** `count` traffic speed readings spread over `entities` segments. */
export function speedDrafts(count: number, entities = 50, offset = 0): EventDraft[] {
  return Array.from({ length: count }, (_, i) => ({
    type: 'segment.speed' as const,
    id: `segment:s-${(i + offset) % entities}`,
    data: { speedKmh: 20 + ((i + offset) % 40), freeFlowKmh: 60, congestion: ((i + offset) % 10) / 10 },
  }));
}

export function cameraDrafts(count: number, offset = 0): EventDraft[] {
  return Array.from({ length: count }, (_, i) => ({
    type: 'camera.status' as const,
    id: `camera:c-${(i + offset) % 20}`,
    data: { status: (i + offset) % 3 === 0 ? ('offline' as const) : ('online' as const) },
  }));
}

/** Envelopes as the hub would send them, seq from `firstSeq` (unit tests without a hub). */
export function speedEnvelopes(stream: StreamName, firstSeq: number, count: number, entities = 10, ts = 1_700_000_000_000): Envelope[] {
  return speedDrafts(count, entities, firstSeq).map((d, i) => ({ ...d, stream, seq: firstSeq + i, ts: ts + i }) as Envelope);
}
