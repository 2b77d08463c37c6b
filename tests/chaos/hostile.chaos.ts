// `npm run chaos`: "10,000 generated hostile messages mixed with valid ones: zero crashes, every hostile
// one rejected and counted, every valid one stored" (quick tier: tests/integration/hostile.test.ts).
import type { ChaosScenario, ScenarioResult } from './lib/types.ts';
import { runHostile } from './hostileRun.ts';

export async function hostileScenario(o: {
  count: number;
  seed: number;
  log: (line: string) => void;
}): Promise<ScenarioResult> {
  // `count` is the number of hostile items; about a third of all items are hostile.
  const r = await runHostile({ seed: o.seed, total: o.count * 3, timeoutMs: 180_000 });
  return {
    scenario: 'hostile hub messages',
    runs: r.hostile,
    eventsChecked: r.sent,
    // A hostile item not counted, or a valid one not stored, is a miss; a reconnect means something crashed the socket.
    gaps:
      Math.abs(r.rejectedCounted - r.hostile) +
      Math.abs(r.storedValid - r.valid) +
      r.reconnects +
      (r.commitNote ? 1 : 0),
    duplicates: r.duplicates,
    integrityFailures: 0,
    ms: r.ms,
    notes: [
      ...(r.commitNote ? [r.commitNote] : []),
      `seed ${r.seed}: ${r.hostile} hostile (${Object.keys(r.byKind).length} kinds), ${r.rejectedCounted} rejected and counted; ${r.valid} valid, ${r.storedValid} stored; ${r.reconnects} reconnects`,
      `reasons: ${Object.entries(r.byReason)
        .sort((a, b) => b[1] - a[1])
        .slice(0, 6)
        .map(([k, n]) => `${n}× ${k.slice(0, 60)}`)
        .join(' | ')}`,
    ],
  };
}

export const scenarios: ChaosScenario[] = [
  { name: 'hostile hub messages', fullCount: 10_000, run: hostileScenario },
];
