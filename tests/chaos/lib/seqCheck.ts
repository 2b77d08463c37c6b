// The checker every read-side fault test ends with: what the client holds against what the hub logged.
// Kept pure and unit-tested (tests/unit/chaos/seqCheck.test.ts) so it cannot silently pass.

export interface SeqReport {
  /** Seqs the hub logged in the expected range that the client does not hold. */
  missing: number[];
  /** Seqs the client holds more than once. */
  duplicates: number[];
  /** Seqs the client holds that the hub never logged (in the range). */
  unexpected: number[];
  /** How many expected seqs were compared. */
  checked: number;
}

const SAMPLE = 20;

/** Compares two seq lists (any order). Lists of findings are capped to a sample; counts are exact. */
export function compareSeqs(
  expected: readonly number[],
  actual: readonly number[],
): SeqReport & { counts: { missing: number; duplicates: number; unexpected: number } } {
  const want = new Set(expected);
  const seen = new Set<number>();
  const duplicates: number[] = [];
  const unexpected: number[] = [];
  let dupCount = 0;
  let unexpectedCount = 0;
  for (const seq of actual) {
    if (seen.has(seq)) {
      dupCount += 1;
      if (duplicates.length < SAMPLE) duplicates.push(seq);
      continue;
    }
    seen.add(seq);
    if (!want.has(seq)) {
      unexpectedCount += 1;
      if (unexpected.length < SAMPLE) unexpected.push(seq);
    }
  }
  const missing: number[] = [];
  let missingCount = 0;
  for (const seq of want) {
    if (seen.has(seq)) continue;
    missingCount += 1;
    if (missing.length < SAMPLE) missing.push(seq);
  }
  return {
    missing,
    duplicates,
    unexpected,
    checked: want.size,
    counts: { missing: missingCount, duplicates: dupCount, unexpected: unexpectedCount },
  };
}

/** Gaps inside a list that must be contiguous from `from` to `to` (inclusive). */
export function contiguityGaps(
  seqs: readonly number[],
  from: number,
  to: number,
): SeqReport & { counts: { missing: number; duplicates: number; unexpected: number } } {
  const expected: number[] = [];
  for (let s = from; s <= to; s++) expected.push(s);
  return compareSeqs(
    expected,
    seqs.filter((s) => s >= from && s <= to),
  );
}
