// The fault tests' checker must not pass silently: it finds a gap, a duplicate and a stray seq.
import { describe, expect, it } from 'vitest';
import { compareSeqs, contiguityGaps } from '../../chaos/lib/seqCheck.ts';

describe('seq checker', () => {
  it('passes only an exact match', () => {
    const r = compareSeqs([1, 2, 3, 4], [4, 3, 2, 1]);
    expect(r.counts).toEqual({ missing: 0, duplicates: 0, unexpected: 0 });
    expect(r.checked).toBe(4);
  });

  it('reports a gap', () => {
    const r = compareSeqs([1, 2, 3, 4, 5], [1, 2, 5]);
    expect(r.counts.missing).toBe(2);
    expect(r.missing).toEqual([3, 4]);
  });

  it('reports a duplicate', () => {
    const r = compareSeqs([1, 2, 3], [1, 2, 2, 3, 3, 3]);
    expect(r.counts.duplicates).toBe(3);
    expect(r.duplicates).toEqual([2, 3, 3]);
    expect(r.counts.missing).toBe(0);
  });

  it('reports seqs the hub never logged', () => {
    const r = compareSeqs([1, 2], [1, 2, 7]);
    expect(r.counts.unexpected).toBe(1);
    expect(r.unexpected).toEqual([7]);
  });

  it('reports an empty client as all missing', () => {
    expect(compareSeqs([1, 2, 3], []).counts.missing).toBe(3);
  });

  it('checks contiguity of a range', () => {
    expect(contiguityGaps([10, 11, 13], 10, 13).missing).toEqual([12]);
    expect(contiguityGaps([10, 11, 11, 12], 10, 12).counts.duplicates).toBe(1);
  });
});
