import { describe, expect, it } from 'vitest';
import { measureApplyBatch } from '../../bench/applyBatchCost.ts';

// Prints the renderer's cost per feed.batch; a figure, not a timed assertion (CI machines vary 3×).
describe('applyBatch cost', () => {
  for (const n of [10_000, 100_000]) {
    it(`${n} entities, 2000-entity batches`, () => {
      const r = measureApplyBatch(n);
      console.log(
        `applyBatch: ${n} entities → ${r.msPerBatch.toFixed(2)} ms per 2000-entity batch (${(r.msPerEntity * 1000).toFixed(2)} µs/entity)`,
      );
      expect(Number.isFinite(r.msPerBatch)).toBe(true);
    });
  }
});
