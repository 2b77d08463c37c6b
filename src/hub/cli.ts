// `npm run hub -- --port 7420 --seed 1 --db <file> [--rate N] [--entities N] [--speed X] [--host H] …`
// Prints exactly one line on stdout once listening; everything else goes to stderr.
import { parseCliArgs } from './cliArgs.ts';
import { createHub } from './server.ts';

const parsed = parseCliArgs(process.argv.slice(2));
if (!parsed.ok) {
  process.stderr.write(`hub: ${parsed.message}\n`);
  process.exit(2);
}
const { options, adapterOptions } = parsed;

try {
  const hub = await createHub({
    host: options.host,
    port: options.port,
    dbPath: options.db,
    seed: options.seed,
    rate: options.rate,
    entities: options.entities,
    speed: options.speed,
    adapterOptions,
    retention: {
      ...(options['retain-hours'] === undefined ? {} : { maxAgeMs: options['retain-hours'] * 3_600_000 }),
      ...(options['retain-events'] === undefined ? {} : { maxEventsPerStream: options['retain-events'] }),
    },
  });
  process.stdout.write(`hub listening on ${hub.url}\n`);
  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    process.stderr.write(`hub: ${signal}, shutting down\n`);
    hub.close().then(
      () => process.exit(0),
      (e: unknown) => {
        process.stderr.write(`hub: shutdown failed: ${e instanceof Error ? e.message : String(e)}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
} catch (e) {
  const message = e instanceof Error ? e.message : String(e);
  process.stderr.write(`hub: cannot start: ${message.split('\n')[0]}\n`);
  process.exit(1);
}
