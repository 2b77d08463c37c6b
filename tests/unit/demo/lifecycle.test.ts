import { describe, expect, it } from 'vitest';
import { createDemoCity } from '../../../src/hub/demo/city.ts';
import type { EventDraft } from '../../../src/shared/protocol/envelope.ts';
import { MINUTE, START, ofType, run } from './helpers.ts';

const city = createDemoCity({ seed: 1, startAt: START });
const important = (d: EventDraft): boolean => d.type !== 'segment.speed' && d.type !== 'camera.status' && d.type !== 'sensor.reading';
const events = run(city, START, 120 * MINUTE, 2000, 200, important);

describe('demo city alarms, units, incidents and reports', () => {
  it('raises a few AI alarms per simulated minute, of every kind', () => {
    const raised = ofType(events, 'alarm.raised');
    const perMinute = raised.length / 120;
    expect(perMinute).toBeGreaterThanOrEqual(1.5);
    expect(perMinute).toBeLessThanOrEqual(6);
    expect(new Set(raised.map((a) => a.data.kind)).size).toBe(6);
    for (const a of raised.filter((x) => x.data.kind === 'plate_match')) expect(a.data.plate).toMatch(/^\d{2}[A-Z]{1,2}-\d{3}\.\d{2}$/);
  });

  it('clears alarms after a while, then removes them', () => {
    const at = new Map<string, { raised?: number; cleared?: number; removed?: number }>();
    for (const e of events) {
      if (!e.draft.type.startsWith('alarm.')) continue;
      const rec = at.get(e.draft.id) ?? {};
      if (e.draft.type === 'alarm.raised') rec.raised = e.at;
      if (e.draft.type === 'alarm.cleared') rec.cleared = e.at;
      if (e.draft.type === 'alarm.removed') rec.removed = e.at;
      at.set(e.draft.id, rec);
    }
    const done = [...at.values()].filter((r) => r.removed !== undefined);
    expect(done.length).toBeGreaterThan(100);
    for (const r of done) {
      expect(r.raised).toBeDefined();
      expect(r.cleared as number).toBeGreaterThanOrEqual((r.raised as number) + MINUTE);
      expect(r.removed as number).toBeGreaterThan(r.cleared as number);
    }
  });

  it('moves at least 20 units of all four kinds along the roads, and dispatches them', () => {
    const positions = ofType(events, 'unit.position');
    const ids = new Set(positions.map((p) => p.id));
    expect(ids.size).toBeGreaterThanOrEqual(20);
    expect(new Set(positions.map((p) => p.data.unitType)).size).toBe(4);
    const moved = [...ids].filter((id) => new Set(positions.filter((p) => p.id === id).map((p) => p.data.position.join(','))).size > 3);
    expect(moved.length).toBeGreaterThanOrEqual(8);
    const dispatched = positions.filter((p) => p.data.status === 'dispatched');
    expect(dispatched.length).toBeGreaterThan(0);
    expect(dispatched.every((p) => p.data.incidentId?.startsWith('incident:'))).toBe(true);
  });

  it('takes incidents through new → … → closed in order, with units assigned', () => {
    const order = ['new', 'acknowledged', 'dispatched', 'on_scene', 'resolved', 'closed'];
    const byId = new Map<string, string[]>();
    for (const d of ofType(events, 'incident.updated')) byId.set(d.id, [...(byId.get(d.id) ?? []), d.data.status]);
    const closed = [...byId.values()].filter((s) => s.includes('closed'));
    expect(closed.length).toBeGreaterThan(3);
    for (const s of closed) expect(s).toEqual(order);
    const categories = new Set(ofType(events, 'incident.updated').map((d) => d.data.category));
    expect(categories.has('traffic_accident')).toBe(true);
    expect(ofType(events, 'incident.updated').some((d) => d.data.status === 'dispatched' && d.data.units.length > 0)).toBe(true);
  });

  it('opens a flood incident when the Kỳ Cùng rises past báo động II, after the gauges cross their levels', () => {
    const c = createDemoCity({ seed: 2, startAt: START });
    const levels: number[] = [];
    let flood: EventDraft<'incident.updated'> | undefined;
    for (let t = START; t < START + 6 * 60 * MINUTE && !flood; t += 30_000) {
      for (const d of c.step(t, 2000)) {
        if (d.type === 'sensor.reading' && d.data.kind === 'water' && d.id === 'gauge:ls-02') levels.push(d.data.levelM);
        if (d.type === 'incident.updated' && d.data.category === 'flood') flood ??= d;
      }
    }
    expect(flood?.data.title).toContain('Kỳ Cùng');
    expect(Math.max(...levels)).toBeGreaterThanOrEqual(254);
    expect(Math.min(...levels)).toBeLessThan(252);
  });

  it('files citizen reports with SLA deadlines, some of them breached', () => {
    const reports = [...ofType(events, 'report.created'), ...ofType(events, 'report.updated')];
    expect(ofType(events, 'report.created').length).toBeGreaterThan(15);
    for (const r of reports) expect(r.data.slaDeadline).toBeGreaterThan(r.data.createdAt);
    const categories = new Set(reports.map((r) => r.data.category));
    expect(categories.size).toBeGreaterThanOrEqual(5);
    const breached = reports.filter(
      (r) => r.data.updatedAt > r.data.slaDeadline && r.data.status !== 'closed',
    );
    expect(breached.length).toBeGreaterThan(0);
    expect(reports.some((r) => r.data.address?.includes('phường'))).toBe(true);
  });
});
