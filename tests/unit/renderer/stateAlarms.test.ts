import { describe, expect, it } from 'vitest';
import { applyBatch, applyBootstrap, createWallState } from '../../../src/renderer/state/wallState.ts';
import type { FeedBatch, FeedHealth } from '../../../src/shared/ipc/contract.ts';
import type { EventDataOf } from '../../../src/shared/protocol/index.ts';
import { envelope, report } from './fixtures.ts';

// Entities whose state is spread over several envelope types (ADR 0003/0004): the wall must merge them
// whatever order they reach it in.

const raised: EventDataOf<'alarm.raised'> = {
  kind: 'intrusion',
  cameraId: 'camera:1',
  position: [106.76, 21.85],
  severity: 'high',
  confidence: 0.9,
};
const ack: EventDataOf<'alarm.acknowledged'> = { by: { operator: 'An', station: 'ioc-1' }, at: 1 };
const health = { overall: 'offline', streams: {} } as unknown as FeedHealth;
const batch = (...upserts: FeedBatch['upserts']): FeedBatch => ({ upserts, removals: [] });

const incident = (over: Partial<EventDataOf<'incident.updated'>> = {}): EventDataOf<'incident.updated'> => ({
  title: 'Va chạm',
  category: 'traffic_accident',
  severity: 'medium',
  status: 'new',
  position: [106.76, 21.85],
  units: [],
  createdAt: 0,
  updatedAt: 0,
  ...over,
});

describe('alarms across envelope types', () => {
  it('draws a raise and its ack from one batch, in whatever order the batch lists them', () => {
    const s = createWallState();
    const r = envelope('alarm.raised', 'alarm:1', raised);
    const a = envelope('alarm.acknowledged', 'alarm:1', ack);
    applyBatch(s, batch(a, r));
    expect(s.alarms.byId.get('alarm:1')).toMatchObject({ acknowledged: true, ackBy: 'An', kind: 'intrusion' });
    expect(s.dropped).toBe(0);
  });

  it('keeps an ack that arrives before its raise and applies it when the raise comes', () => {
    const s = createWallState();
    const r = envelope('alarm.raised', 'alarm:1', raised);
    const a = envelope('alarm.acknowledged', 'alarm:1', ack);
    applyBatch(s, batch(a));
    expect(s.alarms.byId.size).toBe(0);
    expect(s.dropped).toBe(0);
    applyBatch(s, batch(r));
    expect(s.alarms.byId.get('alarm:1')).toMatchObject({ acknowledged: true, ackBy: 'An', position: [106.76, 21.85] });
  });

  it('keeps the acknowledgement when the source updates the raise later', () => {
    const s = createWallState();
    applyBatch(s, batch(envelope('alarm.raised', 'alarm:1', raised), envelope('alarm.acknowledged', 'alarm:1', ack)));
    const before = s.alarms.byId.get('alarm:1');
    applyBatch(s, batch(envelope('alarm.raised', 'alarm:1', { ...raised, severity: 'critical' })));
    expect(s.alarms.byId.get('alarm:1')).toBe(before);
    expect(s.alarms.byId.get('alarm:1')).toMatchObject({ acknowledged: true, severity: 'critical' });
  });

  it('ignores a raise or ack older than the clear; a raise after the clear is a fresh alarm', () => {
    const s = createWallState();
    const oldRaise = envelope('alarm.raised', 'alarm:1', raised);
    const oldAck = envelope('alarm.acknowledged', 'alarm:1', ack);
    const cleared = envelope('alarm.cleared', 'alarm:1', { at: 2 });
    applyBatch(s, batch(cleared));
    applyBatch(s, batch(oldRaise));
    applyBatch(s, batch(oldAck));
    expect(s.alarms.byId.size).toBe(0);
    applyBatch(s, batch(envelope('alarm.raised', 'alarm:1', raised)));
    expect(s.alarms.byId.get('alarm:1')?.acknowledged).toBe(false);
  });

  it('a removal forgets the held ack (the hub dropped every type of the entity)', () => {
    const s = createWallState();
    applyBatch(s, batch(envelope('alarm.acknowledged', 'alarm:1', ack)));
    applyBatch(s, { upserts: [], removals: [{ stream: 'security', id: 'alarm:1' }] });
    applyBatch(s, batch(envelope('alarm.raised', 'alarm:1', raised)));
    expect(s.alarms.byId.get('alarm:1')?.acknowledged).toBe(false);
  });

  it('applies removals before upserts: an entity removed and re-added in one tick stays', () => {
    const s = createWallState();
    applyBatch(s, batch(envelope('alarm.raised', 'alarm:1', raised)));
    applyBatch(s, { upserts: [envelope('alarm.raised', 'alarm:1', raised)], removals: [{ stream: 'security', id: 'alarm:1' }] });
    expect(s.alarms.byId.get('alarm:1')?.acknowledged).toBe(false);
  });

  it('bootstrap (raise and ack in seq order, as the cache answers) draws an acknowledged alarm', () => {
    const s = createWallState();
    applyBatch(s, batch(envelope('alarm.acknowledged', 'alarm:stale', ack)));
    applyBootstrap(s, {
      catalog: [],
      entities: [envelope('alarm.raised', 'alarm:1', raised), envelope('alarm.acknowledged', 'alarm:1', ack)],
      health,
    });
    expect(s.alarms.byId.get('alarm:1')?.acknowledged).toBe(true);
    expect(s.alarmMarks.has('alarm:stale')).toBe(false);
  });
});

describe('full-state records across types', () => {
  it('report.updated after report.created wins, even listed first', () => {
    const s = createWallState();
    const created = envelope('report.created', 'report:1', report());
    const updated = envelope('report.updated', 'report:1', report({ status: 'in_progress', title: 'Đã xử lý một phần' }));
    applyBatch(s, batch(updated, created));
    expect(s.reports.byId.get('report:1')).toMatchObject({ status: 'in_progress', title: 'Đã xử lý một phần' });
  });

  it('a repeated incident.updated replaces the previous state in place', () => {
    const s = createWallState();
    applyBatch(s, batch(envelope('incident.updated', 'incident:1', incident({ sourceAlarmId: 'alarm:1' }))));
    const rec = s.incidents.byId.get('incident:1');
    applyBatch(s, batch(envelope('incident.updated', 'incident:1', incident({ status: 'dispatched', units: ['unit:1'] }))));
    expect(s.incidents.byId.get('incident:1')).toBe(rec);
    expect(rec).toMatchObject({ status: 'dispatched', units: ['unit:1'] });
    expect(rec?.sourceAlarmId).toBeUndefined();
    applyBatch(s, batch(envelope('incident.updated', 'incident:1', incident({ status: 'closed' }))));
    expect(s.incidents.byId.size).toBe(0);
  });
});
