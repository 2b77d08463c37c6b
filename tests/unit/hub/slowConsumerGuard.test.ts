import { describe, expect, it } from 'vitest';
import { SlowConsumerGuard, type GuardedSocket } from '../../../src/hub/slowConsumerGuard.ts';

function fakeSocket(id: string): GuardedSocket & { writable: boolean; disconnected: boolean; destroyed: boolean } {
  const socket = {
    id,
    writable: true,
    disconnected: false,
    destroyed: false,
    conn: { transport: { writable: true } },
    request: {
      socket: {
        destroy() {
          socket.destroyed = true;
        },
      },
    },
    disconnect() {
      socket.disconnected = true;
    },
  };
  Object.defineProperty(socket.conn.transport, 'writable', { get: () => socket.writable });
  return socket;
}

describe('SlowConsumerGuard', () => {
  it('drops a socket that could take no data for the limit, and only that one', () => {
    const guard = new SlowConsumerGuard(10_000);
    const stuck = fakeSocket('stuck');
    const busy = fakeSocket('busy');
    const sockets = [stuck, busy];
    guard.check(sockets, 0);
    stuck.writable = false;
    busy.writable = false;
    expect(guard.check(sockets, 5_000)).toEqual([]);
    // The busy one drained in between: its clock restarts.
    busy.writable = true;
    guard.check(sockets, 6_000);
    busy.writable = false;
    expect(guard.check(sockets, 10_000)).toEqual(['stuck']);
    expect(stuck.disconnected && stuck.destroyed).toBe(true);
    expect(busy.disconnected).toBe(false);
    expect(guard.check(sockets, 15_999)).toEqual([]);
    expect(guard.check(sockets, 16_000)).toEqual(['busy']);
    expect(guard.dropped).toBe(2);
  });

  it('keeps a socket that makes progress between samples', () => {
    const guard = new SlowConsumerGuard(1_000);
    const busy = fakeSocket('busy');
    guard.check([busy], 0);
    busy.writable = false;
    for (let t = 500; t <= 5_000; t += 500) {
      guard.progress(busy, t - 100);
      expect(guard.check([busy], t)).toEqual([]);
    }
    expect(busy.disconnected).toBe(false);
  });

  it('never drops a socket it sees for the first time', () => {
    const guard = new SlowConsumerGuard(1);
    const fresh = fakeSocket('fresh');
    fresh.writable = false;
    expect(guard.check([fresh], 1_000_000)).toEqual([]);
  });
});
