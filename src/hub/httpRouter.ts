import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RouteHandler } from './adapters/context.ts';

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

function errorBody(code: string, message: string): { error: { code: string; message: string } } {
  return { error: { code, message } };
}

/**
 * Exact-path routing for the hub's few HTTP endpoints (`/healthz`, the adapters' `/ingest/*`). Socket.io
 * answers its own `/socket.io/` requests before this runs. A handler that throws or rejects gets a JSON
 * 500 and is logged; it never takes the hub down.
 */
export class HttpRouter {
  readonly #routes = new Map<string, Map<string, RouteHandler>>();
  readonly #log: (line: string) => void;

  constructor(log: (line: string) => void) {
    this.#log = log;
  }

  route(method: 'GET' | 'POST', pathname: string, handler: RouteHandler): void {
    const byMethod = this.#routes.get(pathname) ?? new Map<string, RouteHandler>();
    if (byMethod.has(method)) throw new Error(`route ${method} ${pathname} is already registered`);
    byMethod.set(method, handler);
    this.#routes.set(pathname, byMethod);
  }

  handle(req: IncomingMessage, res: ServerResponse): void {
    let pathname: string;
    try {
      pathname = new URL(req.url ?? '/', 'http://hub.invalid').pathname;
    } catch {
      sendJson(res, 400, errorBody('invalid', 'bad request URL'));
      return;
    }
    const byMethod = this.#routes.get(pathname);
    if (!byMethod) {
      sendJson(res, 404, errorBody('not_found', `no route ${pathname.slice(0, 200)}`));
      return;
    }
    const method = req.method === 'HEAD' ? 'GET' : (req.method ?? 'GET');
    const handler = byMethod.get(method);
    if (!handler) {
      res.setHeader('allow', [...byMethod.keys()].join(', '));
      sendJson(res, 405, errorBody('invalid', `method ${method.slice(0, 20)} not allowed on ${pathname.slice(0, 200)}`));
      return;
    }
    const fail = (error: unknown): void => {
      this.#log(`hub: ${method} ${pathname} failed: ${error instanceof Error ? error.message : String(error)}`);
      if (!res.headersSent) sendJson(res, 500, errorBody('internal', 'internal error'));
      else res.destroy();
    };
    try {
      const result = handler(req, res);
      if (result instanceof Promise) result.catch(fail);
    } catch (error) {
      fail(error);
    }
  }
}
