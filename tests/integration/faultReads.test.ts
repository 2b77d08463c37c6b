// Quick tier of the read-side fault tests (issue 4): the same scenario bodies as `npm run chaos`
// (tests/chaos/lib/scenarios.ts) with small counts. Each prints its seed; CHAOS_SEED replays one.
import { describe, expect, it } from 'vitest';
import { chaosSeed } from '../chaos/lib/random.ts';
import { clientKills, hubRestarts, proxyCuts } from '../chaos/lib/scenarios.ts';
import type { ScenarioResult } from '../chaos/lib/types.ts';

function report(r: ScenarioResult): void {
  console.log(
    `${r.scenario}: ${r.runs} runs, ${r.eventsChecked} events checked, gaps ${r.gaps}, duplicates ${r.duplicates}, ` +
      `integrity failures ${r.integrityFailures}, ${(r.ms / 1000).toFixed(1)} s — ${r.notes.join(' · ')}`,
  );
}

function expectClean(r: ScenarioResult, runs: number): void {
  report(r);
  expect(r.runs).toBe(runs);
  expect(r.eventsChecked).toBeGreaterThan(0);
  expect({
    gaps: r.gaps,
    duplicates: r.duplicates,
    integrityFailures: r.integrityFailures,
    notes: r.notes,
  }).toMatchObject({
    gaps: 0,
    duplicates: 0,
    integrityFailures: 0,
  });
}

describe('reads survive faults (quick tier)', () => {
  it('hub SIGKILLed and restarted 3× at 2k events/s: the cache holds every logged event once', async () => {
    expectClean(await hubRestarts({ count: 3, seed: chaosSeed(), rate: 2000 }), 3);
  }, 90_000);

  it('connection cut 3× by the fault proxy: the cache holds every logged event once', async () => {
    expectClean(await proxyCuts({ count: 3, seed: chaosSeed(), rate: 2000 }), 3);
  }, 90_000);

  it('client SIGKILLed 5× during a 5k events/s ingest: the cache opens cleanly and keeps what it reported', async () => {
    expectClean(await clientKills({ count: 5, seed: chaosSeed(), rate: 5000 }), 5);
  }, 120_000);
});
