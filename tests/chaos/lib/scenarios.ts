// The read-side fault scenarios, one function each, with the number of faults as a parameter: the quick
// tier (tests/integration/faultReads.test.ts) and `npm run chaos` (tests/chaos/reads.chaos.ts,
// tests/chaos/crash.chaos.ts) run the same bodies.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCore, type Core } from '../../../src/main/core.ts';
import { startFaultProxy } from '../../support/faultProxy.ts';
import {
  checkCrashedCache,
  clientPositions,
  hubEpoch,
  hubRateNote,
  hubHeads,
  hubLog,
  readClientCache,
  type ClientCache,
} from './databases.ts';
import { startHubChild, startWebChild, type HubChild } from './processes.ts';
import { between, seededRandom } from './random.ts';
import { compareSeqs } from './seqCheck.ts';
import type { ScenarioResult } from './types.ts';

export interface ScenarioOptions {
  count: number;
  seed: number;
  log?: (line: string) => void;
  /** Events/s of the hub's demo city. */
  rate?: number;
}

/** Nothing of the client's history may be pruned while we compare it with the hub's. */
const NO_RETENTION_MS = 365 * 24 * 3_600_000;
const SNAPSHOT_LINE = /feed: (\w+) snapshot complete at seq (\d+)/;

async function poll(what: string, probe: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!probe()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Records each stream's first snapshot seq (where its history starts) and counts later snapshots. */
class SnapshotWatch {
  readonly first = new Map<string, number>();
  readonly later: string[] = [];
  /** Every seq a snapshot ended at, per stream (a snapshot stores state, not the event at its seq). */
  readonly all = new Map<string, Set<number>>();
  /**
   * After a client crash: a stream with no committed history (no position, or seq 0) starts over, so its
   * next snapshot is where its history begins — a snapshot logged but killed before its commit is not.
   */
  forgetUncommitted(held: ReadonlyMap<string, number>): void {
    for (const stream of [...this.first.keys()]) if ((held.get(stream) ?? 0) === 0) this.first.delete(stream);
  }

  line(text: string): void {
    const m = text.match(SNAPSHOT_LINE);
    if (!m?.[1]) return;
    const seqs = this.all.get(m[1]) ?? new Set<number>();
    seqs.add(Number(m[2]));
    this.all.set(m[1], seqs);
    // A stream that held nothing yet is answered with a snapshot on every subscribe (no `since` to send):
    // harmless. One that held history and was snapshotted again shows up in the comparison as missing seqs.
    if (this.first.has(m[1])) {
      if (Number(m[2]) > 0) this.later.push(`${m[1]} snapshot again at ${m[2]}`);
    } else this.first.set(m[1], Number(m[2]));
  }
}

/**
 * Per stream, the hub's logged seqs after the client's first snapshot against what the client holds:
 * every missing or unexpected seq is a gap, every repeat a duplicate; a stream flagged `gap` counts too.
 */
export function compareWithHub(
  hubDb: string,
  client: ClientCache,
  snapshots: SnapshotWatch,
  result: ScenarioResult,
): void {
  const hub = hubLog(hubDb);
  for (const [stream, seqs] of hub.seqs) {
    const from = (snapshots.first.get(stream) ?? 0) + 1;
    const expected = seqs.filter((s) => s >= from);
    const held = client.seqs.get(stream) ?? [];
    const r = compareSeqs(expected, held);
    result.eventsChecked += r.checked;
    result.gaps += r.counts.missing + r.counts.unexpected;
    result.duplicates += r.counts.duplicates;
    if (r.counts.missing + r.counts.unexpected + r.counts.duplicates > 0) {
      result.notes.push(
        `${stream}: missing ${r.counts.missing} [${r.missing.slice(0, 5).join(',')}], unexpected ${r.counts.unexpected}, dup ${r.counts.duplicates}`,
      );
    }
  }
  for (const [stream, p] of client.positions) {
    if (p.gap) {
      result.gaps += 1;
      result.notes.push(`${stream} is marked as having a history gap`);
    }
  }
  if (snapshots.later.length > 0) result.notes.push(...snapshots.later.slice(0, 5));
  if (client.integrity !== 'ok') {
    result.integrityFailures += 1;
    result.notes.push(`integrity: ${client.integrity}`);
  }
}

function emptyResult(scenario: string, seed: number): ScenarioResult {
  return {
    scenario,
    runs: 0,
    eventsChecked: 0,
    gaps: 0,
    duplicates: 0,
    integrityFailures: 0,
    ms: 0,
    notes: [`seed ${seed}`],
  };
}

function persistedTotal(core: Core): number {
  let n = 0;
  for (const p of core.store.cache.positions().values()) n += p.lastSeq;
  return n;
}

/** Stops the demo city (a SIGKILL, then the same db on the same port at rate 0) so the log is final. */
async function freezeHub(hub: HubChild, db: string): Promise<HubChild> {
  await hub.kill('SIGKILL');
  return startHubChild({ db, port: hub.port, rate: 0 });
}

async function caughtUp(core: Core, db: string, timeoutMs: number): Promise<void> {
  const heads = hubHeads(db);
  await poll(
    'the client to reach the hub head on every stream',
    () => {
      const positions = core.store.cache.positions();
      for (const [stream, seq] of heads)
        if ((positions.get(stream as never)?.lastSeq ?? 0) < seq) return false;
      return true;
    },
    timeoutMs,
  );
}

/** The in-process core against a hub that is disturbed `count` times by `fault`. */
async function followThroughFaults(
  name: string,
  o: ScenarioOptions,
  setup: (hub: HubChild) => Promise<{
    url: string;
    fault: (hub: HubChild, db: string) => Promise<HubChild>;
    close(): Promise<void>;
    summary?: () => string;
  }>,
): Promise<ScenarioResult> {
  const started = Date.now();
  const result = emptyResult(name, o.seed);
  const random = seededRandom(o.seed);
  const dir = tempDir('wf-chaos-');
  const db = join(dir, 'hub.db');
  const rate = o.rate ?? 2000;
  let hub = await startHubChild({ db, port: 0, rate });
  const path = await setup(hub);
  const snapshots = new SnapshotWatch();
  const core = await createCore({
    dataDir: join(dir, 'client'),
    hubUrl: path.url,
    mode: 'web',
    tickMs: 100,
    retentionMs: NO_RETENTION_MS,
    log: (line) => snapshots.line(line),
  });
  try {
    for (let i = 0; i < o.count; i++) {
      // The client must be live again and committing new events between two faults, or faults would pile
      // on one outage (a flush of what was buffered before the last fault is not progress).
      await poll(`live before fault ${i + 1}`, () => core.feed.health().overall === 'live', 30_000);
      const before = persistedTotal(core);
      await poll(`progress before fault ${i + 1}`, () => persistedTotal(core) > before + 50, 30_000);
      await delay(between(random, 100, 900));
      hub = await path.fault(hub, db);
      result.runs += 1;
    }
    const before = persistedTotal(core);
    await poll('progress after the last fault', () => persistedTotal(core) > before + 50, 30_000);
    const t0 = Date.now();
    hub = await freezeHub(hub, db);
    await caughtUp(core, db, 60_000);
    result.notes.push(
      `${hubRateNote(db)}; reconnects ${core.feed.health().streams.traffic?.reconnects ?? 0}; caught up in ${Date.now() - t0} ms`,
    );
  } finally {
    await core.close();
    if (path.summary) result.notes.push(path.summary());
    await path.close();
    await hub.kill('SIGKILL');
  }
  const hubE = hubEpoch(db);
  compareWithHub(db, readClientCache(join(dir, 'client', 'cache.db'), hubE), snapshots, result);
  rmSync(dir, { recursive: true, force: true });
  result.ms = Date.now() - started;
  return result;
}

/** The hub process SIGKILLed and restarted on the same port and database `count` times. */
export function hubRestarts(o: ScenarioOptions): Promise<ScenarioResult> {
  const rate = o.rate ?? 2000;
  return followThroughFaults('hub SIGKILL + restart', o, (first) =>
    Promise.resolve({
      url: first.url,
      fault: async (hub, db) => {
        await hub.kill('SIGKILL');
        return startHubChild({ db, port: hub.port, rate });
      },
      close: () => Promise.resolve(),
    }),
  );
}

/** The TCP connection between client and hub cut `count` times by the fault proxy. */
export function proxyCuts(o: ScenarioOptions): Promise<ScenarioResult> {
  return followThroughFaults('connection cut (proxy)', o, async (first) => {
    const proxy = await startFaultProxy({ host: '127.0.0.1', port: first.port });
    let cut = 0;
    return {
      summary: () => `${cut} connections cut`,
      url: proxy.url,
      fault: async (hub) => {
        // Cut a real connection: between reconnects there may be none open for a moment.
        await poll('an open connection to cut', () => proxy.openConnections > 0, 30_000);
        cut += proxy.cutAll();
        return hub;
      },
      close: () => proxy.close(),
    };
  });
}

/**
 * Kills per round: each round has its own hub log and client data dir, so the full count (100) does not
 * spend its time in the full `integrity_check` of an ever-growing cache (it runs at every start after an
 * unclean exit, as it must).
 */
const KILLS_PER_ROUND = 25;
const PERSISTED_LINE = /^persisted (\w+) (\d+)$/;

/**
 * The client (browser mode, a child process) SIGKILLed at a random moment `count` times while the hub
 * streams; after each kill its cache.db passes `integrity_check` and holds everything it reported as
 * persisted. Half the kills fall anywhere after start (migrations, integrity check, subscribe), half
 * while it commits (after its first `persisted` line). At the end of each round one more start catches
 * up and the whole history is compared with the hub's.
 */
export async function clientKills(o: ScenarioOptions): Promise<ScenarioResult> {
  const started = Date.now();
  const result = emptyResult('client SIGKILL', o.seed);
  const random = seededRandom(o.seed);
  let done = 0;
  let round = 0;
  while (done < o.count) {
    const kills = Math.min(KILLS_PER_ROUND, o.count - done);
    round += 1;
    await killRound({ ...o, count: kills }, random, done, result);
    done += kills;
  }
  result.notes.push(`${round} round(s) of ≤ ${KILLS_PER_ROUND} kills`);
  result.ms = Date.now() - started;
  return result;
}

async function killRound(
  o: ScenarioOptions,
  random: () => number,
  offset: number,
  result: ScenarioResult,
): Promise<void> {
  const dir = tempDir('wf-chaos-');
  const db = join(dir, 'hub.db');
  const dataDir = join(dir, 'client');
  const cachePath = join(dataDir, 'cache.db');
  let hub = await startHubChild({ db, port: 0, rate: o.rate ?? 5000 });
  const epoch = hubEpoch(db);
  const snapshots = new SnapshotWatch();
  let reportedChecks = 0;
  let lost = 0;
  let duringCommits = 0;
  try {
    for (let i = 0; i < o.count; i++) {
      const run = offset + i + 1;
      const web = await startWebChild({ hubUrl: hub.url, dataDir });
      const reported = new Map<string, number>();
      let firstCommit: () => void = () => {};
      const committed = new Promise<void>((resolve) => (firstCommit = resolve));
      web.onLine((line, from) => {
        if (from === 'err') return snapshots.line(line);
        const m = line.match(PERSISTED_LINE);
        if (!m?.[1]) return;
        reported.set(m[1], Math.max(reported.get(m[1]) ?? 0, Number(m[2])));
        firstCommit();
      });
      if (random() < 0.5) await delay(between(random, 0, 1200));
      else {
        let timer: NodeJS.Timeout | undefined;
        const deadline = new Promise<boolean>(
          (resolve) => (timer = setTimeout(() => resolve(false), 20_000)),
        );
        const sawCommit = await Promise.race([committed.then(() => true), deadline]);
        clearTimeout(timer);
        if (sawCommit) duringCommits += 1;
        await delay(between(random, 0, 400));
      }
      await web.kill('SIGKILL');
      result.runs += 1;
      const check = checkCrashedCache(cachePath, epoch, reported, snapshots.all);
      snapshots.forgetUncommitted(check.positions);
      reportedChecks += reported.size;
      if (check.integrity !== 'ok') {
        result.integrityFailures += 1;
        result.notes.push(`run ${run}: integrity ${check.integrity}`);
      }
      if (check.lost.length > 0) {
        lost += check.lost.length;
        result.gaps += check.lost.length;
        result.notes.push(`run ${run}: ${check.lost.slice(0, 3).join('; ')}`);
      }
      o.log?.(`client kill ${run}: ${reported.size} streams reported, integrity ${check.integrity}`);
    }
    // The round's last start: stop the city, let the client catch up, close it cleanly, compare everything.
    hub = await freezeHub(hub, db);
    const web = await startWebChild({ hubUrl: hub.url, dataDir });
    web.onLine((line, from) => from === 'err' && snapshots.line(line));
    const heads = hubHeads(db);
    await poll(
      'the restarted client to reach the hub head',
      () => {
        const positions = clientPositions(cachePath);
        return [...heads].every(([s, seq]) => (positions.get(s) ?? 0) >= seq);
      },
      120_000,
    );
    await web.kill('SIGTERM');
    result.notes.push(
      `round from kill ${offset + 1}: ${hubRateNote(db)}; ${duringCommits} kills while committing; ${reportedChecks} reported positions checked, ${lost} lost`,
    );
  } finally {
    await hub.kill('SIGKILL');
  }
  compareWithHub(db, readClientCache(cachePath, epoch), snapshots, result);
  rmSync(dir, { recursive: true, force: true });
}
