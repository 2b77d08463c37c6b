import { describe, expect, it } from 'vitest';
import { buildCityModel } from '../../../src/hub/demo/catalogBuild.ts';
import { createDemoCity } from '../../../src/hub/demo/city.ts';
import { speedFactor, localHour } from '../../../src/hub/demo/profiles.ts';
import { createTraffic } from '../../../src/hub/demo/sim/traffic.ts';
import type { CatalogItemOf } from '../../../src/shared/protocol/catalog.ts';
import { MINUTE } from './helpers.ts';

/** Local time in Lạng Sơn (UTC+7) → epoch ms. */
const local = (hour: number, minute = 0): number => Date.UTC(2026, 10, 28, hour - 7, minute);

function meanSpeedRatio(at: number): number {
  const city = createDemoCity({ seed: 1, startAt: at });
  let sum = 0;
  let n = 0;
  for (const d of city.step(at, 3000)) {
    if (d.type !== 'segment.speed') continue;
    sum += d.data.speedKmh / d.data.freeFlowKmh;
    n++;
  }
  expect(n).toBeGreaterThan(1000);
  return sum / n;
}

describe('demo city traffic', () => {
  it('uses Vietnamese local time (UTC+7)', () => {
    expect(localHour(Date.UTC(2026, 10, 28, 0, 30))).toBeCloseTo(7.5, 5);
    expect(localHour(Date.UTC(2026, 10, 28, 20, 0))).toBeCloseTo(3, 5);
  });

  it('is slower in the evening rush than at night, and in the morning rush than at noon-ish lulls', () => {
    const rush = meanSpeedRatio(local(17, 30));
    const night = meanSpeedRatio(local(2, 0));
    expect(rush).toBeLessThan(night * 0.85);
    expect(speedFactor(7.5, 0)).toBeLessThan(speedFactor(10, 0));
    expect(speedFactor(3, 0)).toBeGreaterThan(0.9);
  });

  it('slows an accident segment and, less and less, the segments upstream of it; clearing restores them', () => {
    const model = buildCityModel(1, undefined);
    const traffic = createTraffic(model.segments);
    const seg = model.segments;
    // A segment with upstream neighbours that themselves have upstream neighbours.
    const target = [...Array(seg.count).keys()].find((i) => {
      const ups = seg.upIdx.slice(seg.upOff[i], seg.upOff[i + 1]);
      return ups.length >= 2 && [...ups].every((u) => (seg.upOff[u + 1] as number) > (seg.upOff[u] as number));
    });
    expect(target).toBeDefined();
    const s = target as number;
    const up1 = seg.upIdx[seg.upOff[s] as number] as number;
    const up2 = seg.upIdx[seg.upOff[up1] as number] as number;
    const t = local(10, 0);
    traffic.prepare(t);
    const before = [s, up1, up2].map((i) => traffic.speedEvent(i).data.congestion);
    const affected = traffic.addAccident(1, s);
    expect(affected).toEqual(expect.arrayContaining([s, up1, up2]));
    const during = [s, up1, up2].map((i) => traffic.speedEvent(i).data.congestion);
    expect(during[0]).toBeGreaterThan(0.8);
    expect(during[1]).toBeGreaterThan(before[1] as number);
    expect(during[2]).toBeGreaterThan(before[2] as number);
    expect(traffic.impactOf(s)).toBeLessThan(traffic.impactOf(up1));
    expect(traffic.impactOf(up1)).toBeLessThan(traffic.impactOf(up2));
    traffic.clearAccident(1);
    expect([s, up1, up2].map((i) => traffic.speedEvent(i).data.congestion)).toEqual(before);
  });

  it('publishes the jam upstream of a scenario accident as soon as it happens', () => {
    const start = local(9, 0);
    const city = createDemoCity({ seed: 11, startAt: start });
    const segments = new Map(city.catalog.filter((c): c is CatalogItemOf<'segment'> => c.kind === 'segment').map((s) => [s.id, s]));
    for (let t = start; t < start + 180 * MINUTE; t += 2000) {
      const out = city.step(t, 400);
      const i = out.findIndex((d) => d.type === 'incident.updated' && d.data.category === 'traffic_accident' && d.data.status === 'new' && !d.data.sourceAlarmId);
      if (i < 0) continue;
      const jam = out.slice(i + 1).filter((d) => d.type === 'segment.speed' && d.data.congestion >= 0.45);
      expect(jam.length).toBeGreaterThanOrEqual(2);
      const first = segments.get(jam[0]?.id ?? '');
      expect(first?.upstream).toContain(jam[1]?.id);
      return;
    }
    throw new Error('no scenario accident within three simulated hours');
  });
});
