import type { EventDraft } from '../../../shared/protocol/envelope.ts';
import type { SegmentTable } from '../catalogBuild.ts';
import { localHour, speedFactor } from '../profiles.ts';
import { valueNoise } from '../rng.ts';
import { SOURCE } from './context.ts';

/**
 * Segment speeds: free flow × the daily profile of the road class × smooth per-segment noise × the
 * slowdown of any accident ahead. Speeds are a pure function of time plus the (rarely changing) impact
 * array, so refreshing 100k segments costs a few hashes each and nothing is stored per reading.
 */

/** Slowdown at the accident segment, then 1, 2, 3, 4 hops upstream (fraction of normal speed). */
const IMPACT_BY_HOP = [0.12, 0.3, 0.5, 0.7, 0.88] as const;
const NOISE_PERIOD_MS = 4 * 60_000;

export interface Traffic {
  /** Sets up the per-step profile; call once per step before `speedEvent`. */
  prepare(t: number): void;
  speedEvent(i: number): EventDraft<'segment.speed'>;
  /** Slows a segment and its upstream neighbours until `clearAccident`; returns the affected segments. */
  addAccident(id: number, segment: number): number[];
  clearAccident(id: number): number[];
  /** Current multiplier (1 = unaffected), for tests and diagnostics. */
  impactOf(segment: number): number;
}

export function createTraffic(seg: SegmentTable): Traffic {
  const impact = new Float32Array(seg.count).fill(1);
  const accidents = new Map<number, { segment: number; affected: number[] }>();
  const profile = new Float32Array(5);
  let now = 0;

  const spread = (segment: number): { affected: number[]; level: Map<number, number> } => {
    const level = new Map<number, number>([[segment, IMPACT_BY_HOP[0]]]);
    let frontier = [segment];
    for (let hop = 1; hop < IMPACT_BY_HOP.length; hop++) {
      const next: number[] = [];
      for (const s of frontier) {
        for (let k = seg.upOff[s] as number; k < (seg.upOff[s + 1] as number); k++) {
          const u = seg.upIdx[k] as number;
          if (!level.has(u)) {
            level.set(u, IMPACT_BY_HOP[hop] as number);
            next.push(u);
          }
        }
      }
      frontier = next;
    }
    return { affected: [...level.keys()], level };
  };

  const recompute = (segments: number[]): void => {
    for (const s of segments) impact[s] = 1;
    for (const a of accidents.values()) {
      const { level } = spread(a.segment);
      for (const s of segments) {
        const l = level.get(s);
        if (l !== undefined && l < (impact[s] as number)) impact[s] = l;
      }
    }
  };

  return {
    prepare(t) {
      now = t;
      const h = localHour(t);
      for (let c = 0; c < 5; c++) profile[c] = speedFactor(h, c);
    },
    speedEvent(i) {
      const ff = seg.freeFlow[i] as number;
      const noise = 1 + 0.07 * valueNoise(i, now, NOISE_PERIOD_MS) + 0.03 * valueNoise(i + 7_777_777, now, 45_000);
      const speed = Math.max(0, ff * (profile[seg.cls[i] as number] as number) * noise * (impact[i] as number));
      const congestion = ff > 0 ? Math.min(1, Math.max(0, 1 - speed / ff)) : 0;
      return {
        type: 'segment.speed',
        id: seg.ids[i] as string,
        source: SOURCE,
        data: { speedKmh: Math.round(speed * 10) / 10, freeFlowKmh: ff, congestion: Math.round(congestion * 1000) / 1000, observedAt: now },
      };
    },
    addAccident(id, segment) {
      const { affected } = spread(segment);
      accidents.set(id, { segment, affected });
      recompute(affected);
      return affected;
    },
    clearAccident(id) {
      const a = accidents.get(id);
      if (!a) return [];
      accidents.delete(id);
      recompute(a.affected);
      return a.affected;
    },
    impactOf: (segment) => impact[segment] ?? 1,
  };
}
