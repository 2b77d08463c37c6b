import type { Envelope } from '../../shared/protocol/index.ts';
import type { AlarmRec } from './records.ts';
import { deleteRecord, putRecord, touch, type Table } from './table.ts';

// An alarm's state is spread over three envelope types kept side by side (ADR 0003/0004): the raise
// (position, kind), the acknowledgement and the clear. They may reach a window in any order across
// batches (an ack before its raise when a tick or a bootstrap holds both), so what arrived without its
// raise is remembered here and merged when the raise comes.

/** What a window knows about one alarm id beyond its drawn record. */
export interface AlarmMarks {
  ack?: { by: string; seq: number; ts: number };
  /** Seq of the newest clear: raises and acks older than it belong to the cleared alarm. */
  clearedSeq?: number;
}

export type AlarmMarksById = Map<string, AlarmMarks>;

function marksOf(all: AlarmMarksById, id: string): AlarmMarks {
  let m = all.get(id);
  if (!m) {
    m = {};
    all.set(id, m);
  }
  return m;
}

/** `alarm.raised`: draws the alarm with any acknowledgement already held for it. */
export function applyRaised(table: Table<AlarmRec>, all: AlarmMarksById, env: Envelope<'alarm.raised'>): boolean {
  let marks = all.get(env.id);
  if (marks?.clearedSeq !== undefined) {
    if (env.seq < marks.clearedSeq) return false; // a raise of the alarm that was since cleared
    all.delete(env.id); // raised again after its clear: a fresh alarm, the old ack does not apply
    marks = undefined;
  }
  const ack = marks?.ack;
  const d = env.data;
  const old = table.byId.get(env.id);
  const rec: AlarmRec = {
    id: env.id,
    kind: d.kind,
    cameraId: d.cameraId,
    position: d.position,
    severity: d.severity,
    confidence: d.confidence,
    plate: d.plate,
    acknowledged: ack !== undefined,
    ackBy: ack?.by,
    raisedAt: d.observedAt ?? env.ts,
    ts: Math.max(env.ts, ack?.ts ?? 0),
  };
  if (old) {
    // Same record object: deck.gl keeps its data array when only values change.
    Object.assign(old, rec);
    touch(table);
  } else putRecord(table, rec);
  return true;
}

/** `alarm.acknowledged`: merged into the drawn alarm, or held until its raise arrives. */
export function applyAcknowledged(table: Table<AlarmRec>, all: AlarmMarksById, env: Envelope<'alarm.acknowledged'>): void {
  const marks = marksOf(all, env.id);
  if (marks.clearedSeq !== undefined && env.seq < marks.clearedSeq) return;
  if (marks.ack && marks.ack.seq > env.seq) return;
  marks.ack = { by: env.data.by.operator, seq: env.seq, ts: env.ts };
  const alarm = table.byId.get(env.id);
  if (!alarm) return;
  alarm.acknowledged = true;
  alarm.ackBy = marks.ack.by;
  alarm.ts = Math.max(alarm.ts, env.ts);
  touch(table);
}

/** `alarm.cleared`: the alarm leaves the wall; a late raise or ack of it is ignored. */
export function applyCleared(table: Table<AlarmRec>, all: AlarmMarksById, env: Envelope<'alarm.cleared'>): void {
  const marks = marksOf(all, env.id);
  if (marks.clearedSeq !== undefined && marks.clearedSeq > env.seq) return;
  marks.clearedSeq = env.seq;
  delete marks.ack;
  deleteRecord(table, env.id);
}

/** `alarm.removed` or a batch removal: the hub dropped every type of the alarm, so its marks go too. */
export function forgetAlarm(table: Table<AlarmRec>, all: AlarmMarksById, id: string): boolean {
  all.delete(id);
  return deleteRecord(table, id);
}
