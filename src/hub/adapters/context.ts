import type { IncomingMessage, ServerResponse } from 'node:http';
import type { IngestSink } from '../ingestSink.ts';

export type RouteHandler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

/** What the hub hands the real-source adapters when it starts. */
export interface AdapterContext {
  sink: IngestSink;
  /** Registers an HTTP route on the hub's server (exact pathname match, e.g. `/ingest/cap`). */
  route(method: 'GET' | 'POST', pathname: string, handler: RouteHandler): void;
  /** Adapter options from the hub CLI (`--open311 URL`, `--open311-every S`, `--cap-feed URL`, …). */
  options: Readonly<Record<string, string | undefined>>;
  /** Runs at hub shutdown (stop pollers, timers). */
  onClose(dispose: () => void | Promise<void>): void;
  log(line: string): void;
}
