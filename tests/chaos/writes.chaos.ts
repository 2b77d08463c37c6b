// `npm run chaos`: "500 operator writes made while the hub is down, the client killed and restarted
// twice before the hub returns: every write reaches the hub exactly once" (quick tier: tests/integration/writes.test.ts).
import type { ChaosScenario, ScenarioResult } from './lib/types.ts';
import { runWrites } from './writesRun.ts';

export async function writesScenario(o: {
  count: number;
  seed: number;
  log: (line: string) => void;
}): Promise<ScenarioResult> {
  // About 1 % of the writes aim at alarms the hub never raised: they must come back refused and be kept.
  const rejects = Math.max(1, Math.round(o.count / 100));
  const r = await runWrites({ seed: o.seed, writes: o.count, rejects, timeoutMs: 180_000 });
  const lost =
    r.missing +
    (r.writes - r.okResults) +
    (r.rejects - r.rejectedKept) +
    r.pendingAtEnd +
    (r.writes + r.rejects - r.hubAnswers);
  return {
    scenario: 'writes exactly once (client SIGKILL ×3)',
    runs: r.clientKills,
    eventsChecked: r.writes + r.rejects,
    gaps: lost,
    duplicates: r.duplicates + Math.max(0, r.hubAcknowledgedEvents - r.writes),
    integrityFailures: 0,
    ms: r.ms,
    notes: [
      `seed ${r.seed}: ${r.writes} writes + ${r.rejects} refused; hub holds ${r.hubAcknowledgedEvents} acknowledgements, ${r.hubAnswers} answers; ` +
        `client killed mid-drain after ${r.ackedAtDrainKill} acks; ${r.lostAnswers} answers lost and resent; ` +
        `client: ${r.okResults} accepted, ${r.rejectedKept} refused kept, ${r.pendingAtEnd} pending`,
    ],
  };
}

export const scenarios: ChaosScenario[] = [
  { name: 'writes exactly once', fullCount: 500, run: writesScenario },
];
