import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { WS_PATH, wsInvokeSchema, type WsServerMessage } from '../../shared/ipc/wire.ts';
import type { IpcEndpoint, IpcTransport } from './transport.ts';

/** A window that cannot keep up is dropped (it reconnects and bootstraps again) rather than buffered. */
const MAX_BUFFERED_BYTES = 64 * 1024 * 1024;

export interface WebSocketTransportOptions {
  endpoint: IpcEndpoint;
  /** The only Origin allowed: the page this server served (`http://127.0.0.1:PORT`). */
  origin: () => string;
  token: string;
  maxPayload?: number;
  log?: (line: string) => void;
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Browser mode's IPC: the contract over a local WebSocket. Any web page on this machine can open a
 * socket to 127.0.0.1, so an upgrade is accepted only with the Origin this server served and the
 * per-launch token from the page; everything else is refused before the handshake.
 */
export class WebSocketTransport implements IpcTransport {
  readonly #wss: WebSocketServer;
  readonly #o: WebSocketTransportOptions;
  readonly #unsubscribe: () => void;
  refused = 0;

  constructor(o: WebSocketTransportOptions) {
    this.#o = o;
    this.#wss = new WebSocketServer({ noServer: true, maxPayload: o.maxPayload ?? 1024 * 1024 });
    this.#wss.on('connection', (ws) => this.#serve(ws));
    this.#unsubscribe = o.endpoint.onEvent((name, payload) => {
      const text = JSON.stringify({ kind: 'event', name, payload } satisfies WsServerMessage);
      for (const client of this.#wss.clients) {
        if (client.readyState !== client.OPEN) continue;
        if (client.bufferedAmount > MAX_BUFFERED_BYTES) client.terminate();
        else client.send(text);
      }
    });
  }

  /** Hand the HTTP server's `upgrade` events here. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const refuse = (status: number, why: string) => {
      this.refused += 1;
      this.#o.log?.(`web: refused a WebSocket (${why})`);
      socket.end(`HTTP/1.1 ${status} ${status === 404 ? 'Not Found' : 'Forbidden'}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    };
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://x');
    } catch {
      return refuse(404, 'bad path');
    }
    if (url.pathname !== WS_PATH) return refuse(404, 'unknown path');
    if (req.headers.origin !== this.#o.origin()) return refuse(403, `origin ${String(req.headers.origin).slice(0, 100)}`);
    if (!sameSecret(url.searchParams.get('token') ?? '', this.#o.token)) return refuse(403, 'bad token');
    this.#wss.handleUpgrade(req, socket, head, (ws) => this.#wss.emit('connection', ws, req));
  }

  #serve(ws: WebSocket): void {
    // A new window learns the feed's state at once instead of at the next change.
    void this.#o.endpoint.invoke('feed.health', undefined).then((result) => {
      if (result.ok && ws.readyState === ws.OPEN) ws.send(JSON.stringify({ kind: 'event', name: 'feed.health', payload: result.output } satisfies WsServerMessage));
    });
    ws.on('message', (data, isBinary) => {
      if (isBinary) return ws.close(1003, 'text only');
      let raw: unknown;
      try {
        raw = JSON.parse(data.toString());
      } catch {
        return ws.close(1007, 'invalid JSON');
      }
      const message = wsInvokeSchema.safeParse(raw);
      if (!message.success) return ws.close(1008, 'not an invoke');
      const { id, name, input } = message.data;
      void this.#o.endpoint.invoke(name, input).then((result) => {
        if (ws.readyState !== ws.OPEN) return;
        const answer: WsServerMessage = result.ok
          ? { kind: 'result', id, ok: true, output: result.output }
          : { kind: 'result', id, ok: false, error: result.error };
        ws.send(JSON.stringify(answer));
      });
    });
  }

  get clients(): number {
    return this.#wss.clients.size;
  }

  async close(): Promise<void> {
    this.#unsubscribe();
    for (const client of this.#wss.clients) client.terminate();
    await new Promise<void>((resolve) => this.#wss.close(() => resolve()));
  }
}
