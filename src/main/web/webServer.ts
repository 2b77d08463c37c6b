import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketTransport } from '../ipc/webSocketTransport.ts';
import type { IpcEndpoint } from '../ipc/transport.ts';
import { contentSecurityPolicy, createStaticHandler } from './staticFiles.ts';

export interface WebServer {
  readonly url: string;
  readonly port: number;
  readonly token: string;
  readonly transport: WebSocketTransport;
  close(): Promise<void>;
}

/**
 * Browser mode's server on 127.0.0.1 only: the built renderer (with the CSP header and the token meta
 * tag) and the contract's WebSocket. Requests naming another Host are refused (DNS rebinding).
 */
export async function startWebServer(o: {
  endpoint: IpcEndpoint;
  root: string;
  port?: number;
  token?: string;
  log?: (line: string) => void;
}): Promise<WebServer> {
  const token = o.token ?? randomBytes(32).toString('base64url');
  let port = 0;
  const host = () => `127.0.0.1:${port}`;
  const transport = new WebSocketTransport({ endpoint: o.endpoint, origin: () => `http://${host()}`, token, ...(o.log ? { log: o.log } : {}) });
  const serveStatic = createStaticHandler({ root: o.root, token, csp: () => contentSecurityPolicy(`ws://${host()}`) });
  const server = createServer((req, res) => {
    if (req.headers.host !== host()) {
      res.writeHead(421, { 'Content-Type': 'text/plain' });
      res.end('wrong host');
      return;
    }
    void serveStatic(req, res);
  });
  server.on('upgrade', (req, socket, head) => {
    if (req.headers.host !== host()) {
      socket.end('HTTP/1.1 421 Misdirected Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    transport.handleUpgrade(req, socket, head);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;
  return {
    url: `http://${host()}/`,
    port,
    token,
    transport,
    async close() {
      await transport.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
