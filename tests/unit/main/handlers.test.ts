import { describe, expect, it } from 'vitest';
import { dispatch, type Handlers } from '../../../src/main/ipc/handlers.ts';
import { COMMAND_NAMES, EVENT_NAMES } from '../../../src/shared/ipc/contract.ts';
import { COMMAND_CHANNELS, EVENT_CHANNELS } from '../../../src/shared/ipc/names.ts';

const health = { overall: 'offline' as const, hubUrl: null, streams: {}, rejected: { total: 0, byReason: {} } };
const calls: unknown[] = [];
const handlers: Handlers = {
  'app.info': () => ({ version: '1', mode: 'web', hubUrl: null, demo: true, dataDir: '/tmp' }),
  'wall.bootstrap': () => ({ catalog: [], entities: [], health }),
  'feed.health': () => {
    throw new Error('store closed');
  },
  'alarm.acknowledge': (input) => {
    calls.push(input);
    return { commandId: 'c-1' };
  },
  'outbox.status': () => ({ pending: 0, pendingItems: [], rejected: [] }),
};

describe('the IPC handler map', () => {
  it('answers a valid invoke', async () => {
    expect(await dispatch(handlers, 'alarm.acknowledge', { alarmId: 'alarm:7', note: 'đã xử lý' })).toEqual({ ok: true, output: { commandId: 'c-1' } });
    expect(calls).toEqual([{ alarmId: 'alarm:7', note: 'đã xử lý' }]);
  });

  it('refuses unknown names, including prototype keys', async () => {
    for (const name of ['nope', '__proto__', 'constructor', 42, null]) {
      const r = await dispatch(handlers, name, undefined);
      expect(r).toMatchObject({ ok: false, error: { code: 'unknown_command' } });
    }
  });

  it('parses every input with the contract schema before the handler sees it', async () => {
    calls.length = 0;
    for (const input of [undefined, {}, { alarmId: '' }, { alarmId: '<script>' }, { alarmId: 'a'.repeat(500) }, { alarmId: 1 }]) {
      expect(await dispatch(handlers, 'alarm.acknowledge', input)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    }
    expect(await dispatch(handlers, 'app.info', { extra: true })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(calls).toEqual([]);
  });

  it('turns a handler failure into a coded error instead of throwing', async () => {
    expect(await dispatch(handlers, 'feed.health', undefined)).toEqual({ ok: false, error: { code: 'failed', message: 'feed.health: store closed' } });
  });

  it("keeps the preload's name lists equal to the contract", () => {
    expect([...COMMAND_CHANNELS].sort()).toEqual([...COMMAND_NAMES].sort());
    expect([...EVENT_CHANNELS].sort()).toEqual([...EVENT_NAMES].sort());
  });
});
