import type { EventDraft } from '../../../shared/protocol/envelope.ts';
import { vnAqi } from '../aqi.ts';
import type { CityModel } from '../catalogBuild.ts';
import { localHour, noiseBaseline, sunshine, trafficPollution } from '../profiles.ts';
import { valueNoise } from '../rng.ts';
import { HOUR, MINUTE, SOURCE } from './context.ts';

/**
 * Environmental readings, each a pure function of time for its station: air quality with traffic peaks
 * and the night inversion, ozone following the sun, noise with a daily profile, and river levels with
 * slow trends plus flood waves that reach the upstream gauge first.
 */

export interface FloodWave {
  start: number;
  /** Rise of the level at the peak, metres. */
  amplitudeM: number;
  riseMs: number;
  /** e-folding time of the recession. */
  fallMs: number;
}

const r1 = (n: number): number => Math.round(n * 10) / 10;
const r2 = (n: number): number => Math.round(n * 100) / 100;

export function floodShape(wave: FloodWave, t: number): number {
  const x = t - wave.start;
  if (x <= 0) return 0;
  if (x < wave.riseMs) return Math.sin((Math.PI / 2) * (x / wave.riseMs)) ** 2;
  return Math.exp(-(x - wave.riseMs) / wave.fallMs);
}

/** When a wave alone first lifts a gauge (lag applied by the caller) by `rise` metres, or null. */
export function floodCrossing(wave: FloodWave, rise: number): number | null {
  if (rise <= 0) return wave.start;
  if (rise >= wave.amplitudeM) return null;
  const x = (2 / Math.PI) * Math.asin(Math.sqrt(rise / wave.amplitudeM));
  return wave.start + Math.round(x * wave.riseMs);
}

export interface Environment {
  floods: FloodWave[];
  airEvent(i: number, t: number): EventDraft<'sensor.reading'>;
  waterEvent(i: number, t: number): EventDraft<'sensor.reading'>;
  noiseEvent(i: number, t: number): EventDraft<'sensor.reading'>;
  /** Level without the short-term noise: what flood logic reasons about. */
  waterLevel(i: number, t: number): number;
}

export function createEnvironment(model: CityModel): Environment {
  const floods: FloodWave[] = [];
  const level = (i: number, t: number): number => {
    const g = model.gauges[i];
    if (!g) return 0;
    let rise = 0;
    for (const w of floods) rise += w.amplitudeM * floodShape(w, t - g.lagMs);
    return g.baseM + 0.25 * valueNoise(900_000 + i, t, 3 * HOUR) + 0.05 * Math.sin((2 * Math.PI * localHour(t)) / 24) + rise;
  };
  return {
    floods,
    waterLevel: level,
    airEvent(i, t) {
      const s = model.air[i];
      if (!s) throw new Error(`no air station ${i}`);
      const h = localHour(t);
      const tp = trafficPollution(h);
      const key = 100_000 + i * 8;
      const day = 1 + 0.3 * valueNoise(key, t, 6 * HOUR);
      const pm25 = Math.max(1, s.base * 26 * tp * day * (1 + 0.2 * valueNoise(key + 1, t, 20 * MINUTE)));
      const pm10 = pm25 * (1.65 + 0.2 * valueNoise(key + 2, t, 30 * MINUTE));
      const no2 = Math.max(1, s.base * 32 * tp * (1 + 0.25 * valueNoise(key + 3, t, 15 * MINUTE)));
      const o3 = Math.max(1, 15 + 115 * sunshine(h) * day * (1 + 0.15 * valueNoise(key + 4, t, 30 * MINUTE)));
      const co = Math.max(50, s.base * 750 * tp * (1 + 0.2 * valueNoise(key + 5, t, 15 * MINUTE)));
      const sample = { pm25: r1(pm25), pm10: r1(pm10), no2: r1(no2), o3: r1(o3), co: Math.round(co) };
      return {
        type: 'sensor.reading',
        id: s.id,
        source: SOURCE,
        data: { kind: 'air', position: s.position, ...sample, aqi: vnAqi(sample), observedAt: t },
      };
    },
    waterEvent(i, t) {
      const g = model.gauges[i];
      if (!g) throw new Error(`no gauge ${i}`);
      return {
        type: 'sensor.reading',
        id: g.id,
        source: SOURCE,
        data: {
          kind: 'water',
          position: g.position,
          levelM: r2(level(i, t) + 0.02 * valueNoise(950_000 + i, t, 60_000)),
          warningLevelsM: g.warningLevelsM,
          observedAt: t,
        },
      };
    },
    noiseEvent(i, t) {
      const n = model.noise[i];
      if (!n) throw new Error(`no noise sensor ${i}`);
      const db = noiseBaseline(localHour(t), n.roadside) + 2.5 * valueNoise(500_000 + i, t, 2 * MINUTE) + 1.2 * valueNoise(600_000 + i, t, 10_000);
      return {
        type: 'sensor.reading',
        id: n.id,
        source: SOURCE,
        data: { kind: 'noise', position: n.position, laeqDb: r1(Math.max(30, db)), observedAt: t },
      };
    },
  };
}
