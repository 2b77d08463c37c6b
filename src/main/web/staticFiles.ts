import { readFile, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { TOKEN_META_NAME } from '../../shared/ipc/wire.ts';

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.geojson': 'application/geo+json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
};

/** The MIME type served for a file name, or undefined (unknown types are refused, never sniffed). */
export function mimeOf(file: string): string | undefined {
  return MIME[extname(file).toLowerCase()];
}

/**
 * The Content-Security-Policy of every window: no inline script, no eval, connections only to this
 * server's own WebSocket. Inline styles stay allowed: React and deck.gl set element styles. WebGL needs
 * no exception; no WebAssembly is loaded, so 'wasm-unsafe-eval' is not granted.
 */
export function contentSecurityPolicy(wsOrigin: string | null): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self'${wsOrigin ? ` ${wsOrigin}` : ''}`,
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** Puts the per-launch token in the page as a meta tag (never an inline script). */
export function injectToken(html: string, token: string): string {
  const tag = `<meta name="${TOKEN_META_NAME}" content="${token}">`;
  return /<head[^>]*>/i.test(html) ? html.replace(/<head[^>]*>/i, (head) => `${head}\n    ${tag}`) : `${tag}\n${html}`;
}

/**
 * Serves the built renderer from `root`: GET/HEAD only, no path outside `root`, a known MIME type for
 * every file (unknown extensions are refused rather than sniffed), the CSP header on every answer.
 */
export function createStaticHandler(o: { root: string; token: string; csp: () => string }) {
  const root = normalize(o.root + sep);
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const headers = {
      'Content-Security-Policy': o.csp(),
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'Cross-Origin-Opener-Policy': 'same-origin',
    };
    const fail = (status: number, text: string) => {
      res.writeHead(status, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' });
      res.end(text);
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') return fail(405, 'method not allowed');
    let pathname: string;
    try {
      pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    } catch {
      return fail(400, 'bad path');
    }
    if (pathname.includes('\0')) return fail(400, 'bad path');
    if (pathname.endsWith('/')) pathname += 'index.html';
    const file = normalize(join(root, pathname));
    if (!file.startsWith(root)) return fail(404, 'not found');
    const type = MIME[extname(file).toLowerCase()];
    if (!type) return fail(404, 'not found');
    try {
      if (!(await stat(file)).isFile()) return fail(404, 'not found');
      let body: Buffer | string = await readFile(file);
      if (type.startsWith('text/html')) body = injectToken(body.toString('utf8'), o.token);
      res.writeHead(200, {
        ...headers,
        'Content-Type': type,
        'Content-Length': Buffer.byteLength(body),
        // HTML carries the per-launch token: never cache it. Hashed assets may be cached.
        'Cache-Control': type.startsWith('text/html') ? 'no-store' : 'no-cache',
      });
      res.end(req.method === 'HEAD' ? undefined : body);
    } catch {
      fail(404, 'not found');
    }
  };
}
