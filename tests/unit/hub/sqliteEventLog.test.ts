import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SqliteEventLog } from '../../../src/hub/log/sqliteEventLog.ts';
import { parseEnvelope } from '../../../src/shared/protocol/envelope.ts';
import { alarmDraft, draftFor, incidentDraft, speedDraft } from './fixtures.ts';

const dirs: string[] = [];
const logs: SqliteEventLog[] = [];
function tempDb(): string {
  const dir = mkdtempSync(join(tmpdir(), 'wf-log-'));
  dirs.push(dir);
  return join(dir, 'hub.db');
}
function open(path: string, clock: () => number = () => 1_000, retention?: { maxAgeMs?: number; maxEventsPerStream?: number }): SqliteEventLog {
  const log = new SqliteEventLog({ path, clock, retention });
  logs.push(log);
  return log;
}

afterEach(() => {
  for (const log of logs.splice(0)) log.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('SqliteEventLog', () => {
  it('assigns contiguous seqs per stream, hub ts, and valid envelopes', () => {
    const log = open(tempDb(), () => 5_000);
    const out = log.appendBatch([speedDraft(1), alarmDraft(1), speedDraft(2), { ...speedDraft(3), source: 'ngsi-ld' }]);
    expect(out.map((e) => [e.stream, e.seq])).toEqual([
      ['traffic', 1],
      ['security', 1],
      ['traffic', 2],
      ['traffic', 3],
    ]);
    expect(out.every((e) => e.ts === 5_000 && parseEnvelope(e).ok)).toBe(true);
    expect(out[3]?.source).toBe('ngsi-ld');
    expect(log.range('traffic')).toEqual({ firstSeq: 1, lastSeq: 3 });
    expect(log.range('units')).toEqual({ firstSeq: 0, lastSeq: 0 });
  });

  it('reads ranges after a seq with a limit', () => {
    const log = open(tempDb());
    log.appendBatch(Array.from({ length: 20 }, (_, i) => speedDraft(i)));
    expect(log.readRange('traffic', 5, 3).map((e) => e.seq)).toEqual([6, 7, 8]);
    expect(log.readRange('traffic', 18, 100).map((e) => e.seq)).toEqual([19, 20]);
    expect(log.readRange('security', 0, 10)).toEqual([]);
  });

  it('keeps ts non-decreasing when the clock goes backwards', () => {
    let now = 10_000;
    const log = open(tempDb(), () => now);
    log.appendBatch([speedDraft(1)]);
    now = 9_000;
    const [e] = log.appendBatch([speedDraft(2)]);
    expect(e?.ts).toBe(10_000);
  });

  it('keeps the latest envelope per entity and type, and forgets removed entities', () => {
    const log = open(tempDb());
    log.appendBatch([alarmDraft(1, 'alarm:a'), speedDraft(1, 'segment:x'), speedDraft(2, 'segment:x')]);
    log.appendBatch([{ type: 'alarm.acknowledged', id: 'alarm:a', data: { by: { operator: 'lan', station: 'ws-1' }, at: 2 } }]);
    expect(log.latestOf('security', 'alarm:a').map((e) => e.type)).toEqual(['alarm.raised', 'alarm.acknowledged']);
    expect(log.latestOf('traffic', 'segment:x').map((e) => e.seq)).toEqual([2]);
    log.appendBatch([{ type: 'alarm.removed', id: 'alarm:a', data: {} }]);
    expect(log.latestOf('security', 'alarm:a')).toEqual([]);
  });

  it('applies upserts and removals of one batch in order, across multi-row statements', () => {
    const log = open(tempDb());
    const many = Array.from({ length: 150 }, (_, i) => speedDraft(i, `segment:m-${i % 70}`));
    log.appendBatch([
      ...many,
      { type: 'segment.removed', id: 'segment:m-3', data: {} },
      speedDraft(1, 'segment:m-4'),
      { type: 'segment.removed', id: 'segment:m-4', data: {} },
      speedDraft(2, 'segment:m-4'),
    ]);
    expect(log.latestOf('traffic', 'segment:m-3')).toEqual([]);
    expect(log.latestOf('traffic', 'segment:m-4').map((e) => e.seq)).toEqual([154]);
    // segment:m-69 was written at i = 69 and i = 139: the later one wins.
    expect(log.latestOf('traffic', 'segment:m-69').map((e) => e.seq)).toEqual([140]);
    expect(log.readRange('traffic', 0, 1000)).toHaveLength(154);
  });

  it('pages a snapshot as of one log position while appends continue', () => {
    const path = tempDb();
    const log = open(path);
    log.appendBatch(Array.from({ length: 30 }, (_, i) => speedDraft(i, `segment:s-${String(i).padStart(2, '0')}`)));
    const snap = log.openSnapshot('traffic');
    expect(snap.seq).toBe(30);
    const first = snap.nextPage(10);
    // Appends after the snapshot opened are not visible to it.
    log.appendBatch([speedDraft(99, 'segment:zz-new'), speedDraft(98, 'segment:s-29')]);
    const rest = [...snap.nextPage(10), ...snap.nextPage(10)];
    expect(snap.nextPage(10)).toEqual([]);
    snap.close();
    const all = [...first, ...rest];
    expect(all).toHaveLength(30);
    expect(new Set(all.map((e) => e.id)).size).toBe(30);
    expect(all.every((e) => e.seq <= 30)).toBe(true);
  });

  it('keeps all envelopes of one entity on the same snapshot page', () => {
    const log = open(tempDb());
    log.appendBatch([alarmDraft(1, 'alarm:a'), alarmDraft(2, 'alarm:b')]);
    log.appendBatch([{ type: 'alarm.acknowledged', id: 'alarm:a', data: { by: { operator: 'lan', station: 'ws-1' }, at: 2 } }]);
    const snap = log.openSnapshot('security');
    const page = snap.nextPage(1);
    snap.close();
    expect(page.map((e) => `${e.id} ${e.type}`)).toEqual(['alarm:a alarm.raised', 'alarm:a alarm.acknowledged']);
  });

  it('continues seqs and keeps its epoch across a restart; a new file gets a new epoch', () => {
    const path = tempDb();
    const first = open(path);
    first.appendBatch([speedDraft(1), speedDraft(2)]);
    const epoch = first.epoch;
    first.close();
    const again = open(path);
    expect(again.epoch).toBe(epoch);
    expect(again.appendBatch([speedDraft(3)])[0]?.seq).toBe(3);
    expect(open(tempDb()).epoch).not.toBe(epoch);
  });

  it('prunes telemetry by count and by age but keeps the newest event', () => {
    let now = 0;
    const log = open(tempDb(), () => now, { maxEventsPerStream: 10, maxAgeMs: 1_000 });
    for (let i = 0; i < 25; i += 1) {
      now = i * 10;
      log.appendBatch([speedDraft(i)]);
    }
    expect(log.prune(now)).toBe(15);
    expect(log.range('traffic')).toEqual({ firstSeq: 16, lastSeq: 25 });
    expect(log.readRange('traffic', 0, 100)[0]?.seq).toBe(16);
    // Everything is older than maxAge now, except the newest, which is always kept.
    expect(log.prune(now + 5_000)).toBe(9);
    expect(log.range('traffic')).toEqual({ firstSeq: 25, lastSeq: 25 });
    expect(log.appendBatch([speedDraft(1)])[0]?.seq).toBe(26);
  });

  it('never prunes record streams', () => {
    let now = 0;
    const log = open(tempDb(), () => now, { maxEventsPerStream: 2, maxAgeMs: 1 });
    for (let i = 0; i < 10; i += 1) log.appendBatch([incidentDraft(i), draftFor('reports', i), draftFor('alerts', i), draftFor('units', i)]);
    now = 1_000_000;
    log.prune(now);
    for (const stream of ['incidents', 'reports', 'alerts'] as const) expect(log.range(stream)).toEqual({ firstSeq: 1, lastSeq: 10 });
    expect(log.range('units')).toEqual({ firstSeq: 10, lastSeq: 10 });
  });

  it('stores a command answer with its event, and survives a restart', () => {
    const path = tempDb();
    const log = open(path);
    const id = '0b7f0a3e-6f8e-4a34-9c5e-1c1f3f6f0a11';
    log.appendBatch([incidentDraft(1)], { commandId: id, answer: { ok: true, result: { seq: 1 } } });
    log.recordCommand({ commandId: 'c2', answer: { ok: false } });
    log.close();
    const again = open(path);
    expect(again.commandAnswer(id)).toEqual({ ok: true, result: { seq: 1 } });
    expect(again.commandAnswer('c2')).toEqual({ ok: false });
    expect(again.commandAnswer('nope')).toBeUndefined();
  });

  it('a failed batch leaves seqs and state untouched', () => {
    const log = open(tempDb());
    log.appendBatch([speedDraft(1)]);
    // A circular structure cannot be serialised: the transaction must roll back as a whole.
    const bad = { type: 'segment.speed', id: 'segment:c', data: {} } as unknown as ReturnType<typeof speedDraft>;
    (bad.data as unknown as Record<string, unknown>).self = bad.data;
    expect(() => log.appendBatch([speedDraft(2), bad])).toThrow();
    expect(log.range('traffic').lastSeq).toBe(1);
    expect(log.appendBatch([speedDraft(3)])[0]?.seq).toBe(2);
    expect(log.readRange('traffic', 0, 10).map((e) => e.seq)).toEqual([1, 2]);
  });
});
