import type { EventDraft } from '../../../src/shared/protocol/envelope.ts';
import type { DemoCity } from '../../../src/hub/demo/types.ts';

/** 2026-11-28 07:30 in Lạng Sơn (UTC+7): morning rush. */
export const START = Date.UTC(2026, 10, 28, 0, 30);
export const MINUTE = 60_000;

/** Drives a city from `from` for `durationMs` in steps, collecting every event with its step time. */
export function run(
  city: DemoCity,
  from: number,
  durationMs: number,
  stepMs: number,
  budget: number,
  keep: (d: EventDraft) => boolean = () => true,
): { at: number; draft: EventDraft }[] {
  const out: { at: number; draft: EventDraft }[] = [];
  for (let t = from; t <= from + durationMs; t += stepMs) {
    for (const draft of city.step(t, budget)) if (keep(draft)) out.push({ at: t, draft });
  }
  return out;
}

export function ofType<T extends EventDraft['type']>(events: { draft: EventDraft }[], type: T): EventDraft<T>[] {
  // The draft type is a union keyed by `type`, so a match on `type` narrows it to EventDraft<T>.
  return events.map((e) => e.draft).filter((d) => d.type === type) as EventDraft<T>[];
}
