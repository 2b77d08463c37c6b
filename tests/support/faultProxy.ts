// A TCP fault proxy on 127.0.0.1 for fault tests: forwards to a target, and can cut every open
// connection (both directions at once, like a switch rebooting) or refuse new ones for a while.
// Written here because Toxiproxy and tc netem are not available on our machines.
import { createServer, connect, type Server, type Socket } from 'node:net';

export interface FaultProxy {
  readonly port: number;
  readonly url: string;
  /** Destroys every open connection pair; returns how many were cut. */
  cutAll(): number;
  /** While blocked, new connections are accepted and immediately destroyed. */
  setBlocked(blocked: boolean): void;
  readonly openConnections: number;
  readonly totalConnections: number;
  close(): Promise<void>;
}

export async function startFaultProxy(target: { host: string; port: number }): Promise<FaultProxy> {
  const pairs = new Set<[Socket, Socket]>();
  let blocked = false;
  let total = 0;
  const server: Server = createServer((client) => {
    if (blocked) {
      client.destroy();
      return;
    }
    total += 1;
    const upstream = connect(target.port, target.host);
    const pair: [Socket, Socket] = [client, upstream];
    pairs.add(pair);
    const drop = (): void => {
      client.destroy();
      upstream.destroy();
      pairs.delete(pair);
    };
    client.on('error', drop).on('close', drop);
    upstream.on('error', drop).on('close', drop);
    client.pipe(upstream);
    upstream.pipe(client);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('fault proxy has no TCP address');
  const port = address.port;
  const cutAll = (): number => {
    const n = pairs.size;
    for (const [a, b] of [...pairs]) {
      a.destroy();
      b.destroy();
    }
    pairs.clear();
    return n;
  };
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    cutAll,
    setBlocked(value) {
      blocked = value;
    },
    get openConnections() {
      return pairs.size;
    },
    get totalConnections() {
      return total;
    },
    close() {
      cutAll();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
