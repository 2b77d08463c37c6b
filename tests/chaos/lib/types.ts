// What one chaos scenario reports: one row of `npm run chaos`'s table. The write-side scenarios use the
// same shape (tests/chaos/writes*.chaos.ts), so keep it stable.

export interface ScenarioResult {
  scenario: string;
  runs: number;
  eventsChecked: number;
  gaps: number;
  duplicates: number;
  integrityFailures: number;
  ms: number;
  /** Free text: seed, measured rates, samples of what went wrong. */
  notes: string[];
}

export interface ChaosScenario {
  name: string;
  /** `full` is the count; the quick tier in `npm test` passes a smaller one. */
  run(options: { count: number; seed: number; log: (line: string) => void }): Promise<ScenarioResult>;
  fullCount: number;
}

export function failed(r: ScenarioResult): boolean {
  return r.gaps > 0 || r.duplicates > 0 || r.integrityFailures > 0 || r.runs === 0;
}
