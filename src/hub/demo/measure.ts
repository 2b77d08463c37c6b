// Events generated per second of CPU by the demo city: `node src/hub/demo/measure.ts [entities]`.
// A measurement, printed; the hub's own benchmark (npm run bench -- hub) measures the whole path.
import { createDemoCity } from './city.ts';
import type { DemoCity } from './types.ts';

export interface Throughput {
  entities: number;
  events: number;
  cpuSeconds: number;
  eventsPerCpuSecond: number;
}

/** Steps a city (built here, or one given whose clock is before `from`) and times only the steps. */
export function measureThroughput(options: { entities?: number; city?: DemoCity; steps: number; budget: number; seed?: number }): Throughput {
  const startAt = Date.UTC(2026, 10, 28, 10, 30);
  const city = options.city ?? createDemoCity({ seed: options.seed ?? 1, startAt, entities: options.entities });
  let t = startAt;
  // Warm up the JIT so the figure describes the steady state.
  for (let i = 0; i < 5; i++) city.step((t += 100), options.budget);
  const before = process.cpuUsage();
  let events = 0;
  for (let i = 0; i < options.steps; i++) events += city.step((t += 100), options.budget).length;
  const used = process.cpuUsage(before);
  const cpuSeconds = (used.user + used.system) / 1e6;
  return { entities: city.catalog.length, events, cpuSeconds, eventsPerCpuSecond: events / Math.max(cpuSeconds, 1e-6) };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const arg = process.argv[2];
  for (const entities of arg ? [Number(arg)] : [undefined, 100_000]) {
    const r = measureThroughput({ entities, steps: 200, budget: 5000 });
    console.log(
      `${String(r.entities).padStart(7)} entities: ${r.events} events in ${r.cpuSeconds.toFixed(3)} s CPU → ${Math.round(r.eventsPerCpuSecond).toLocaleString('en')} events/s`,
    );
  }
}
