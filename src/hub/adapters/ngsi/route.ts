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
import { NGSI_TYPES, ngsiDraft } from './mapping.ts';
import { entitiesOf, normalizeEntity } from './normalize.ts';

/**
 * `POST /ingest/ngsi-ld`: what an Orion-LD subscription notifies (`{ type: 'Notification', data }`), or
 * entities posted directly (one or an array). One event per entity.
 */

export const NGSI_CONTENT_TYPES = ['application/json', 'application/ld+json'] as const;
export const NGSI_SOURCE = 'ngsi-ld';
const MAX_ENTITIES = 1000;

function* outcomes(entities: readonly unknown[]): Generator<ItemOutcome> {
  for (const [index, raw] of entities.entries()) {
    const normalized = normalizeEntity(raw, NGSI_TYPES);
    if (!normalized.ok) {
      yield { label: (normalized.id ?? `entity[${index}]`).slice(0, 200), reason: normalized.reason };
      continue;
    }
    const draft = ngsiDraft(normalized.record);
    const label = normalized.record.id.slice(0, 200);
    yield 'reason' in draft ? { label, reason: draft.reason } : { label, drafts: [draft] };
  }
}

/** A parsed JSON payload → ingested; `undefined` with a reason when the payload's shape is wrong. */
export function ingestNgsiPayload(
  sink: IngestSink,
  source: string,
  payload: unknown,
): IngestSummary | { reason: string } {
  const entities = entitiesOf(payload);
  if (!entities.ok) return { reason: entities.reason };
  if (entities.entities.length === 0) return { reason: 'no entities in the payload' };
  if (entities.entities.length > MAX_ENTITIES)
    return { reason: `more than ${MAX_ENTITIES} entities in one payload` };
  return ingestItems(sink, source, outcomes(entities.entities));
}

export function parseJsonBody(body: Buffer): { ok: true; value: unknown } | { ok: false; reason: string } {
  try {
    return { ok: true, value: JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(body)) as unknown };
  } catch (error) {
    return {
      ok: false,
      reason: `invalid JSON: ${error instanceof Error ? error.message.slice(0, 160) : 'parse error'}`,
    };
  }
}

export function ngsiRoute(ctx: AdapterContext): RouteHandler {
  return async (req, res) => {
    const body = await readChecked(req, res, ctx.sink, NGSI_SOURCE, NGSI_CONTENT_TYPES);
    if (!body) return;
    const json = parseJsonBody(body);
    if (!json.ok) {
      refuse(ctx.sink, NGSI_SOURCE, res, 400, json.reason);
      return;
    }
    const summary = ingestNgsiPayload(ctx.sink, NGSI_SOURCE, json.value);
    if ('reason' in summary) refuse(ctx.sink, NGSI_SOURCE, res, 400, summary.reason);
    else sendSummary(res, summary);
  };
}
