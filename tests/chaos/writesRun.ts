import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { createCore } from '../../src/main/core.ts';
import { createHub, type Hub } from '../../src/hub/server.ts';
import type { EventDraft } from '../../src/shared/protocol/envelope.ts';
import { WritesChild } from './writesChild.ts';

export interface WritesResult {
  seed: number;
  writes: number;
  /** Writes aimed at alarms the hub never raised: must come back rejected (`not_found`) and be kept. */
  rejects: number;
  clientKills: number;
  /** How many acknowledgements had reached the hub when the draining client was killed. */
  ackedAtDrainKill: number;
  hubAcknowledgedEvents: number;
  /** Alarms acknowledged more than once on the hub (must be 0). */
  duplicates: number;
  /** Written by the operator but never on the hub (must be 0). */
  missing: number;
  /** Printed commandIds the hub holds an answer for. */
  hubAnswers: number;
  /** Answered commands put back in the outbox as if the answer had been lost in a crash. */
  lostAnswers: number;
  /** Commands the client holds as accepted by the hub (must equal `writes`). */
  okResults: number;
  rejectedKept: number;
  pendingAtEnd: number;
  ms: number;
}

async function until(what: string, probe: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!probe()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const raised = (id: string): EventDraft => ({
  type: 'alarm.raised',
  id,
  data: {
    kind: 'intrusion',
    cameraId: 'camera:c-1',
    position: [106.76, 21.85],
    severity: 'high',
    confidence: 0.9,
  },
});

/** Moves `n` accepted answers back into the outbox, exactly as they were before they were sent. */
function loseAnswers(path: string, n: number): number {
  const db = new Database(path);
  try {
    return db.transaction(() => {
      const ids = db
        .prepare<[number], string>(
          'SELECT command_id FROM command_results WHERE ok = 1 ORDER BY answered_at LIMIT ?',
        )
        .pluck()
        .all(n);
      for (const id of ids) {
        db.prepare(
          'INSERT INTO outbox (command_id, type, payload, actor, created_at) SELECT command_id, type, payload, actor, created_at FROM command_results WHERE command_id = ?',
        ).run(id);
        db.prepare('DELETE FROM command_results WHERE command_id = ?').run(id);
      }
      return ids.length;
    })();
  } finally {
    db.close();
  }
}

function okResults(path: string): number {
  const db = new Database(path, { readonly: true });
  try {
    return db.prepare<[], number>('SELECT count(*) FROM command_results WHERE ok = 1').pluck().get() ?? 0;
  } finally {
    db.close();
  }
}

/**
 * "Writes made while the hub is down, the client killed and restarted twice before the hub returns":
 * two client processes each make half the writes with no hub and are SIGKILLed; a third starts, the hub
 * comes back on the same port, and the third is SIGKILLed again in the middle of draining (so some
 * commands are resent after a lost answer); a last client drains the rest. Then every write must be on
 * the hub exactly once, and every rejected one kept on the client with its reason.
 */
export async function runWrites(o: {
  seed: number;
  writes: number;
  rejects: number;
  timeoutMs?: number;
}): Promise<WritesResult> {
  const started = Date.now();
  const timeoutMs = o.timeoutMs ?? 60_000;
  const dir = mkdtempSync(join(tmpdir(), 'wf-writes-'));
  const hubDb = join(dir, 'hub.db');
  const dataDir = join(dir, 'client');
  const cleanups: (() => Promise<void> | void)[] = [() => rmSync(dir, { recursive: true, force: true })];
  const hubOptions = { dbPath: hubDb, city: null, rate: 0, logLine: () => {} } as const;
  try {
    let hub: Hub = await createHub({ ...hubOptions, port: 0 });
    const port = hub.port;
    const alarmIds = Array.from({ length: o.writes }, (_, i) => `alarm:w-${i}`);
    hub.append(alarmIds.map(raised));
    hub.flush();
    await hub.close();
    const hubUrl = `http://127.0.0.1:${port}`;

    // Seeded order, with the doomed writes mixed in.
    const all = [...alarmIds, ...Array.from({ length: o.rejects }, (_, i) => `alarm:missing-${i}`)];
    const order =
      fc.sample(fc.shuffledSubarray(all, { minLength: all.length, maxLength: all.length }), {
        seed: o.seed,
        numRuns: 1,
      })[0] ?? all;
    const half = Math.ceil(order.length / 2);
    const queued: [string, string][] = [];
    let kills = 0;

    for (const part of [order.slice(0, half), order.slice(half)]) {
      const child = new WritesChild({ dataDir, hubUrl, ack: part });
      cleanups.push(() => child.kill());
      await child.waitFor('writes made', () => child.lines.includes('done'), timeoutMs);
      queued.push(...child.queued());
      await child.kill();
      kills += 1;
    }
    if (queued.length !== order.length)
      throw new Error(`only ${queued.length} of ${order.length} writes were queued`);

    // Third start: everything still pending; the hub returns; killed mid-drain at a seeded point.
    const third = new WritesChild({ dataDir, hubUrl, ack: [] });
    cleanups.push(() => third.kill());
    await third.waitFor('third client up', () => third.lines.some((l) => l.startsWith('ready')), timeoutMs);
    const pendingAtStart = Number(third.lines.find((l) => l.startsWith('ready'))?.split('=')[1]);
    if (pendingAtStart !== order.length)
      throw new Error(`outbox held ${pendingAtStart} after two kills, expected ${order.length}`);
    hub = await createHub({ ...hubOptions, port });
    cleanups.push(() => hub.close());
    const acked = () =>
      hub.log.readRange('security', 0, 1_000_000).filter((e) => e.type === 'alarm.acknowledged').length;
    const killAt =
      fc.sample(fc.integer({ min: 1, max: Math.max(1, Math.floor(o.writes / 2)) }), {
        seed: o.seed + 7,
        numRuns: 1,
      })[0] ?? 1;
    await third.waitFor(
      `${killAt} acks on the hub`,
      () => acked() >= killAt || third.lines.includes('pending 0'),
      timeoutMs,
    );
    const ackedAtDrainKill = acked();
    await third.kill();
    kills += 1;

    // A crash between the hub applying a command and the client settling it leaves the command in the
    // outbox although the hub has it. Make that state for a few answered commands (deterministically:
    // the random kill above may or may not hit that window) so the resend must be deduplicated.
    const lostAnswers = loseAnswers(join(dataDir, 'records.db'), Math.min(5, ackedAtDrainKill));

    // Last start, in this process: drains the rest.
    const core = await createCore({
      dataDir,
      hubUrl,
      mode: 'web',
      tickMs: 50,
      offlineAfterMs: 1000,
      log: () => {},
    });
    cleanups.push(() => core.close());
    await until('outbox drained', () => core.store.outbox.pendingCount() === 0, timeoutMs);
    const status = await core.invoke('outbox.status', undefined);
    if (!status.ok) throw new Error('outbox.status failed');

    const events = hub.log.readRange('security', 0, 1_000_000).filter((e) => e.type === 'alarm.acknowledged');
    const perAlarm = new Map<string, number>();
    for (const e of events) perAlarm.set(e.id, (perAlarm.get(e.id) ?? 0) + 1);
    return {
      seed: o.seed,
      writes: o.writes,
      rejects: o.rejects,
      clientKills: kills,
      ackedAtDrainKill,
      hubAcknowledgedEvents: events.length,
      duplicates: [...perAlarm.values()].filter((n) => n > 1).length,
      missing: alarmIds.filter((id) => !perAlarm.has(id)).length,
      hubAnswers: queued.filter(([, commandId]) => hub.log.commandAnswer(commandId) !== undefined).length,
      lostAnswers,
      okResults: okResults(join(dataDir, 'records.db')),
      rejectedKept: core.store.outbox.rejected().filter((r) => r.error?.code === 'not_found').length,
      pendingAtEnd: core.store.outbox.pendingCount(),
      ms: Date.now() - started,
    };
  } finally {
    for (const c of cleanups.reverse()) await c();
  }
}
