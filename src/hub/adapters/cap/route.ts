import type { AdapterContext, RouteHandler } from '../context.ts';
import {
  ingestItems,
  readChecked,
  refuse,
  sendSummary,
  type IngestSummary,
  type ItemOutcome,
} from '../http.ts';
import type { IngestSink } from '../../ingestSink.ts';
import { capDrafts } from './drafts.ts';
import { parseCapDocument, type CapItem } from './parseCap.ts';

/** `POST /ingest/cap`: one CAP document (an alert, or a wrapper holding alerts) per request. */

export const CAP_CONTENT_TYPES = ['application/cap+xml', 'application/xml', 'text/xml'] as const;
export const CAP_SOURCE = 'cap';

function* outcomes(items: readonly CapItem[]): Generator<ItemOutcome> {
  for (const item of items) {
    yield item.ok
      ? { label: item.label, drafts: capDrafts(item.message) }
      : { label: item.label, reason: item.reason };
  }
}

export function ingestCapItems(sink: IngestSink, source: string, items: readonly CapItem[]): IngestSummary {
  return ingestItems(sink, source, outcomes(items));
}

export function capRoute(ctx: AdapterContext): RouteHandler {
  return async (req, res) => {
    const body = await readChecked(req, res, ctx.sink, CAP_SOURCE, CAP_CONTENT_TYPES);
    if (!body) return;
    const parsed = parseCapDocument(body);
    if (!parsed.ok) {
      refuse(ctx.sink, CAP_SOURCE, res, 400, parsed.reason);
      return;
    }
    sendSummary(res, ingestCapItems(ctx.sink, CAP_SOURCE, parsed.value));
  };
}
