import { startCapFeed } from './cap/feed.ts';
import { capRoute } from './cap/route.ts';
import type { AdapterContext } from './context.ts';
import { ngsiRoute } from './ngsi/route.ts';
import { startOpen311 } from './open311/poller.ts';
import { open311Route } from './open311/route.ts';

/**
 * Installs the real-source adapters (NGSI-LD, CAP 1.2, Open311) on a starting hub: their ingest routes
 * and, when the CLI asks for them (`--cap-feed`, `--open311`), their pollers. docs/SOURCES.md describes
 * each, with the options they read from `ctx.options`.
 */
export function installAdapters(ctx: AdapterContext): void {
  ctx.route('POST', '/ingest/cap', capRoute(ctx));
  ctx.route('POST', '/ingest/ngsi-ld', ngsiRoute(ctx));
  ctx.route('POST', '/ingest/open311', open311Route(ctx));
  startCapFeed(ctx);
  startOpen311(ctx);
}
