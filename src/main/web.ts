// Browser mode: `npm run web -- [--hub URL] [--port P] [--data-dir DIR]`. The same core as the Electron
// app, run by Node directly, serving the built renderer and the IPC contract on 127.0.0.1.
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseConfig } from './config.ts';
import { createCore } from './core.ts';
import { ensureRendererBuilt } from './web/rendererBuild.ts';
import { startWebServer } from './web/webServer.ts';

const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const log = (line: string) => process.stderr.write(`${line}\n`);

async function main(): Promise<void> {
  const config = parseConfig(process.argv.slice(2), process.env, { dataDir: join(projectRoot, '.data', 'web'), port: 7421 });
  const root = ensureRendererBuilt(projectRoot, log);
  const { version } = JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as { version: string };
  const core = await createCore({
    dataDir: resolve(config.dataDir),
    hubUrl: config.hubUrl,
    ...(config.hubToken !== undefined ? { hubToken: config.hubToken } : {}),
    mode: 'web',
    version,
    actor: { ...(config.operator ? { operator: config.operator } : {}), ...(config.station ? { station: config.station } : {}) },
    ...(config.rate !== undefined ? { demo: { rate: config.rate } } : {}),
    log,
  });
  if (process.env.WATCHFLOOR_REPORT_PERSISTED === '1') {
    // For fault tests (tests/chaos): one stdout line per stream per commit, written after the commit.
    core.feed.onPersisted((positions) => {
      for (const p of positions) process.stdout.write(`persisted ${p.stream} ${p.lastSeq}\n`);
    });
  }
  const server = await startWebServer({ endpoint: core, root, port: config.port, log });
  console.log(`web listening on ${server.url}`);
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`web: ${signal}, closing`);
    void server
      .close()
      .then(() => core.close())
      .then(() => process.exit(0));
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error(`watchfloor web: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
