import type { EventDraft } from '../../shared/protocol/envelope.ts';
import { buildCityModel } from './catalogBuild.ts';
import { createRng } from './rng.ts';
import { createCameras } from './sim/alarms.ts';
import type { SimContext } from './sim/context.ts';
import { createEnvironment } from './sim/environment.ts';
import { createIncidents } from './sim/incidents.ts';
import { ImportantQueue, TimedQueue } from './sim/queue.ts';
import { createReports } from './sim/reports.ts';
import { createScenarios } from './sim/scenarios.ts';
import { createTraffic } from './sim/traffic.ts';
import { createUnits } from './sim/units.ts';
import type { DemoCity, DemoCityOptions } from './types.ts';

/**
 * The built-in demo city of Lạng Sơn. Deterministic: the seed, the options and the sequence of
 * step() calls fully decide the catalog and every event (no Math.random, no clock reads).
 *
 * step() first runs every timed action due by `simNow` (alarms, incidents, reports, camera flips,
 * units arriving), which queue important events; those go out first, by priority. The rest of the
 * budget is routine telemetry, round-robin over all entities so each is refreshed in turn: a small share
 * for units (they move), the rest over segments, cameras and sensors.
 */

interface RoutineKind {
  count: number;
  weight: number;
  event: (i: number, t: number) => EventDraft;
}

/** Share of the routine budget reserved for unit positions. */
const UNIT_SHARE = 0.05;

export function createDemoCity(options: DemoCityOptions): DemoCity {
  const { seed, startAt } = options;
  const model = buildCityModel(seed, options.entities);
  const rng = createRng(seed, 'sim');
  const timed = new TimedQueue();
  const important = new ImportantQueue();
  const ctx: SimContext = {
    model,
    rng,
    emit: (priority, draft) => important.push(priority, draft),
    schedule: (at, run) => timed.push(at, run),
  };

  const traffic = createTraffic(model.segments);
  const env = createEnvironment(model);
  const units = createUnits(ctx, rng.fork('units'), startAt);
  const incidents = createIncidents(ctx, rng.fork('incidents'), units, traffic);
  const cameras = createCameras(ctx, rng.fork('cameras'), startAt, incidents);
  const reports = createReports(ctx, rng.fork('reports'), startAt);
  createScenarios(ctx, rng.fork('scenarios'), startAt, env, incidents, reports);

  // Routine telemetry: one cursor per kind, budget shared by weight × count with fractional credit, so
  // every stream gets data from the first tick and each entity of a kind is refreshed equally often.
  // Sensors weigh more (few, charted), camera heartbeats less (their status rarely changes).
  const allKinds: RoutineKind[] = [
    { count: model.segments.count, weight: 1, event: (i) => traffic.speedEvent(i) },
    { count: model.cameras.length, weight: 0.25, event: (i, t) => cameras.statusEvent(i, t) },
    { count: model.air.length, weight: 5, event: (i, t) => env.airEvent(i, t) },
    { count: model.gauges.length, weight: 5, event: (i, t) => env.waterEvent(i, t) },
    { count: model.noise.length, weight: 5, event: (i, t) => env.noiseEvent(i, t) },
  ];
  const kinds = allKinds.filter((k) => k.count > 0);
  const totalWeight = kinds.reduce((sum, k) => sum + k.count * k.weight, 0);
  const share = kinds.map((k) => (k.count * k.weight) / totalWeight);
  const credit = new Float64Array(kinds.length);
  const cursors = new Int32Array(kinds.length);
  let unitCursor = 0;
  let unitCredit = 0;
  let now = startAt;

  const routine = (out: EventDraft[], budget: number): void => {
    let given = 0;
    for (let k = 0; k < kinds.length; k++) {
      credit[k] = (credit[k] as number) + budget * (share[k] as number);
      const n = Math.max(0, Math.min(budget - given, Math.floor(credit[k] as number)));
      credit[k] = (credit[k] as number) - n;
      given += n;
      emitKind(out, k, n);
    }
    // Rounding leftovers go to the kind owed the most.
    while (given < budget) {
      let best = 0;
      for (let k = 1; k < kinds.length; k++) if ((credit[k] as number) > (credit[best] as number)) best = k;
      credit[best] = (credit[best] as number) - 1;
      emitKind(out, best, 1);
      given++;
    }
  };
  const emitKind = (out: EventDraft[], k: number, n: number): void => {
    const kind = kinds[k];
    if (!kind) return;
    let c = cursors[k] as number;
    for (let j = 0; j < n; j++) {
      out.push(kind.event(c, now));
      c = c + 1 === kind.count ? 0 : c + 1;
    }
    cursors[k] = c;
  };

  return {
    catalog: model.items,
    step(simNow, budget) {
      // Time never runs backwards (nor turns NaN), whatever the caller passes.
      if (Number.isFinite(simNow)) now = Math.max(now, Math.round(simNow));
      timed.runUntil(now);
      const out: EventDraft[] = [];
      const max = Number.isFinite(budget) ? Math.max(0, Math.floor(budget)) : 0;
      important.drainInto(out, max);
      let left = max - out.length;
      if (left <= 0) return out;

      // Fractional credit, so a budget of 1–2 events per tick still mostly goes to the other entities.
      const unitCount = units.list.length;
      unitCredit = Math.min(unitCount, unitCredit + left * UNIT_SHARE);
      let forUnits = Math.min(left, Math.floor(unitCredit));
      unitCredit -= forUnits;
      left -= forUnits;
      while (forUnits-- > 0) {
        const u = units.list[unitCursor];
        unitCursor = (unitCursor + 1) % unitCount;
        if (u) out.push(units.event(u, now));
      }
      traffic.prepare(now);
      routine(out, left);
      return out;
    },
  };
}
