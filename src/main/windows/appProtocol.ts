import { readFile } from 'node:fs/promises';
import { join, normalize, sep } from 'node:path';
import { protocol } from 'electron';
import { contentSecurityPolicy, mimeOf } from '../web/staticFiles.ts';

export const APP_SCHEME = 'app';
export const APP_HOST = 'watchfloor';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/** Must run before `app.ready`: a standard, secure scheme gets an origin, so CSP 'self' and sender checks work. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
}

/**
 * Serves the built renderer as `app://watchfloor/…` instead of file://: a real origin to check senders
 * against, and a place to set the CSP header on every response (file:// responses carry no headers).
 */
export function serveRenderer(root: string): void {
  const base = normalize(root + sep);
  const csp = contentSecurityPolicy(null);
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    const path = normalize(join(base, decodeURIComponent(url.pathname)));
    const type = mimeOf(path);
    if (url.host !== APP_HOST || !path.startsWith(base) || !type) return new Response('not found', { status: 404 });
    try {
      const body = await readFile(path);
      return new Response(body, {
        headers: { 'Content-Type': type, 'Content-Security-Policy': csp, 'X-Content-Type-Options': 'nosniff' },
      });
    } catch {
      return new Response('not found', { status: 404 });
    }
  });
}
