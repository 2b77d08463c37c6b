// Reads Vitest's and Playwright's JSON reports into one count for the closing summary line.
import { existsSync, readFileSync } from 'node:fs';
import { z } from 'zod';

export interface Counts {
  passed: number;
  failed: number;
  skipped: number;
}

const vitestReport = z.object({
  numPassedTests: z.number(),
  numFailedTests: z.number(),
  numPendingTests: z.number(),
  numTodoTests: z.number().optional(),
});
const playwrightReport = z.object({
  stats: z.object({ expected: z.number(), unexpected: z.number(), flaky: z.number(), skipped: z.number() }),
});

export function countsOf(raw: unknown): Counts | null {
  const v = vitestReport.safeParse(raw);
  if (v.success) {
    return { passed: v.data.numPassedTests, failed: v.data.numFailedTests, skipped: v.data.numPendingTests + (v.data.numTodoTests ?? 0) };
  }
  const p = playwrightReport.safeParse(raw);
  if (p.success) {
    const s = p.data.stats;
    return { passed: s.expected + s.flaky, failed: s.unexpected, skipped: s.skipped };
  }
  return null;
}

export function readCounts(files: string[]): Counts {
  const total: Counts = { passed: 0, failed: 0, skipped: 0 };
  for (const file of files) {
    if (!existsSync(file)) continue;
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(file, 'utf8'));
    } catch {
      console.error(`report ${file} is not valid JSON: counted as one failure`);
      total.failed += 1;
      continue;
    }
    const c = countsOf(raw);
    if (!c) {
      console.error(`report ${file} has an unknown shape: counted as one failure`);
      total.failed += 1;
      continue;
    }
    total.passed += c.passed;
    total.failed += c.failed;
    total.skipped += c.skipped;
  }
  return total;
}
