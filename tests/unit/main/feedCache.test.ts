import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { chunkBody, decodeChunk, MAX_EVENTS_PER_CHUNK } from '../../../src/main/store/eventChunk.ts';
import type { Envelope } from '../../../src/shared/protocol/envelope.ts';
import { openStore } from '../../../src/main/store/store.ts';
import { applyBootstrap, createWallState } from '../../../src/renderer/state/wallState.ts';
import type { FeedHealth } from '../../../src/shared/ipc/contract.ts';
import { speedEnvelopes } from './support/drafts.ts';
import { useTempDirs } from './support/tempDir.ts';

const tempDir = useTempDirs();
const T = 1_700_000_000_000;

function removal(seq: number, id: string): Envelope {
  return { stream: 'traffic', seq, ts: T + seq, type: 'segment.removed', id, data: {} };
}

describe('FeedCache.writeTick', () => {
  it('writes events, latest state and the position in one go, and coalesces the changes', () => {
    const store = openStore(tempDir(), () => {});
    const events = speedEnvelopes('traffic', 1, 30, 10);
    const result = store.cache.writeTick([{ stream: 'traffic', epoch: 'e1', events, receivedAt: T + 100 }]);
    expect(result.eventsWritten).toBe(30);
    expect(result.upserts).toHaveLength(10);
    expect(result.upserts.find((e) => e.id === 'segment:s-0')?.seq).toBe(30);
    expect(store.cache.positions().get('traffic')).toMatchObject({ epoch: 'e1', lastSeq: 30, gap: false, lastEventAt: T + 29 });
    expect(store.cache.eventSeqs('traffic', 'e1')).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    expect(store.cache.latestAll()).toHaveLength(10);
    store.close();
  });

  it('applies removals: gone from latest state and reported once', () => {
    const store = openStore(tempDir(), () => {});
    store.cache.writeTick([{ stream: 'traffic', epoch: 'e1', events: speedEnvelopes('traffic', 1, 10, 10), receivedAt: T }]);
    const result = store.cache.writeTick([{ stream: 'traffic', epoch: 'e1', events: [removal(11, 'segment:s-3')], receivedAt: T }]);
    expect(result.removals).toEqual([{ stream: 'traffic', id: 'segment:s-3' }]);
    expect(store.cache.latestAll().map((e) => e.id)).not.toContain('segment:s-3');
    expect(store.cache.latestAll()).toHaveLength(9);
    store.close();
  });

  it('replaces a stream with a snapshot and reports the entities that vanished', () => {
    const store = openStore(tempDir(), () => {});
    store.cache.writeTick([{ stream: 'traffic', epoch: 'e1', events: speedEnvelopes('traffic', 1, 10, 10), receivedAt: T }]);
    const snapshot = speedEnvelopes('traffic', 500, 4, 4); // ids s-0..s-3 (offset 500 → 500 % 4 = 0)
    const result = store.cache.writeTick([
      { stream: 'traffic', epoch: 'e2', snapshot: { seq: 900, entities: snapshot }, events: [], gap: true, receivedAt: T },
    ]);
    expect(result.removals).toHaveLength(6);
    expect(store.cache.latestAll()).toHaveLength(4);
    expect(store.cache.positions().get('traffic')).toMatchObject({ epoch: 'e2', lastSeq: 900, gap: true });
    store.close();
  });

  it('writes nothing when the tick fails half-way: the persisted seq never runs ahead of its events', () => {
    const store = openStore(tempDir(), () => {});
    store.cache.writeTick([{ stream: 'traffic', epoch: 'e1', events: speedEnvelopes('traffic', 1, 5), receivedAt: T }]);
    const events = speedEnvelopes('traffic', 6, 5);
    // JSON.stringify throws on a BigInt: the failure happens inside the transaction, after some inserts.
    (events[3] as { data: unknown }).data = { speedKmh: 10n };
    expect(() => store.cache.writeTick([{ stream: 'traffic', epoch: 'e1', events, receivedAt: T }])).toThrow();
    expect(store.cache.positions().get('traffic')?.lastSeq).toBe(5);
    expect(store.cache.eventSeqs('traffic', 'e1')).toEqual([1, 2, 3, 4, 5]);
    store.close();
  });

  it('prunes telemetry by age and never record streams', () => {
    const store = openStore(tempDir(), () => {});
    const old = speedEnvelopes('traffic', 1, 100, 10, T);
    const recent = speedEnvelopes('traffic', 101, 50, 10, T + 3_600_000);
    // Two ticks: retention drops whole chunks (a tick's events), the old tick only.
    store.cache.writeTick([{ stream: 'traffic', epoch: 'e1', events: old, receivedAt: T }]);
    store.cache.writeTick([{ stream: 'traffic', epoch: 'e1', events: recent, receivedAt: T + 3_600_000 }]);
    const incident: Envelope = {
      stream: 'incidents',
      seq: 1,
      ts: T,
      type: 'incident.updated',
      id: 'incident:1',
      data: { title: 'Va chạm', category: 'traffic_accident', severity: 'high', status: 'new', position: [106.76, 21.85], units: [], createdAt: T, updatedAt: T },
    };
    store.cache.writeTick([{ stream: 'incidents', epoch: 'e1', events: [incident], receivedAt: T }]);
    const deleted = store.cache.prune(T + 3_600_000 + 1000, 30 * 60 * 1000);
    expect(deleted).toBe(100);
    expect(store.cache.eventSeqs('traffic', 'e1')).toEqual(Array.from({ length: 50 }, (_, i) => 101 + i));
    expect(store.cache.counts().events).toBe(51);
    expect(store.cache.eventSeqs('incidents', 'e1')).toEqual([1]);
    store.close();
  });

  it('stores a tick as chunk rows whose bodies give back every envelope, split at the chunk size', () => {
    const dir = tempDir();
    const store = openStore(dir, () => {});
    const events = speedEnvelopes('traffic', 1, MAX_EVENTS_PER_CHUNK + 5, 50);
    // A source name and an id that need escaping survive the hand-built JSON.
    events[7] = { ...(events[7] as Envelope), id: 'segment:"quoted" \\ đường', source: 'ngsi "x"' } as Envelope;
    store.cache.writeTick([{ stream: 'traffic', epoch: 'e1', events, receivedAt: T }]);
    store.close();
    const db = new Database(join(dir, 'cache.db'), { readonly: true });
    const rows = db.prepare('SELECT first_seq, last_seq, body FROM event_chunks ORDER BY first_seq').all() as { first_seq: number; last_seq: number; body: string }[];
    db.close();
    expect(rows.map((r) => [r.first_seq, r.last_seq])).toEqual([
      [1, MAX_EVENTS_PER_CHUNK],
      [MAX_EVENTS_PER_CHUNK + 1, MAX_EVENTS_PER_CHUNK + 5],
    ]);
    const stored = rows.flatMap((r) => {
      const chunk = decodeChunk('traffic', r.body);
      if (!chunk.ok) throw new Error(chunk.reason);
      return chunk.events;
    });
    expect(stored).toEqual(events);
    // Columns, not objects: well under the ~125 bytes of each envelope's own JSON.
    expect(rows.reduce((n, r) => n + r.body.length, 0) / events.length).toBeLessThan(100);
  });

  it('refuses to read a chunk whose columns disagree', () => {
    const good = chunkBody(speedEnvelopes('traffic', 1, 3), ['{}', '{}', '{}'], 0, 3);
    expect(decodeChunk('traffic', good).ok).toBe(true);
    const bad = JSON.parse(good) as { id: string[] };
    bad.id.pop();
    expect(decodeChunk('traffic', JSON.stringify(bad))).toEqual({ ok: false, reason: expect.stringMatching(/columns of different lengths/) });
    expect(decodeChunk('traffic', '{not json')).toEqual({ ok: false, reason: 'chunk body is not JSON' });
  });

  it('never stores a seq twice when a write repeats events already held', () => {
    const store = openStore(tempDir(), () => {});
    store.cache.writeTick([{ stream: 'traffic', epoch: 'e1', events: speedEnvelopes('traffic', 1, 10), receivedAt: T }]);
    const result = store.cache.writeTick([{ stream: 'traffic', epoch: 'e1', events: speedEnvelopes('traffic', 6, 10), receivedAt: T }]);
    expect(result.eventsWritten).toBe(5);
    expect(store.cache.eventSeqs('traffic', 'e1')).toEqual(Array.from({ length: 15 }, (_, i) => i + 1));
    expect(store.cache.positions().get('traffic')?.lastSeq).toBe(15);
    store.close();
  });

  it('keeps positions, latest state and the catalog across a reopen', () => {
    const dir = tempDir();
    const store = openStore(dir, () => {});
    store.cache.writeTick([{ stream: 'traffic', epoch: 'e1', events: speedEnvelopes('traffic', 1, 20, 5), receivedAt: T }]);
    store.cache.replaceCatalog('airStation', [{ kind: 'airStation', id: 'air:1', name: 'Trạm Hoàng Văn Thụ', position: [106.76, 21.85] }]);
    store.close();
    const again = openStore(dir, () => {});
    expect(again.cache.positions().get('traffic')?.lastSeq).toBe(20);
    expect(again.cache.latestAll()).toHaveLength(5);
    expect(again.cache.catalog()).toEqual([{ kind: 'airStation', id: 'air:1', name: 'Trạm Hoàng Văn Thụ', position: [106.76, 21.85] }]);
    again.close();
  });
});

