// `npm run chaos`: the read-side scenarios at the full counts (hub restarts, connection cuts).
import { hubRestarts, proxyCuts } from './lib/scenarios.ts';
import type { ChaosScenario } from './lib/types.ts';

export const scenarios: ChaosScenario[] = [
  { name: 'hub SIGKILL + restart', fullCount: 20, run: (o) => hubRestarts({ ...o, rate: 2000 }) },
  { name: 'connection cut (proxy)', fullCount: 20, run: (o) => proxyCuts({ ...o, rate: 2000 }) },
];
