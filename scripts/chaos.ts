// `npm run chaos [-- --only NAME] [--count N]`: runs every scenario exported by tests/chaos/*.chaos.ts at
// its full count (or N), one after the other, and prints one table. Seeded: CHAOS_SEED=… replays a run.
// Exits non-zero when any scenario found a gap, a duplicate, an integrity failure, or threw.
import { readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { chaosSeed } from '../tests/chaos/lib/random.ts';
import { failed, type ChaosScenario, type ScenarioResult } from '../tests/chaos/lib/types.ts';

const major = Number(process.versions.node.split('.')[0]);
if (major < 22) {
  console.error(
    `npm run chaos needs the project's Node 22 (found ${process.versions.node}): run it through npm.`,
  );
  process.exit(1);
}

const { values } = parseArgs({ options: { only: { type: 'string' }, count: { type: 'string' } } });
const dir = join(resolve(dirname(fileURLToPath(import.meta.url)), '..'), 'tests', 'chaos');
const seed = chaosSeed();
console.log(`chaos seed ${seed} (CHAOS_SEED=${seed} replays it)`);

const scenarios: ChaosScenario[] = [];
for (const file of readdirSync(dir)
  .filter((f) => f.endsWith('.chaos.ts'))
  .sort()) {
  const mod = (await import(pathToFileURL(join(dir, file)).href)) as { scenarios?: ChaosScenario[] };
  for (const s of mod.scenarios ?? []) if (!values.only || s.name.includes(values.only)) scenarios.push(s);
}

const results: ScenarioResult[] = [];
for (const s of scenarios) {
  const count = values.count ? Number(values.count) : s.fullCount;
  console.log(`\n▶ ${s.name} ×${count}`);
  const t0 = Date.now();
  try {
    const r = await s.run({ count, seed, log: (line) => console.log(`  ${line}`) });
    results.push(r);
    for (const note of r.notes) console.log(`  ${note}`);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    console.log(`  ✘ threw: ${message}`);
    results.push({
      scenario: `${s.name} (threw)`,
      runs: 0,
      eventsChecked: 0,
      gaps: 0,
      duplicates: 0,
      integrityFailures: 0,
      ms: Date.now() - t0,
      notes: [message],
    });
  }
}

const rows = [
  ['scenario', 'runs', 'events checked', 'gaps', 'duplicates', 'integrity failures', 'time', ''],
  ...results.map((r) =>
    [
      r.scenario,
      r.runs,
      r.eventsChecked,
      r.gaps,
      r.duplicates,
      r.integrityFailures,
      `${(r.ms / 1000).toFixed(1)} s`,
      failed(r) ? '✘' : '✔',
    ].map(String),
  ),
];
const widths = rows[0]?.map((_, i) => Math.max(...rows.map((row) => (row[i] ?? '').length))) ?? [];
console.log('');
for (const [i, row] of rows.entries()) {
  console.log(`| ${row.map((c, j) => c.padEnd(widths[j] ?? 0)).join(' | ')} |`);
  if (i === 0) console.log(`| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`);
}
const bad = results.filter(failed);
console.log(
  bad.length
    ? `\n${bad.length} scenario(s) failed (seed ${seed})`
    : `\nall ${results.length} scenarios clean (seed ${seed})`,
);
process.exit(bad.length ? 1 : 0);
