import type { CatalogItem } from '../../shared/protocol/catalog.ts';
import type { EventDraft } from '../../shared/protocol/envelope.ts';

/** Options of the built-in demo city (Lạng Sơn). Same seed and options → same city, same events. */
export interface DemoCityOptions {
  seed: number;
  /**
   * Total entity count to scale to (segments, cameras, sensors, units together). Undefined = the
   * natural city (≥ 300 segments, ≥ 60 cameras, ≥ 20 units, stations and gauges).
   */
  entities?: number;
  /** Simulated start time, epoch ms (the hub passes its clock, or a fixed one in tests). */
  startAt: number;
}

/**
 * The demo city as the hub drives it: a static catalog, and a simulator that advances simulated time and
 * yields events. The hub owns pacing (`--rate`, `--speed`), seq and the log; the city owns what happens.
 */
export interface DemoCity {
  readonly catalog: readonly CatalogItem[];
  /**
   * Advance the simulation to `simNow` (epoch ms, monotonically non-decreasing) and return at most
   * `budget` events describing what changed, most important first (alarms, incidents, reports before
   * routine readings). Routine telemetry is round-robin over entities, so at any budget every entity is
   * refreshed in turn.
   */
  step(simNow: number, budget: number): EventDraft[];
}
