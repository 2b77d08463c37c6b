import { describe, expect, it } from 'vitest';
import { OutboxSender, type CommandChannel } from '../../../src/main/services/outboxSender.ts';
import { CommandQueue } from '../../../src/main/services/commandQueue.ts';
import { openStore, type Store } from '../../../src/main/store/store.ts';
import type { CommandRequest } from '../../../src/shared/protocol/messages.ts';
import { useTempDirs } from './support/tempDir.ts';
import { waitFor } from './support/waitFor.ts';

const tempDir = useTempDirs();
const actor = { operator: 'Nguyễn Văn An', station: 'IOC-1' };

function channel(answer: (r: CommandRequest) => Promise<unknown>): CommandChannel & { sent: CommandRequest[]; rejected: string[] } {
  const sent: CommandRequest[] = [];
  const rejected: string[] = [];
  return {
    connected: true,
    sent,
    rejected,
    sendCommand: (r) => {
      sent.push(r);
      return answer(r);
    },
    reject: (reason) => void rejected.push(reason),
  };
}

function setup(dir: string, ch: CommandChannel): { store: Store; queue: CommandQueue; sender: OutboxSender } {
  const store = openStore(dir, () => {});
  const sender = new OutboxSender({ outbox: store.outbox, channel: ch, retryMs: 60_000 });
  const queue = new CommandQueue({ outbox: store.outbox, actor, onQueued: () => sender.kick() });
  return { store, queue, sender };
}

describe('outbox', () => {
  it('keeps writes across a restart and sends them in order with their actor and UUID', async () => {
    const dir = tempDir();
    const offline = { ...channel(() => Promise.resolve({ ok: true, result: null })), connected: false };
    const first = setup(dir, offline);
    const ids = [first.queue.queue('alarm.acknowledge', { alarmId: 'alarm:1' }), first.queue.queue('alarm.acknowledge', { alarmId: 'alarm:2' })];
    expect(offline.sent).toHaveLength(0);
    first.sender.close();
    first.store.close();

    const online = channel(() => Promise.resolve({ ok: true, result: { applied: true } }));
    const second = setup(dir, online);
    expect(second.store.outbox.pendingCount()).toBe(2);
    second.sender.kick();
    await waitFor('outbox drained', () => second.store.outbox.pendingCount() === 0);
    expect(online.sent.map((r) => r.commandId)).toEqual(ids.map((i) => i.commandId));
    expect(online.sent[0]).toMatchObject({ type: 'alarm.acknowledge', payload: { alarmId: 'alarm:1' }, actor });
    second.sender.close();
    second.store.close();
  });

  it('settles a definitive rejection with its reason, keeps transient failures for a retry', async () => {
    const dir = tempDir();
    let mode: 'reject' | 'internal' | 'timeout' = 'internal';
    const ch = channel(() => {
      if (mode === 'timeout') return Promise.reject(new Error('operation has timed out'));
      if (mode === 'internal') return Promise.resolve({ ok: false, error: { code: 'internal', message: 'busy' } });
      return Promise.resolve({ ok: false, error: { code: 'not_found', message: 'no such alarm' } });
    });
    const { store, queue, sender } = setup(dir, ch);
    queue.queue('alarm.acknowledge', { alarmId: 'alarm:9' });
    await waitFor('first try', () => ch.sent.length === 1);
    await waitFor('attempt recorded', () => store.outbox.pending()[0]?.attempts === 1);
    expect(store.outbox.pending()[0]?.lastError).toBe('internal: busy');
    mode = 'timeout';
    sender.kick();
    await waitFor('attempt recorded', () => store.outbox.pending()[0]?.attempts === 2);
    mode = 'reject';
    sender.kick();
    await waitFor('settled', () => store.outbox.pendingCount() === 0);
    expect(store.outbox.rejected()).toMatchObject([{ type: 'alarm.acknowledge', ok: false, error: { code: 'not_found', message: 'no such alarm' } }]);
    sender.close();
    store.close();
  });

  it('counts an unparseable answer and keeps the write', async () => {
    const ch = channel(() => Promise.resolve({ nonsense: true }));
    const { store, queue, sender } = setup(tempDir(), ch);
    queue.queue('alarm.acknowledge', { alarmId: 'alarm:3' });
    await waitFor('attempt', () => store.outbox.pending()[0]?.attempts === 1);
    expect(ch.rejected).toEqual(['invalid command ack']);
    sender.close();
    store.close();
  });

  it('refuses a payload the hub would refuse, before it reaches the outbox', () => {
    const { store, queue, sender } = setup(tempDir(), channel(() => Promise.resolve({ ok: true, result: null })));
    expect(() => queue.queue('alarm.acknowledge', { alarmId: '' })).toThrow(/invalid/);
    expect(store.outbox.pendingCount()).toBe(0);
    sender.close();
    store.close();
  });
});
