import { createServer, connect, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { startFaultProxy, type FaultProxy } from '../../support/faultProxy.ts';

function once<T>(emitter: { once(event: string, cb: (v: T) => void): unknown }, event: string): Promise<T> {
  return new Promise((resolve) => emitter.once(event, resolve));
}

describe('fault proxy', () => {
  let echo: Server | undefined;
  let proxy: FaultProxy | undefined;
  afterEach(async () => {
    await proxy?.close();
    await new Promise<void>((r) => (echo ? echo.close(() => r()) : r()));
  });

  async function setup(): Promise<FaultProxy> {
    echo = createServer((s) => s.pipe(s));
    await new Promise<void>((r) => echo!.listen(0, '127.0.0.1', () => r()));
    const addr = echo.address();
    if (addr === null || typeof addr === 'string') throw new Error('no address');
    proxy = await startFaultProxy({ host: '127.0.0.1', port: addr.port });
    return proxy;
  }

  it('forwards bytes both ways, then cuts every connection on demand', async () => {
    const p = await setup();
    const client: Socket = connect(p.port, '127.0.0.1');
    client.write('ping');
    const reply = await once<Buffer>(client, 'data');
    expect(reply.toString()).toBe('ping');
    expect(p.openConnections).toBe(1);
    const closed = once<boolean>(client, 'close');
    expect(p.cutAll()).toBe(1);
    await closed;
    expect(p.openConnections).toBe(0);
  });

  it('refuses new connections while blocked and accepts them again after', async () => {
    const p = await setup();
    p.setBlocked(true);
    const refused = connect(p.port, '127.0.0.1');
    refused.on('error', () => undefined);
    await once(refused, 'close');
    expect(p.totalConnections).toBe(0);
    p.setBlocked(false);
    const ok = connect(p.port, '127.0.0.1');
    ok.write('again');
    expect((await once<Buffer>(ok, 'data')).toString()).toBe('again');
    ok.destroy();
  });
});
