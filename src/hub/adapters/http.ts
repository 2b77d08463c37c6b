import type { IncomingMessage, ServerResponse } from 'node:http';
import type { EventDraft } from '../../shared/protocol/envelope.ts';
import type { IngestItemResult, IngestSink } from '../ingestSink.ts';

/**
 * HTTP plumbing shared by the ingest endpoints: content-type and size checks, and the one answer shape
 * (200 with per-item results when anything was taken, 400 with reasons when nothing was).
 */

export const DEFAULT_BODY_LIMIT = 1024 * 1024;

export type BodyResult = { ok: true; body: Buffer } | { ok: false; status: 413 | 400; reason: string };

/** The media type of a request, lower-cased, without parameters (`text/xml; charset=…` → `text/xml`). */
export function mediaType(req: IncomingMessage): string {
  return (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

/**
 * Reads a request body up to `limit` bytes. A bigger body is discarded rather than buffered; reading it
 * to the end (up to a bound) lets the client receive the 413 instead of a connection reset.
 */
export function readBody(req: IncomingMessage, limit = DEFAULT_BODY_LIMIT): Promise<BodyResult> {
  return new Promise((resolve) => {
    const declared = Number(req.headers['content-length']);
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = Number.isFinite(declared) && declared > limit;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) tooLarge = true;
      if (!tooLarge) chunks.push(chunk);
      // Past 8× the limit the sender is hostile or broken: stop reading altogether.
      else if (size > limit * 8) req.destroy();
    });
    req.on('end', () => {
      if (tooLarge) resolve({ ok: false, status: 413, reason: `body larger than ${limit} bytes` });
      else resolve({ ok: true, body: Buffer.concat(chunks) });
    });
    const broken = (): void =>
      resolve(
        tooLarge
          ? { ok: false, status: 413, reason: `body larger than ${limit} bytes` }
          : { ok: false, status: 400, reason: 'request body could not be read' },
      );
    // A client that goes away mid-body (or one cut off above) never sends 'end': settle anyway.
    req.on('error', broken);
    req.on('close', broken);
  });
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  if (res.headersSent) return;
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}

/** One item of a payload: the drafts it produced, or why it was refused before reaching the sink. */
export type ItemOutcome = { label: string; drafts: EventDraft[] } | { label: string; reason: string };

export type ItemReport = { item: string; results: IngestItemResult[] };

export type IngestSummary = {
  accepted: number;
  duplicates: number;
  rejected: number;
  items: ItemReport[];
  reasons: string[];
};

/**
 * Hands every item's drafts to the sink (one batch per item, so an item's drafts stay together), counts
 * the outcome for `/healthz` and returns the per-item results. `outcomes` is consumed lazily and in
 * order, so an item can look at what earlier items of the same payload appended (a CAP Update after
 * its Alert in one document).
 */
export function ingestItems(
  sink: IngestSink,
  source: string,
  outcomes: Iterable<ItemOutcome>,
): IngestSummary {
  const items: ItemReport[] = [];
  const reasons: string[] = [];
  let accepted = 0;
  let duplicates = 0;
  let rejected = 0;
  for (const outcome of outcomes) {
    let results: IngestItemResult[];
    if ('reason' in outcome) {
      results = [{ status: 'rejected', reason: outcome.reason }];
    } else {
      results = sink.ingest(source, outcome.drafts);
    }
    for (const r of results) {
      if (r.status === 'accepted') accepted++;
      else if (r.status === 'duplicate') duplicates++;
      else {
        rejected++;
        reasons.push(`${outcome.label}: ${r.reason}`);
      }
    }
    items.push({ item: outcome.label, results });
  }
  sink.recordSource(source, { accepted, duplicates, rejected: reasons });
  return { accepted, duplicates, rejected, items, reasons };
}

/** 200 when anything was accepted or already known (a resend is not an error), else 400 with reasons. */
export function sendSummary(res: ServerResponse, summary: IngestSummary): void {
  const ok = summary.accepted + summary.duplicates > 0;
  sendJson(res, ok ? 200 : 400, ok ? summary : { error: 'nothing accepted', ...summary });
}

/** Refuses a whole payload (size, type, syntax) and counts it against the source. */
export function refuse(
  sink: IngestSink,
  source: string,
  res: ServerResponse,
  status: number,
  reason: string,
): void {
  sink.recordSource(source, { accepted: 0, duplicates: 0, rejected: [reason] });
  sendJson(res, status, { error: reason });
}

/** Checks type and size, then hands the body on; every refusal is answered and counted. */
export async function readChecked(
  req: IncomingMessage,
  res: ServerResponse,
  sink: IngestSink,
  source: string,
  types: readonly string[],
  limit = DEFAULT_BODY_LIMIT,
): Promise<Buffer | undefined> {
  const type = mediaType(req);
  if (!types.includes(type)) {
    req.resume();
    refuse(
      sink,
      source,
      res,
      415,
      `unsupported content type "${type.slice(0, 80)}" (expected ${types.join(', ')})`,
    );
    return undefined;
  }
  const body = await readBody(req, limit);
  if (!body.ok) {
    refuse(sink, source, res, body.status, body.reason);
    return undefined;
  }
  return body.body;
}
