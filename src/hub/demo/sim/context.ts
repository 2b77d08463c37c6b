import type { EventDraft } from '../../../shared/protocol/envelope.ts';
import type { CityModel } from '../catalogBuild.ts';
import type { Rng } from '../rng.ts';

/** What every simulated process sees: the city, the clock queues and a way to publish. */
export interface SimContext {
  readonly model: CityModel;
  readonly rng: Rng;
  /** Publishes an important event (delivered before routine telemetry). */
  emit(priority: number, draft: EventDraft): void;
  /** Runs `run` at simulated time `at` (epoch ms). */
  schedule(at: number, run: (at: number) => void): void;
}

export const SOURCE = 'demo';

export const MINUTE = 60_000;
export const HOUR = 3_600_000;

/** Important-event priorities, most important first (see ImportantQueue). */
export const PRIORITY_INCIDENT = 0;
export const PRIORITY_ALARM = 1;
export const PRIORITY_UNIT = 2;
export const PRIORITY_REPORT = 3;
export const PRIORITY_CAMERA = 4;
export const PRIORITY_TRAFFIC = 5;

/** A recurring Poisson process: arrivals at exponential intervals from `from`, on its own random stream. */
export function poisson(ctx: SimContext, rng: Rng, from: number, meanMs: () => number, onArrival: (at: number) => void): void {
  const next = (at: number): void => {
    onArrival(at);
    ctx.schedule(at + Math.max(1000, Math.round(rng.exp(meanMs()))), next);
  };
  ctx.schedule(from + Math.max(1000, Math.round(rng.exp(meanMs()))), next);
}
