import type { LonLat } from '../../../shared/protocol/geo.ts';
import { roadLabel } from '../places.ts';
import type { Rng } from '../rng.ts';
import { HOUR, MINUTE, PRIORITY_UNIT, poisson, type SimContext } from './context.ts';
import { floodCrossing, type Environment, type FloodWave } from './environment.ts';
import type { Incidents } from './incidents.ts';
import type { Reports } from './reports.ts';

/**
 * Scripted-by-chance scenarios: traffic accidents on busy roads (which slow traffic upstream), and
 * flood waves on the Kỳ Cùng that raise the gauges past their warning levels and open a flood incident
 * when the Lạng Sơn station crosses báo động II.
 */

const ACCIDENT_MEAN_MS = 20 * MINUTE;
const FLOOD_MEAN_MS = 10 * HOUR;
/** Index of the reference gauge (Trạm thủy văn Lạng Sơn) in RIVER_GAUGES. */
const REFERENCE_GAUGE = 1;

export function createScenarios(ctx: SimContext, rng: Rng, startAt: number, env: Environment, incidents: Incidents, reports: Reports): void {
  const seg = ctx.model.segments;
  const natural = ctx.model.naturalSegments;
  // Accidents happen where traffic is: national roads and the main streets, not back alleys.
  const busy: number[] = [];
  for (let i = 0; i < natural; i++) if ((seg.cls[i] as number) <= 2) busy.push(i);

  const accidentRng = rng.fork('accidents');
  poisson(ctx, accidentRng, startAt, () => ACCIDENT_MEAN_MS, (t) => {
    const s = accidentRng.pick(busy);
    const position: LonLat = [seg.mid[s * 2] as number, seg.mid[s * 2 + 1] as number];
    const what = accidentRng.pick(['Va chạm giữa ô tô và xe máy', 'Tai nạn liên hoàn', 'Xe tải va chạm xe máy', 'Tai nạn giao thông']);
    incidents.raise(
      { title: `${what} trên ${roadLabel(seg.roads[s] ?? '')}`, category: 'traffic_accident', severity: accidentRng.chance(0.3) ? 'high' : 'medium', position, segment: s },
      t,
    );
  });

  const floodRng = rng.fork('floods');
  const startFlood = (t: number): void => {
    const wave: FloodWave = { start: t, amplitudeM: floodRng.range(3.2, 6.6), riseMs: Math.round(floodRng.range(60, 120) * MINUTE), fallMs: Math.round(floodRng.range(90, 180) * MINUTE) };
    env.floods.push(wave);
    // Forget waves long gone so the level sum stays cheap.
    while (env.floods.length > 0 && (env.floods[0] as FloodWave).start < t - 24 * HOUR) env.floods.shift();
    // Each gauge reports at once when it crosses a warning level (not whenever the round-robin comes by),
    // and people along the river start reporting flooded streets from báo động I.
    ctx.model.gauges.forEach((gauge, i) => {
      const base = env.waterLevel(i, t);
      gauge.warningLevelsM.forEach((levelM, k) => {
        const at = floodCrossing(wave, levelM - base);
        if (at === null) return;
        ctx.schedule(at + gauge.lagMs + 1000, (when) => {
          ctx.emit(PRIORITY_UNIT, env.waterEvent(i, when));
          if (k === 0) reports.file('Ngập úng', gauge.position, when);
        });
      });
    });
    const g = ctx.model.gauges[REFERENCE_GAUGE];
    if (!g) return;
    const baseline = env.waterLevel(REFERENCE_GAUGE, t);
    const crossing = floodCrossing(wave, g.warningLevelsM[1] - baseline);
    if (crossing === null) return;
    const peak = baseline + wave.amplitudeM;
    ctx.schedule(crossing + g.lagMs, (at) => {
      incidents.raise(
        {
          title: `Lũ sông Kỳ Cùng vượt báo động II tại ${g.name}`,
          category: 'flood',
          severity: peak >= g.warningLevelsM[2] ? 'critical' : 'high',
          position: g.position,
        },
        at,
      );
    });
  };
  // The first wave comes within the first hour of a demo, then about twice a day.
  ctx.schedule(startAt + Math.round(floodRng.range(15, 45) * MINUTE), (t) => {
    startFlood(t);
    poisson(ctx, floodRng, t, () => FLOOD_MEAN_MS, startFlood);
  });
}
