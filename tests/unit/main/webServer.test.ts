import { mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { EventName, EventPayload } from '../../../src/shared/ipc/contract.ts';
import type { InvokeResult } from '../../../src/shared/ipc/wire.ts';
import type { IpcEndpoint } from '../../../src/main/ipc/transport.ts';
import { startWebServer, type WebServer } from '../../../src/main/web/webServer.ts';
import { createWebBridge } from '../../../src/renderer/webBridge.ts';
import { useTempDirs } from './support/tempDir.ts';
import { waitFor } from './support/waitFor.ts';

const tempDir = useTempDirs();
const closers: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of closers.splice(0).reverse()) await c();
});

type Listener = <K extends EventName>(name: K, payload: EventPayload<K>) => void;
function fakeEndpoint(): IpcEndpoint & { emit: Listener; invoked: unknown[] } {
  const listeners = new Set<Listener>();
  const invoked: unknown[] = [];
  return {
    invoked,
    invoke: (name, input): Promise<InvokeResult> => {
      invoked.push([name, input]);
      return Promise.resolve(name === 'app.info' ? { ok: true, output: { version: '9', mode: 'web' } } : { ok: false, error: { code: 'unknown_command', message: 'no' } });
    },
    onEvent: (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    emit: (name, payload) => {
      for (const l of listeners) l(name, payload);
    },
  };
}

async function serve(port = 0): Promise<{ server: WebServer; endpoint: ReturnType<typeof fakeEndpoint>; root: string }> {
  const root = join(tempDir(), 'renderer');
  mkdirSync(join(root, 'assets'), { recursive: true });
  writeFileSync(join(root, 'index.html'), '<!doctype html><html><head><title>w</title></head><body></body></html>');
  writeFileSync(join(root, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(root, 'assets', 'x.exe'), 'MZ');
  const endpoint = fakeEndpoint();
  const server = await startWebServer({ endpoint, root, port });
  closers.push(() => server.close());
  return { server, endpoint, root };
}

function get(port: number, path: string, host = `127.0.0.1:${port}`): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers: { host } }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

function tryConnect(url: string, origin: string): Promise<'open' | number> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, { origin });
    ws.on('open', () => {
      ws.close();
      resolve('open');
    });
    ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.on('error', () => resolve(0));
  });
}

/** The bridge with Node's `ws` as WebSocket, sending the Origin a browser would send. */
function bridgeFor(server: WebServer, token = server.token) {
  const origin = `http://127.0.0.1:${server.port}`;
  class BrowserLike extends WebSocket {
    constructor(url: string) {
      super(url, { origin });
    }
  }
  const bridge = createWebBridge({
    origin: { host: `127.0.0.1:${server.port}`, protocol: 'http:' },
    token,
    WebSocketImpl: BrowserLike as unknown as typeof globalThis.WebSocket,
  });
  closers.push(() => bridge.close());
  return bridge;
}

describe('browser-mode web server', () => {
  it('serves the renderer with the CSP header, the token meta tag and the right MIME types', async () => {
    const { server } = await serve();
    const page = await get(server.port, '/index.html?screen=1');
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    const csp = String(page.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).toContain(`connect-src 'self' ws://127.0.0.1:${server.port}`);
    expect(page.body).toContain(`<meta name="watchfloor-token" content="${server.token}">`);
    expect(page.body).not.toMatch(/<script>/);
    expect((await get(server.port, '/')).status).toBe(200);
    expect((await get(server.port, '/assets/app.js')).headers['content-type']).toBe('text/javascript; charset=utf-8');
  });

  it('refuses traversal, unknown types and foreign Host headers', async () => {
    const { server } = await serve();
    expect((await get(server.port, '/../../etc/passwd')).status).toBe(404);
    expect((await get(server.port, '/%2e%2e/%2e%2e/etc/passwd')).status).toBe(404);
    expect((await get(server.port, '/assets/x.exe')).status).toBe(404);
    expect((await get(server.port, '/index.html', 'evil.example:80')).status).toBe(421);
  });

  it('accepts the WebSocket only with its own Origin and the per-launch token', async () => {
    const { server } = await serve();
    const base = `ws://127.0.0.1:${server.port}/ipc`;
    const origin = `http://127.0.0.1:${server.port}`;
    expect(await tryConnect(`${base}?token=${server.token}`, 'http://evil.example')).toBe(403);
    expect(await tryConnect(`${base}?token=wrong`, origin)).toBe(403);
    expect(await tryConnect(base, origin)).toBe(403);
    expect(await tryConnect(`ws://127.0.0.1:${server.port}/other?token=${server.token}`, origin)).toBe(404);
    expect(await tryConnect(`${base}?token=${server.token}`, origin)).toBe('open');
    expect(server.transport.refused).toBe(4);
  });

  it('carries invokes and events through the web bridge', async () => {
    const { server, endpoint } = await serve();
    const bridge = bridgeFor(server);
    expect(await bridge.invoke('app.info', undefined)).toEqual({ version: '9', mode: 'web' });
    await expect(bridge.invoke('feed.health', undefined)).rejects.toThrow(/unknown_command/);
    const got: unknown[] = [];
    bridge.on('store.changed', (p) => got.push(p));
    endpoint.emit('store.changed', { tables: ['outbox'] });
    await waitFor('event', () => got.length === 1);
    expect(got).toEqual([{ tables: ['outbox'] }]);
  });

  it('reconnects the bridge when the web server restarts on the same port', async () => {
    const first = await serve();
    const port = first.server.port;
    const token = first.server.token;
    const bridge = bridgeFor(first.server);
    expect(await bridge.invoke('app.info', undefined)).toMatchObject({ version: '9' });
    await first.server.close();
    const root = first.root;
    const endpoint = fakeEndpoint();
    const second = await startWebServer({ endpoint, root, port, token });
    closers.push(() => second.close());
    const refetch: unknown[] = [];
    bridge.on('catalog.changed', (p) => refetch.push(p));
    await waitFor('reconnected', () => second.transport.clients === 1, 10_000);
    expect(await bridge.invoke('app.info', undefined)).toMatchObject({ version: '9' });
    // The page is told to bootstrap again: it missed events while the server was gone.
    await waitFor('refetch signal', () => refetch.length === 1);
  });
});
