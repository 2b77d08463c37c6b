// `npm run chaos`: the client killed at random moments during a fast ingest, at the full count.
import { clientKills } from './lib/scenarios.ts';
import type { ChaosScenario } from './lib/types.ts';

export const scenarios: ChaosScenario[] = [
  { name: 'client SIGKILL', fullCount: 100, run: (o) => clientKills({ ...o, rate: 5000 }) },
];
