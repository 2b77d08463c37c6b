import { describe, expect, it } from 'vitest';
import { createDemoCity } from '../../../src/hub/demo/city.ts';
import { ofType, run, START, MINUTE } from './helpers.ts';

describe('demo city determinism', () => {
  it('builds the same catalog and emits the same events for the same seed', () => {
    const a = createDemoCity({ seed: 42, startAt: START });
    const b = createDemoCity({ seed: 42, startAt: START });
    expect(JSON.stringify(a.catalog)).toBe(JSON.stringify(b.catalog));
    const ea = run(a, START, 20 * MINUTE, 2000, 80);
    const eb = run(b, START, 20 * MINUTE, 2000, 80);
    expect(ea.length).toBeGreaterThan(1000);
    expect(JSON.stringify(ea)).toBe(JSON.stringify(eb));
  });

  it('gives a different city and different events for another seed', () => {
    const a = createDemoCity({ seed: 1, startAt: START });
    const b = createDemoCity({ seed: 2, startAt: START });
    expect(JSON.stringify(a.catalog)).not.toBe(JSON.stringify(b.catalog));
    const alarms = (seed: number): string[] =>
      ofType(run(createDemoCity({ seed, startAt: START }), START, 15 * MINUTE, 5000, 100), 'alarm.raised').map((d) => `${d.data.cameraId}@${d.data.observedAt}`);
    expect(alarms(1)).not.toEqual(alarms(2));
  });

  it('does not depend on how the caller slices simulated time', () => {
    // Each process has its own random stream and runs on simulated time, so 1 s steps and 10 s steps see
    // the same alarms and incidents (given budget enough to deliver them).
    const important = (stepMs: number): string[] =>
      run(createDemoCity({ seed: 7, startAt: START }), START, 30 * MINUTE, stepMs, 300, (d) => d.type === 'alarm.raised' || d.type === 'incident.updated' || d.type === 'report.created')
        .map((e) => e.draft)
        .map((d) => `${d.type} ${d.id} ${JSON.stringify(d.data)}`)
        .sort();
    const fine = important(1000);
    expect(fine.length).toBeGreaterThan(50);
    expect(important(10_000)).toEqual(fine);
  });
});
