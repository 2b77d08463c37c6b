import { describe, expect, it } from 'vitest';
import { runWrites } from '../chaos/writesRun.ts';

// Quick tier of "500 operator writes while the hub is down, the client killed and restarted twice":
// 50 writes (+3 that the hub must reject). The full count is tests/chaos/writes.chaos.ts.
const SEED = Number(process.env.WRITES_SEED ?? 4242);

describe('operator writes across client crashes', () => {
  it('delivers every write exactly once and keeps every rejection', async () => {
    console.log(`writes quick tier: seed ${SEED}`);
    const r = await runWrites({ seed: SEED, writes: 50, rejects: 3 });
    console.log(`writes: ${JSON.stringify(r)}`);
    expect(r.clientKills).toBe(3);
    expect(r.hubAcknowledgedEvents).toBe(50);
    expect(r.duplicates).toBe(0);
    expect(r.missing).toBe(0);
    expect(r.hubAnswers).toBe(53);
    expect(r.lostAnswers).toBeGreaterThan(0);
    expect(r.okResults).toBe(50);
    expect(r.rejectedKept).toBe(3);
    expect(r.pendingAtEnd).toBe(0);
  }, 120_000);
});
