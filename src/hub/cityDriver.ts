import { parseDraft, type Envelope, type EventDraft } from '../shared/protocol/envelope.ts';
import type { DemoCity } from './demo/types.ts';
import type { SourceCounters } from './sourceCounters.ts';

export const CITY_SOURCE = 'demo';

export interface CityDriverOptions {
  city: DemoCity;
  /** Total events/s across all streams (the budget the city fills, most important first). */
  rate: number;
  /** Simulated ms per real ms. */
  speed: number;
  tickMs: number;
  /** Simulated start, epoch ms. */
  startAt: number;
  publish(drafts: readonly EventDraft[]): Envelope[];
  counters: SourceCounters;
}

/**
 * Paces the demo city: every tick, simulated time advances by `speed` × the real time that passed, and
 * the city may emit up to `rate` × that time events. Budget is carried between ticks (a 50 ms tick at
 * 30 events/s is 1.5 events) but capped at one second's worth, so a stalled process does not burst.
 */
export class CityDriver {
  readonly #options: CityDriverOptions;
  #timer: NodeJS.Timeout | undefined;
  #simNow: number;
  #lastReal = 0;
  #budget = 0;

  constructor(options: CityDriverOptions) {
    this.#options = options;
    this.#simNow = options.startAt;
  }

  get simNow(): number {
    return this.#simNow;
  }

  /** Starts the timer; a failing step is logged (at most once per distinct message) and the hub goes on. */
  start(logLine: (line: string) => void = () => undefined): void {
    if (this.#timer || this.#options.rate <= 0) return;
    this.#lastReal = performance.now();
    let lastError = '';
    this.#timer = setInterval(() => {
      try {
        this.tick();
      } catch (e) {
        const message = e instanceof Error ? e.message : String(e);
        if (message !== lastError) logLine(`hub: demo city step failed: ${message}`);
        lastError = message;
      }
    }, this.#options.tickMs);
  }

  /** One step; public so tests can drive the city without waiting on the timer. */
  tick(realElapsedMs?: number): number {
    const now = performance.now();
    const elapsed = Math.max(0, realElapsedMs ?? now - this.#lastReal);
    this.#lastReal = now;
    const { city, rate, speed } = this.#options;
    this.#simNow += elapsed * speed;
    this.#budget = Math.min(this.#budget + (rate * elapsed) / 1000, Math.max(rate, 1));
    const budget = Math.floor(this.#budget);
    if (budget < 1) return 0;
    this.#budget -= budget;
    const valid: EventDraft[] = [];
    const rejected: string[] = [];
    for (const draft of city.step(Math.floor(this.#simNow), budget)) {
      // The city is our own code, but an invalid event would be rejected by every client: catch it here.
      const parsed = parseDraft(draft.source === undefined ? { ...draft, source: CITY_SOURCE } : draft);
      if (parsed.ok) valid.push(parsed.value);
      else rejected.push(parsed.reason);
    }
    if (valid.length > 0) this.#options.publish(valid);
    this.#options.counters.record(CITY_SOURCE, { accepted: valid.length, duplicates: 0, rejected });
    return valid.length;
  }

  stop(): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
  }
}
