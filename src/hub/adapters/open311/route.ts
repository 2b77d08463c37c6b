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
import { lenientJsonParse } from './lenientJson.ts';
import { reportDraft, requestsOf, slaPolicy, type ReportContext, type SlaPolicy } from './requests.ts';

/** `POST /ingest/open311`: GeoReport v2 service requests pushed to the hub (one object or an array). */

export const OPEN311_CONTENT_TYPES = ['application/json'] as const;
export const OPEN311_SOURCE = 'open311';
const MAX_REQUESTS = 1000;

function* outcomes(requests: readonly unknown[], ctx: ReportContext): Generator<ItemOutcome> {
  for (const raw of requests) {
    // Evaluated after the previous item is in: the same request twice in one body is created, then a duplicate.
    const r = reportDraft(raw, ctx);
    yield 'draft' in r ? { label: r.label, drafts: [r.draft] } : r;
  }
}

export function ingestOpen311(
  sink: IngestSink,
  source: string,
  payload: unknown,
  sla: SlaPolicy,
  serviceNames?: ReadonlyMap<string, string>,
): IngestSummary | { reason: string } {
  const requests = requestsOf(payload);
  if (!requests) return { reason: 'expected a service request object or an array of them' };
  if (requests.length === 0) return { reason: 'no service requests in the payload' };
  if (requests.length > MAX_REQUESTS)
    return { reason: `more than ${MAX_REQUESTS} service requests in one payload` };
  const ctx: ReportContext = {
    sla,
    latest: (id) => sink.latest('reports', id),
    ...(serviceNames ? { serviceNames } : {}),
  };
  return ingestItems(sink, source, outcomes(requests, ctx));
}

export function open311SlaFromOptions(options: AdapterContext['options']): SlaPolicy {
  return slaPolicy({ defaultHours: options['open311-sla-hours'], perService: options['open311-sla'] });
}

export function open311Route(ctx: AdapterContext): RouteHandler {
  const sla = open311SlaFromOptions(ctx.options);
  return async (req, res) => {
    const body = await readChecked(req, res, ctx.sink, OPEN311_SOURCE, OPEN311_CONTENT_TYPES);
    if (!body) return;
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(body);
    } catch {
      refuse(ctx.sink, OPEN311_SOURCE, res, 400, 'body is not valid UTF-8');
      return;
    }
    const json = lenientJsonParse(text);
    const summary = json.ok ? ingestOpen311(ctx.sink, OPEN311_SOURCE, json.value, sla) : json;
    if ('reason' in summary) refuse(ctx.sink, OPEN311_SOURCE, res, 400, summary.reason);
    else sendSummary(res, summary);
  };
}