function alarm(seq: number, type: 'alarm.raised' | 'alarm.acknowledged' | 'alarm.cleared' | 'alarm.removed', id = 'alarm:1'): Envelope {
  const data = {
    'alarm.raised': { kind: 'intrusion', cameraId: 'camera:1', position: [106.76, 21.85], severity: 'high', confidence: 0.9 },
    'alarm.acknowledged': { by: { operator: 'An', station: 'ioc-1' }, at: T },
    'alarm.cleared': { at: T },
    'alarm.removed': {},
  }[type];
  return { stream: 'security', seq, ts: T + seq, type, id, data } as Envelope;
}

describe('FeedCache latest state per (stream, id, type)', () => {
  it('keeps a raise and its ack from one tick side by side, and reports both in seq order', () => {
    const store = openStore(tempDir(), () => {});
    const result = store.cache.writeTick([
      { stream: 'security', epoch: 'e1', events: [alarm(1, 'alarm.raised'), alarm(2, 'alarm.raised', 'alarm:2'), alarm(3, 'alarm.acknowledged')], receivedAt: T },
    ]);
    expect(result.upserts.map((e) => [e.id, e.type])).toEqual([
      ['alarm:1', 'alarm.raised'],
      ['alarm:2', 'alarm.raised'],
      ['alarm:1', 'alarm.acknowledged'],
    ]);
    expect(store.cache.latestAll().map((e) => e.seq)).toEqual([1, 2, 3]);
    store.close();
  });

  it('upserts only the last envelope per type of a tick', () => {
    const store = openStore(tempDir(), () => {});
    const result = store.cache.writeTick([
      { stream: 'security', epoch: 'e1', events: [alarm(1, 'alarm.raised'), alarm(2, 'alarm.acknowledged'), alarm(3, 'alarm.raised')], receivedAt: T },
    ]);
    expect(result.upserts.map((e) => e.seq)).toEqual([2, 3]);
    expect(store.cache.latestAll().map((e) => [e.type, e.seq])).toEqual([
      ['alarm.acknowledged', 2],
      ['alarm.raised', 3],
    ]);
    store.close();
  });

  it('a removal drops every type of the entity; a re-add in the same tick survives', () => {
    const store = openStore(tempDir(), () => {});
    store.cache.writeTick([{ stream: 'security', epoch: 'e1', events: [alarm(1, 'alarm.raised'), alarm(2, 'alarm.acknowledged')], receivedAt: T }]);
    const result = store.cache.writeTick([
      { stream: 'security', epoch: 'e1', events: [alarm(3, 'alarm.removed'), alarm(4, 'alarm.raised')], receivedAt: T },
    ]);
    expect(result.removals).toEqual([{ stream: 'security', id: 'alarm:1' }]);
    expect(result.upserts.map((e) => e.seq)).toEqual([4]);
    expect(store.cache.latestAll().map((e) => [e.type, e.seq])).toEqual([['alarm.raised', 4]]);
    store.close();
  });

  it('after a restart, an alarm whose last event was the ack still draws, acknowledged', () => {
    const dir = tempDir();
    const store = openStore(dir, () => {});
    store.cache.writeTick([{ stream: 'security', epoch: 'e1', events: [alarm(1, 'alarm.raised')], receivedAt: T }]);
    store.cache.writeTick([{ stream: 'security', epoch: 'e1', events: [alarm(2, 'alarm.acknowledged')], receivedAt: T }]);
    store.close();
    const again = openStore(dir, () => {});
    const entities = again.cache.latestAll();
    expect(entities.map((e) => e.type)).toEqual(['alarm.raised', 'alarm.acknowledged']);
    const wall = createWallState();
    applyBootstrap(wall, { catalog: [], entities, health: { overall: 'offline', streams: {} } as unknown as FeedHealth });
    expect(wall.alarms.byId.get('alarm:1')).toMatchObject({ acknowledged: true, ackBy: 'An', position: [106.76, 21.85] });
    again.close();
  });
});
