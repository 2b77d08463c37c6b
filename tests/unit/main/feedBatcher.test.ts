import { describe, expect, it } from 'vitest';
import { FeedBatcher } from '../../../src/main/ipc/feedBatcher.ts';
import type { TickResult } from '../../../src/main/store/feedCache.ts';
import type { Envelope } from '../../../src/shared/protocol/envelope.ts';

const T = 1_700_000_000_000;
function env(seq: number, type: string, id = 'alarm:1'): Envelope {
  return { stream: 'security', seq, ts: T + seq, type, id, data: {} } as Envelope;
}
function tick(upserts: Envelope[], removals: string[] = []): TickResult {
  return { upserts, removals: removals.map((id) => ({ stream: 'security', id })), positions: [], eventsWritten: upserts.length };
}

describe('FeedBatcher', () => {
  it('keeps the latest envelope per (stream, id, type): a raise and its ack both go out', () => {
    const b = new FeedBatcher();
    b.add(tick([env(1, 'alarm.raised'), env(2, 'alarm.raised', 'alarm:2')]));
    b.add(tick([env(3, 'alarm.acknowledged'), env(4, 'alarm.raised', 'alarm:2')]));
    expect(b.take()?.upserts.map((e) => e.seq)).toEqual([1, 3, 4]);
    expect(b.take()).toBeNull();
  });

  it('sends upserts in (stream, seq) order across the ticks it merged', () => {
    const b = new FeedBatcher();
    b.add(tick([env(1, 'alarm.acknowledged'), env(2, 'alarm.raised', 'alarm:2')]));
    b.add(tick([env(3, 'alarm.raised')]));
    expect(b.take()?.upserts.map((e) => e.seq)).toEqual([1, 2, 3]);
  });

  it('a removal drops every type held for the entity; a later re-add is kept with the removal', () => {
    const b = new FeedBatcher();
    b.add(tick([env(1, 'alarm.raised'), env(2, 'alarm.acknowledged')]));
    b.add(tick([], ['alarm:1']));
    expect(b.take()).toEqual({ upserts: [], removals: [{ stream: 'security', id: 'alarm:1' }] });
    b.add(tick([env(3, 'alarm.raised')]));
    b.add(tick([], ['alarm:1']));
    b.add(tick([env(5, 'alarm.raised')]));
    expect(b.take()).toEqual({ upserts: [env(5, 'alarm.raised')], removals: [{ stream: 'security', id: 'alarm:1' }] });
  });
});
