import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { countsOf, readCounts } from '../../../scripts/lib/reports.ts';

describe('test summary counts', () => {
  it('reads Vitest and Playwright reports and adds them up', () => {
    const dir = mkdtempSync(join(tmpdir(), 'wf-reports-'));
    const v = join(dir, 'v.json');
    const p = join(dir, 'p.json');
    writeFileSync(v, JSON.stringify({ numPassedTests: 10, numFailedTests: 1, numPendingTests: 2, numTodoTests: 1 }));
    writeFileSync(p, JSON.stringify({ stats: { expected: 4, unexpected: 2, flaky: 1, skipped: 1 } }));
    expect(readCounts([v, p, join(dir, 'missing.json')])).toEqual({ passed: 15, failed: 3, skipped: 4 });
  });

  it('counts an unreadable or unknown report as a failure instead of hiding it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'wf-reports-'));
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '{not json');
    expect(readCounts([bad]).failed).toBe(1);
    expect(countsOf({ something: 'else' })).toBeNull();
  });
});
