// `npm run bench [-- hub|client ...]`: runs the named benchmarks (tests/bench/<name>.ts), or every one that
// exists when none is named, each in its own Node process so one bench's heap and sockets never skew another.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CORE_V8_FLAGS } from '../../src/main/v8Flags.ts';

const BENCHES = ['hub', 'client'] as const;
const here = dirname(fileURLToPath(import.meta.url));
const fileOf = (name: string): string => join(here, `${name}.ts`);

const asked = process.argv.slice(2);
const unknown = asked.filter((name) => !(BENCHES as readonly string[]).includes(name));
if (unknown.length > 0) {
  console.error(`bench: unknown benchmark ${unknown.join(', ')} (known: ${BENCHES.join(', ')})`);
  process.exit(2);
}
const names = asked.length > 0 ? asked : BENCHES.filter((name) => existsSync(fileOf(name)));
let failed = 0;
for (const name of names) {
  if (!existsSync(fileOf(name))) {
    console.error(`bench: ${name}: tests/bench/${name}.ts does not exist yet`);
    failed += 1;
    continue;
  }
  console.log(`\n▶ bench ${name}`);
  // The client bench measures the core: it runs with the flags the core's process is started with.
  const flags = name === 'client' ? CORE_V8_FLAGS : [];
  const result = spawnSync(process.execPath, [...flags, fileOf(name)], { stdio: 'inherit' });
  if (result.status !== 0) failed += 1;
}
process.exit(failed === 0 ? 0 : 1);
