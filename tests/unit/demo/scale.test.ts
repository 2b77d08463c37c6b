import { describe, expect, it } from 'vitest';
import { createDemoCity } from '../../../src/hub/demo/city.ts';
import { measureThroughput } from '../../../src/hub/demo/measure.ts';
import { catalogItemSchema } from '../../../src/shared/protocol/catalog.ts';
import { parseDraft } from '../../../src/shared/protocol/envelope.ts';
import { START } from './helpers.ts';

describe('demo city at scale', () => {
  // Built once: a 100k city takes a second or two to build.
  const city = createDemoCity({ seed: 1, startAt: START, entities: 100_000 });

  it('builds a 100k-entity catalog with valid, unique, linked items', () => {
    const n = city.catalog.length;
    expect(n).toBeGreaterThanOrEqual(100_000);
    expect(n).toBeLessThan(100_100);
    const ids = new Set(city.catalog.map((c) => c.id));
    expect(ids.size).toBe(n);
    let invalid = 0;
    for (let i = 0; i < n; i += 101) if (!catalogItemSchema.safeParse(city.catalog[i]).success) invalid++;
    expect(invalid).toBe(0);
    let dangling = 0;
    let links = 0;
    for (const c of city.catalog) {
      if (c.kind !== 'segment') continue;
      links += c.upstream.length;
      for (const u of c.upstream) if (!ids.has(u)) dangling++;
    }
    expect(dangling).toBe(0);
    expect(links).toBeGreaterThan(150_000);
    expect(city.catalog.filter((c) => c.kind === 'camera').length).toBeGreaterThan(10_000);

    // A few budgets as large as the city refresh every entity (camera heartbeats weigh less), with valid events.
    const seen = new Set<string>();
    const out = city.step(START + 1000, n);
    for (let i = 0; i < 8; i++) for (const d of i === 0 ? out : city.step(START + 2000 + i * 1000, n)) seen.add(d.id);
    expect(city.catalog.filter((c) => !seen.has(c.id)).map((c) => c.id)).toEqual([]);
    const rejected = out.filter((_, i) => i % 97 === 0).filter((d) => !parseDraft(d).ok);
    expect(rejected).toEqual([]);
  });

  it('generates events far faster than the 50k/s the hub needs (printed; not a timing assertion)', () => {
    for (const options of [{}, { city }]) {
      const r = measureThroughput({ ...options, steps: 40, budget: 5000 });
      console.log(`demo city: ${r.entities} entities, ${r.events} events in ${r.cpuSeconds.toFixed(3)} s CPU → ${Math.round(r.eventsPerCpuSecond).toLocaleString('en')} events/s`);
      expect(r.events).toBe(40 * 5000);
    }
  });
});
