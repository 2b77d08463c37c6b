import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../src/main/core.ts';
import { createHub, type Hub } from '../../src/hub/server.ts';
import type { EventDraft } from '../../src/shared/protocol/envelope.ts';
import type { FeedBatch } from '../../src/shared/ipc/contract.ts';
import { waitFor } from '../unit/main/support/waitFor.ts';

// Operator writes through the real core and a real hub: outbox first, sent when connected, settled only
// on the hub's answer, rejections kept with their reason.
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'wf-outbox-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

async function startHub(dbPath: string, port = 0): Promise<Hub> {
  const hub = await createHub({ dbPath, port, city: null, rate: 0, logLine: () => {} });
  cleanups.push(() => hub.close());
  return hub;
}

async function startCore(dataDir: string, hubUrl: string): Promise<Core> {
  const core = await createCore({ dataDir, hubUrl, mode: 'web', tickMs: 50, offlineAfterMs: 1000, actor: { operator: 'Trần Thị Bình', station: 'IOC-2' }, log: () => {} });
  cleanups.push(() => core.close());
  return core;
}

const raised = (id: string): EventDraft => ({
  type: 'alarm.raised',
  id,
  data: { kind: 'intrusion', cameraId: 'camera:c-1', position: [106.76, 21.85], severity: 'high', confidence: 0.9 },
});

describe('operator writes through the outbox', () => {
  it('acknowledges an alarm on the hub, and keeps a rejection with its reason', async () => {
    const dir = tempDir();
    const hub = await startHub(join(dir, 'hub.db'));
    hub.append([raised('alarm:a1')]);
    hub.flush();
    const core = await startCore(join(dir, 'client'), hub.url);
    const batches: FeedBatch[] = [];
    core.onEvent((name, payload) => {
      if (name === 'feed.batch') batches.push(payload as FeedBatch);
    });
    await waitFor('live', () => core.feed.health().overall === 'live');

    const ok = await core.invoke('alarm.acknowledge', { alarmId: 'alarm:a1', note: 'Đã cử lực lượng' });
    expect(ok.ok).toBe(true);
    await waitFor('acknowledged event back from the hub', () =>
      batches.some((b) => b.upserts.some((e) => e.id === 'alarm:a1' && e.type === 'alarm.acknowledged')),
    );
    const ack = core.store.cache.latestAll().find((e) => e.type === 'alarm.acknowledged');
    expect(ack?.data).toMatchObject({ by: { operator: 'Trần Thị Bình', station: 'IOC-2' }, note: 'Đã cử lực lượng' });
    await waitFor('outbox empty', () => core.store.outbox.pendingCount() === 0);

    await core.invoke('alarm.acknowledge', { alarmId: 'alarm:nope' });
    await waitFor('rejection kept', () => core.store.outbox.rejected().length === 1);
    expect(core.store.outbox.rejected()[0]?.error).toMatchObject({ code: 'not_found' });
    const status = await core.invoke('outbox.status', undefined);
    expect(status).toMatchObject({ ok: true, output: { pending: 0, rejected: [{ type: 'alarm.acknowledge', code: 'not_found' }] } });
  });

  it('keeps writes made while the hub is down and delivers them exactly once when it returns', async () => {
    const dir = tempDir();
    let hub = await startHub(join(dir, 'hub.db'));
    const port = hub.port;
    hub.append([raised('alarm:b1'), raised('alarm:b2')]);
    hub.flush();
    const core = await startCore(join(dir, 'client'), hub.url);
    await waitFor('live', () => core.feed.health().overall === 'live');
    await hub.close();
    await waitFor('offline', () => core.feed.health().overall === 'offline', 10_000);

    const a = await core.invoke('alarm.acknowledge', { alarmId: 'alarm:b1' });
    const b = await core.invoke('alarm.acknowledge', { alarmId: 'alarm:b2' });
    expect(a.ok && b.ok).toBe(true);
    expect(await core.invoke('outbox.status', undefined)).toMatchObject({ ok: true, output: { pending: 2 } });

    hub = await startHub(join(dir, 'hub.db'), port);
    await waitFor('delivered', () => core.store.outbox.pendingCount() === 0, 15_000);
    const acks = hub.log.readRange('security', 0, 100).filter((e) => e.type === 'alarm.acknowledged');
    expect(acks.map((e) => e.id).sort()).toEqual(['alarm:b1', 'alarm:b2']);
    expect(core.store.outbox.rejected()).toEqual([]);
  });
});
