// `npm test`: lint, typecheck, unit + integration tests, renderer build, end-to-end tests in Chromium;
// then one summary line "N passed, N failed, N skipped". Every step runs even when an earlier one
// failed, so one run shows everything that is wrong.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { findChromium, installChromiumWithApt } from './lib/chromium.ts';
import { readCounts, type Counts } from './lib/reports.ts';

const major = Number(process.versions.node.split('.')[0]);
if (major < 22) {
  console.error(`npm test needs the project's Node 22 (found ${process.versions.node}): run it through npm after npm install.`);
  process.exit(1);
}

const started = Date.now();
const failures: string[] = [];
mkdirSync('.reports', { recursive: true });
for (const f of ['.reports/vitest.json', '.reports/playwright.json']) rmSync(f, { force: true });

function step(name: string, command: string, args: string[], env: NodeJS.ProcessEnv = {}): boolean {
  const t0 = Date.now();
  console.log(`\n▶ ${name}`);
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  const ok = result.status === 0;
  console.log(`${ok ? '✔' : '✘'} ${name} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  if (!ok) failures.push(name);
  return ok;
}

let chromium = findChromium();
let chromiumProblem: string | null = null;
if (!chromium && !process.env.CHROMIUM_PATH) {
  const installed = installChromiumWithApt();
  if ('path' in installed) chromium = installed.path;
  else chromiumProblem = installed.reason;
}

step('lint', 'eslint', ['.', '--max-warnings=0']);
step('typecheck', 'tsc', ['--noEmit', '-p', 'tsconfig.json']);
step('unit + integration tests (vitest)', 'vitest', ['run', '--reporter=default', '--reporter=json', '--outputFile.json=.reports/vitest.json']);
const built = step('build (electron-vite: main, preload, renderer)', 'electron-vite', ['build']);

if (!chromium) {
  const why = process.env.CHROMIUM_PATH
    ? `CHROMIUM_PATH=${process.env.CHROMIUM_PATH} is not an executable`
    : `no Chromium found (${chromiumProblem}); install it (Debian: sudo apt-get install chromium) or set CHROMIUM_PATH`;
  console.error(`\n✘ end-to-end tests not run: ${why}.`);
  failures.push('e2e (no Chromium)');
} else if (built && existsSync('out/renderer/index.html')) {
  step('end-to-end tests (Playwright, Chromium)', 'playwright', ['test'], {
    CHROMIUM_PATH: chromium,
    PLAYWRIGHT_JSON_OUTPUT_NAME: '.reports/playwright.json',
  });
} else {
  failures.push('e2e (renderer build missing)');
}

const counts: Counts = readCounts(['.reports/vitest.json', '.reports/playwright.json']);
const seconds = ((Date.now() - started) / 1000).toFixed(0);
if (failures.length) console.log(`\nFailed steps: ${failures.join(', ')} (${seconds} s)`);
else console.log(`\nAll steps green (${seconds} s)`);
if (counts.passed + counts.failed === 0) {
  console.log('no tests ran');
  process.exit(1);
}
console.log(`${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
process.exit(failures.length || counts.failed ? 1 : 0);
