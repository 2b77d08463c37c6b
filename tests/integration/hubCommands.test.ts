import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { Hub } from '../../src/hub/server.ts';
import { commandAckSchema, FEED_EVENTS } from '../../src/shared/protocol/messages.ts';
import { alarmDraft, incidentDraft, reportDraft } from '../unit/hub/fixtures.ts';
import { FeedClient, startHub, tempDir } from '../unit/hub/harness.ts';

const actor = { operator: 'nguyen.lan', station: 'ioc-ws-03' };
let hub: Hub;
let client: FeedClient;
let cleanup: () => void;

async function setup(dir?: string): Promise<void> {
  const tmp = dir === undefined ? tempDir() : { dir, cleanup: () => undefined };
  cleanup = tmp.cleanup;
  hub = await startHub({ dir: tmp.dir });
  client = await FeedClient.connect(hub.url);
}

afterEach(async () => {
  client.close();
  await hub.close();
  cleanup();
});

async function command(type: string, payload: unknown, commandId: string = randomUUID()) {
  return commandAckSchema.parse(await client.request(FEED_EVENTS.command, { commandId, type, payload, actor }));
}

describe('hub commands', () => {
  it('applies a repeated commandId once and answers it with the first answer, also after a restart', async () => {
    const tmp = tempDir();
    await setup(tmp.dir);
    hub.append([alarmDraft(1, 'alarm:a')]);
    await client.subscribe({ streams: ['security'], since: { security: 1 }, epoch: hub.epoch });
    const id = randomUUID();
    const first = await command('alarm.acknowledge', { alarmId: 'alarm:a', note: 'đã xác minh' }, id);
    const again = await command('alarm.acknowledge', { alarmId: 'alarm:a', note: 'đã xác minh' }, id);
    expect(first).toEqual({ ok: true, result: { stream: 'security', seq: 2, type: 'alarm.acknowledged', id: 'alarm:a' } });
    expect(again).toEqual(first);
    await client.waitFor(() => client.lastSeq('security') === 2, 'the acknowledgement event');
    const ack = client.events.get('security')?.[0];
    expect(ack).toMatchObject({ type: 'alarm.acknowledged', source: 'operator', data: { by: actor, note: 'đã xác minh' } });
    expect(hub.log.range('security').lastSeq).toBe(2);

    client.close();
    await hub.close();
    hub = await startHub({ dir: tmp.dir });
    client = await FeedClient.connect(hub.url);
    expect(await command('alarm.acknowledge', { alarmId: 'alarm:a', note: 'đã xác minh' }, id)).toEqual(first);
    expect(hub.log.range('security').lastSeq).toBe(2);
    cleanup = tmp.cleanup;
  });

  it('rejects acknowledging an unknown alarm, and a second acknowledgement, with stable answers', async () => {
    await setup();
    hub.append([alarmDraft(1, 'alarm:b')]);
    const missing = randomUUID();
    expect(await command('alarm.acknowledge', { alarmId: 'alarm:none' }, missing)).toMatchObject({ ok: false, error: { code: 'not_found' } });
    // The alarm appearing later does not change the answer already given to that commandId.
    hub.append([alarmDraft(2, 'alarm:none')]);
    expect(await command('alarm.acknowledge', { alarmId: 'alarm:none' }, missing)).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await command('alarm.acknowledge', { alarmId: 'alarm:b' })).toMatchObject({ ok: true });
    expect(await command('alarm.acknowledge', { alarmId: 'alarm:b' })).toMatchObject({ ok: false, error: { code: 'conflict' } });
  });

  it('report.update emits report.updated with the new status and keeps the rest', async () => {
    await setup();
    hub.append([reportDraft(1, 'report:r1')]);
    const answer = await command('report.update', { reportId: 'report:r1', status: 'in_progress' });
    expect(answer).toMatchObject({ ok: true, result: { stream: 'reports', seq: 2, type: 'report.updated' } });
    const latest = hub.sink.latest('reports', 'report:r1');
    expect(latest).toMatchObject({ type: 'report.updated', data: { status: 'in_progress', title: 'Ổ gà trên đường 1' } });
    expect(await command('report.update', { reportId: 'report:nope', status: 'closed' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('note.add appends a note to the incident and emits incident.updated', async () => {
    await setup();
    hub.append([incidentDraft(1, 'incident:i1')]);
    await command('note.add', { incidentId: 'incident:i1', text: 'Đã điều xe cứu thương' });
    const answer = await command('note.add', { incidentId: 'incident:i1', text: 'Hiện trường đã an toàn' });
    expect(answer).toMatchObject({ ok: true, result: { stream: 'incidents', seq: 3 } });
    const latest = hub.sink.latest('incidents', 'incident:i1');
    expect(latest?.type === 'incident.updated' && latest.data.notes?.map((n) => n.text)).toEqual(['Đã điều xe cứu thương', 'Hiện trường đã an toàn']);
    expect(latest?.type === 'incident.updated' && latest.data.notes?.[0]?.by).toEqual(actor);
  });

  it('rejects invalid commands with invalid and makes no event', async () => {
    await setup();
    hub.append([incidentDraft(1, 'incident:i1')]);
    const before = hub.log.range('incidents').lastSeq;
    expect(await command('note.add', { incidentId: 'incident:i1' })).toMatchObject({ ok: false, error: { code: 'invalid' } });
    expect(await command('incident.explode', {})).toMatchObject({ ok: false, error: { code: 'invalid' } });
    const badId = await client.request(FEED_EVENTS.command, { commandId: 'not-a-uuid', type: 'note.add', payload: { incidentId: 'incident:i1', text: 'x' }, actor });
    expect(badId).toMatchObject({ ok: false, error: { code: 'invalid', message: expect.stringContaining('commandId') } });
    expect(hub.log.range('incidents').lastSeq).toBe(before);
  });
});
