import { describe, expect, it } from 'vitest';
import { CityDriver } from '../../../src/hub/cityDriver.ts';
import { SourceCounters } from '../../../src/hub/sourceCounters.ts';
import type { EventDraft } from '../../../src/shared/protocol/envelope.ts';
import { speedDraft } from './fixtures.ts';

function setup(rate: number, speed = 1, emit: (budget: number) => EventDraft[] = (b) => Array.from({ length: b }, (_, i) => speedDraft(i))) {
  const calls: { simNow: number; budget: number }[] = [];
  const published: EventDraft[] = [];
  const counters = new SourceCounters(() => 0);
  const driver = new CityDriver({
    city: {
      catalog: [],
      step: (simNow, budget) => {
        calls.push({ simNow, budget });
        return emit(budget);
      },
    },
    rate,
    speed,
    tickMs: 50,
    startAt: 1_000_000,
    publish: (drafts) => {
      published.push(...drafts);
      return [];
    },
    counters,
  });
  return { driver, calls, published, counters };
}

describe('CityDriver', () => {
  it('gives the city rate × elapsed events and advances simulated time at speed × real time', () => {
    const { driver, calls, published } = setup(200, 60);
    expect(driver.tick(50)).toBe(10);
    expect(calls).toEqual([{ simNow: 1_000_000 + 50 * 60, budget: 10 }]);
    expect(published).toHaveLength(10);
    expect(published.every((d) => d.source === 'demo')).toBe(true);
  });

  it('carries fractional budget between ticks and caps a stall at one second of events', () => {
    const { driver, calls } = setup(30);
    // 30 events/s over 50 ms ticks is 1.5 per tick.
    driver.tick(50);
    driver.tick(50);
    driver.tick(50);
    expect(calls.map((c) => c.budget)).toEqual([1, 2, 1]);
    driver.tick(60_000);
    expect(calls.map((c) => c.budget)).toEqual([1, 2, 1, 30]);
  });

  it('drops and counts invalid drafts from the city, publishing the rest', () => {
    const bad = { type: 'segment.speed', id: 'segment:x', data: { speedKmh: Number.POSITIVE_INFINITY, freeFlowKmh: 1, congestion: 0 } } as unknown as EventDraft;
    const { driver, published, counters } = setup(1000, 1, () => [speedDraft(1), bad]);
    driver.tick(1000);
    expect(published).toHaveLength(1);
    expect(counters.toJSON().demo).toMatchObject({ accepted: 1, rejected: 1 });
  });
});
