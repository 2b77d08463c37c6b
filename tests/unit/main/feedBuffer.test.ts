import { describe, expect, it } from 'vitest';
import { FeedBuffer } from '../../../src/main/feed/feedBuffer.ts';
import type { StreamPosition } from '../../../src/main/store/feedCache.ts';
import type { StreamName } from '../../../src/shared/protocol/streams.ts';
import { speedEnvelopes } from './support/drafts.ts';

function positions(...list: Partial<StreamPosition>[]): Map<StreamName, StreamPosition> {
  return new Map(
    list.map((p) => {
      const full: StreamPosition = { stream: 'traffic', epoch: 'e1', lastSeq: 0, gap: false, lastEventAt: null, lastReceivedAt: null, ...p };
      return [full.stream, full];
    }),
  );
}

describe('FeedBuffer', () => {
  it('asks for the persisted seqs of the epoch most streams hold; other epochs get a snapshot', () => {
    const buffer = new FeedBuffer(
      positions({ stream: 'traffic', lastSeq: 10 }, { stream: 'security', lastSeq: 4 }, { stream: 'units', epoch: 'old', lastSeq: 99 }),
    );
    expect(buffer.subscribeRequest(['traffic', 'security', 'units', 'alerts'])).toEqual({ epoch: 'e1', since: { traffic: 10, security: 4 } });
    expect(new FeedBuffer(new Map()).subscribeRequest(['traffic'])).toEqual({ epoch: undefined, since: {} });
  });

  it('a stream committed while empty asks since 0, so what the hub logged meanwhile is replayed, not lost to a snapshot', () => {
    const buffer = new FeedBuffer(positions({ stream: 'alerts', lastSeq: 0 }, { stream: 'traffic', lastSeq: 7 }));
    expect(buffer.subscribeRequest(['traffic', 'alerts'])).toEqual({ epoch: 'e1', since: { traffic: 7, alerts: 0 } });
    // Had the hub pruned that range, the snapshot it sends instead is a gap in the stream's history.
    buffer.applyAck('alerts', 'e1', { mode: 'snapshot', firstSeq: 5, lastSeq: 9 }, 0);
    expect(buffer.drain(1)).toEqual([expect.objectContaining({ stream: 'alerts', gap: true })]);
  });

  it("a first snapshot's epoch is committed with the snapshot, never before it", () => {
    const buffer = new FeedBuffer(new Map());
    buffer.applyAck('traffic', 'e1', { mode: 'snapshot', firstSeq: 1, lastSeq: 3 }, undefined);
    expect(buffer.drain(1)).toEqual([]);
    expect(buffer.applySnapshotPage('traffic', 3, speedEnvelopes('traffic', 1, 3), true, 2)).toBe(true);
    const [write] = buffer.drain(3);
    expect(write).toMatchObject({ stream: 'traffic', epoch: 'e1', snapshot: { seq: 3 } });
    expect(write?.gap).toBeUndefined();
  });

  it('drops duplicates, reports gaps, and drains contiguous events once', () => {
    const buffer = new FeedBuffer(positions({ lastSeq: 10 }));
    buffer.applyAck('traffic', 'e1', { mode: 'replay', firstSeq: 1, lastSeq: 20 }, 10);
    const [a, b, c] = speedEnvelopes('traffic', 10, 3);
    expect(buffer.applyEvent(a!, 1)).toBe('duplicate');
    expect(buffer.applyEvent(b!, 1)).toBe('accepted');
    expect(buffer.applyEvent(b!, 1)).toBe('duplicate');
    expect(buffer.applyEvent(speedEnvelopes('traffic', 14, 1)[0]!, 1)).toBe('gap');
    expect(buffer.applyEvent(c!, 1)).toBe('accepted');
    const writes = buffer.drain(5);
    expect(writes).toHaveLength(1);
    expect(writes[0]?.events.map((e) => e.seq)).toEqual([11, 12]);
    expect(buffer.drain(6)).toEqual([]);
  });

  it('holds a stream while its snapshot pages arrive, then writes the snapshot and marks the gap', () => {
    const buffer = new FeedBuffer(positions({ lastSeq: 10 }));
    buffer.applyAck('traffic', 'e1', { mode: 'snapshot', firstSeq: 500, lastSeq: 900 }, 10);
    expect(buffer.applyEvent(speedEnvelopes('traffic', 11, 1)[0]!, 1)).toBe('not-subscribed');
    expect(buffer.applySnapshotPage('traffic', 900, speedEnvelopes('traffic', 880, 5), false, 1)).toBe(false);
    expect(buffer.drain(1).filter((w) => w.stream === 'traffic' && w.snapshot)).toEqual([]);
    expect(buffer.applySnapshotPage('traffic', 900, speedEnvelopes('traffic', 890, 5), true, 2)).toBe(true);
    expect(buffer.applyEvent(speedEnvelopes('traffic', 901, 1)[0]!, 3)).toBe('accepted');
    const [write] = buffer.drain(4);
    expect(write?.snapshot?.seq).toBe(900);
    expect(write?.snapshot?.entities).toHaveLength(10);
    expect(write?.gap).toBe(true);
    expect(write?.events.map((e) => e.seq)).toEqual([901]);
  });

  it('does not call a first snapshot a gap, and adopts a new epoch', () => {
    const buffer = new FeedBuffer(new Map());
    buffer.applyAck('traffic', 'e9', { mode: 'snapshot', firstSeq: 1, lastSeq: 5 }, undefined);
    buffer.applySnapshotPage('traffic', 5, [], true, 1);
    const [write] = buffer.drain(1);
    expect(write).toMatchObject({ epoch: 'e9', snapshot: { seq: 5 } });
    expect(write?.gap).toBeUndefined();
  });

  it('marks a gap when the hub goes live past what we hold', () => {
    const buffer = new FeedBuffer(positions({ lastSeq: 10 }));
    buffer.applyAck('traffic', 'e1', { mode: 'live', firstSeq: 1, lastSeq: 15 }, 10);
    expect(buffer.applyEvent(speedEnvelopes('traffic', 16, 1)[0]!, 1)).toBe('accepted');
    expect(buffer.drain(1)[0]?.gap).toBe(true);
  });
});
