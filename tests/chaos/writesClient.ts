import { createCore } from '../../src/main/core.ts';

/**
 * A client process for the writes fault test: opens the real core on a data dir, makes the operator
 * writes it is told to (`--ack alarm:a,alarm:b`) and prints one line per write once `invoke` returned
 * (`queued <alarmId> <commandId>`), then `done`, then keeps running (sending when the hub is up) until
 * the test SIGKILLs it. Every line is printed only after the write is in records.db.
 */
function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const dataDir = arg('data-dir');
const hubUrl = arg('hub');
if (!dataDir || !hubUrl) {
  process.stderr.write('usage: writesClient.ts --data-dir DIR --hub URL [--ack id,id,...]\n');
  process.exit(2);
}
const ids = (arg('ack') ?? '').split(',').filter((s) => s.length > 0);
const core = await createCore({
  dataDir,
  hubUrl,
  mode: 'web',
  tickMs: 50,
  offlineAfterMs: 1000,
  actor: { operator: 'Nguyễn Văn An', station: 'IOC-1' },
  log: (line) => process.stderr.write(`${line}\n`),
});
process.stdout.write(`ready pending=${core.store.outbox.pendingCount()}\n`);
for (const alarmId of ids) {
  const result = await core.invoke('alarm.acknowledge', { alarmId, note: 'xử lý ngay' });
  if (!result.ok) {
    process.stdout.write(`failed ${alarmId} ${result.error.code}\n`);
    continue;
  }
  const { commandId } = result.output as { commandId: string };
  process.stdout.write(`queued ${alarmId} ${commandId}\n`);
}
process.stdout.write('done\n');
// Stay up: the outbox sender drains once the hub is reachable.
setInterval(() => process.stdout.write(`pending ${core.store.outbox.pendingCount()}\n`), 200);
