import { describe, expect, it } from 'vitest';
import { createDemoCity } from '../../../src/hub/demo/city.ts';
import { parseDraft, type EventDraft } from '../../../src/shared/protocol/envelope.ts';
import { MINUTE, START } from './helpers.ts';

describe('demo city events over a long run', () => {
  it('every draft passes parseDraft, carries source demo and NFC text, and ids match the catalog', () => {
    const city = createDemoCity({ seed: 3, startAt: START });
    const catalogIds = new Set(city.catalog.map((c) => c.id));
    const seen = new Map<string, number>();
    const statuses = { incident: new Set<string>(), unit: new Set<string>(), report: new Set<string>(), camera: new Set<string>() };
    const rejected: string[] = [];
    const check = (d: EventDraft): void => {
      const parsed = parseDraft(d);
      if (!parsed.ok) rejected.push(parsed.reason);
      seen.set(d.type, (seen.get(d.type) ?? 0) + 1);
      if (d.source !== 'demo') rejected.push(`source ${d.source}`);
      const text = JSON.stringify(d);
      if (text !== text.normalize('NFC')) rejected.push(`not NFC: ${d.id}`);
      if (d.type === 'segment.speed' || d.type === 'sensor.reading' || d.type === 'camera.status') {
        if (!catalogIds.has(d.id)) rejected.push(`unknown entity ${d.id}`);
      }
      if (d.type === 'alarm.raised' && !catalogIds.has(d.data.cameraId)) rejected.push(`unknown camera ${d.data.cameraId}`);
      if (d.type === 'incident.updated') statuses.incident.add(d.data.status);
      if (d.type === 'unit.position') statuses.unit.add(d.data.status);
      if (d.type === 'report.created' || d.type === 'report.updated') statuses.report.add(d.data.status);
      if (d.type === 'camera.status') statuses.camera.add(d.data.status);
    };
    // Four simulated hours, 5 s steps, a modest budget.
    for (let t = START; t <= START + 240 * MINUTE; t += 5000) for (const d of city.step(t, 60)) check(d);

    expect(rejected.slice(0, 5)).toEqual([]);
    for (const type of ['segment.speed', 'camera.status', 'alarm.raised', 'alarm.cleared', 'alarm.removed', 'sensor.reading', 'unit.position', 'incident.updated', 'report.created', 'report.updated']) {
      expect(seen.get(type) ?? 0, type).toBeGreaterThan(0);
    }
    expect([...statuses.incident].sort()).toEqual(['acknowledged', 'closed', 'dispatched', 'new', 'on_scene', 'resolved']);
    expect([...statuses.unit].sort()).toEqual(['available', 'dispatched', 'on_scene', 'returning']);
    expect(statuses.report.size).toBeGreaterThanOrEqual(4);
    expect(statuses.camera.has('offline') || statuses.camera.has('degraded')).toBe(true);
  });

  it('never exceeds the budget and sends important events first', () => {
    const city = createDemoCity({ seed: 5, startAt: START });
    const rank = (d: EventDraft): number =>
      d.type.startsWith('incident') ? 0 : d.type.startsWith('alarm') ? 1 : d.type.startsWith('report') ? 3 : 9;
    let sawImportant = 0;
    for (let t = START; t <= START + 30 * MINUTE; t += 3000) {
      const out = city.step(t, 25);
      expect(out.length).toBeLessThanOrEqual(25);
      // Within a step, no incident/alarm/report comes after routine telemetry.
      const firstRoutine = out.findIndex((d) => d.type === 'segment.speed' || d.type === 'sensor.reading');
      if (firstRoutine >= 0) for (const d of out.slice(firstRoutine)) expect(rank(d), d.type).toBe(9);
      sawImportant += out.filter((d) => rank(d) < 9).length;
    }
    expect(sawImportant).toBeGreaterThan(20);
  });

  it('refreshes every entity in turn (round-robin), every stream within the first steps', () => {
    const early = createDemoCity({ seed: 1, startAt: START });
    const first = [0, 1, 2].flatMap((i) => early.step(START + i * 50, 40));
    const types = new Set(first.map((d) => (d.type === 'sensor.reading' ? `${d.type}:${d.data.kind}` : d.type)));
    for (const t of ['segment.speed', 'camera.status', 'sensor.reading:air', 'sensor.reading:noise', 'sensor.reading:water', 'unit.position']) expect(types, t).toContain(t);

    const city = createDemoCity({ seed: 1, startAt: START });
    const ids = new Set<string>();
    const segments = new Set<string>();
    // ~1,400 entities; camera heartbeats weigh a quarter of a segment, so 80 steps of 100 cover them all.
    for (let i = 0; i < 80; i++) {
      for (const d of city.step(START + i * 1000, 100)) {
        ids.add(d.id);
        if (i < 10 && d.type === 'segment.speed') segments.add(d.id);
      }
    }
    expect(city.catalog.filter((c) => !ids.has(c.id)).map((c) => c.id)).toEqual([]);
    // Round-robin, not random: the first 10 steps never repeat a segment.
    expect(segments.size).toBeGreaterThan(800);
  });

  it('survives odd calls: time going backwards, NaN, zero or fractional budgets', () => {
    const city = createDemoCity({ seed: 9, startAt: START });
    expect(city.step(START + 10_000, 0)).toEqual([]);
    expect(city.step(Number.NaN, 5).length).toBe(5);
    const back = city.step(START, 10);
    expect(back.length).toBe(10);
    expect(city.step(START + 20_000, Number.NaN)).toEqual([]);
    expect(city.step(START + 30_000, 2.7).length).toBe(2);
    for (const d of [...back, ...city.step(START + 40_000, 50)]) {
      expect(parseDraft(d).ok).toBe(true);
      const observed = (d.data as { observedAt?: number }).observedAt;
      if (observed !== undefined) expect(observed).toBeGreaterThanOrEqual(START);
    }
  });
});
