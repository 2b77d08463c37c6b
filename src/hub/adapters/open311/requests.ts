import { z } from 'zod';
import type { Envelope, EventDraft } from '../../../shared/protocol/envelope.ts';
import type { REPORT_STATUSES } from '../../../shared/protocol/eventData.ts';
import { canonicalJson } from '../../../shared/lib/canonicalJson.ts';
import { cleanText, entityIdFrom, isRecord, parseTime } from '../util.ts';

/**
 * Open311 GeoReport v2 service requests → `report.created` / `report.updated` on the `reports` stream.
 * Ids are strings whatever the endpoint sent (`638344`, `"001"`); the SLA deadline is the request's own
 * `expected_datetime`, else `requested_datetime` + the service's default SLA.
 */

export const DEFAULT_SLA_HOURS = 72;

/** Numbers and strings both arrive as ids: one string form. */
const idString = z.preprocess(
  (v) => (typeof v === 'number' && Number.isFinite(v) ? String(v) : typeof v === 'string' ? v.trim() : v),
  z.string().min(1).max(200),
);
const optString = z.preprocess(
  (v) => (v === null ? undefined : typeof v === 'number' ? String(v) : v),
  z.string().optional(),
);
const coordinate = z.preprocess(
  (v) => (typeof v === 'string' && v.trim() !== '' ? Number(v) : v),
  z.number().refine(Number.isFinite, 'must be finite'),
);

export const serviceRequestSchema = z.looseObject({
  service_request_id: idString,
  status: z.preprocess(
    (v) =>
      typeof v === 'string'
        ? v
            .trim()
            .toLowerCase()
            .replace(/[\s-]+/g, '_')
        : v,
    z.string().min(1).max(50),
  ),
  status_notes: optString,
  service_name: optString,
  service_code: z.preprocess((v) => (v === null ? undefined : v), idString.optional()),
  description: optString,
  address: optString,
  requested_datetime: z.string(),
  updated_datetime: optString,
  expected_datetime: optString,
  lat: coordinate,
  long: coordinate,
});
export type ServiceRequest = z.infer<typeof serviceRequestSchema>;

type ReportStatus = (typeof REPORT_STATUSES)[number];
/** GeoReport v2 knows open/closed; deployments add their own steps. */
const STATUS_MAP: Readonly<Record<string, ReportStatus>> = {
  open: 'open',
  new: 'open',
  submitted: 'open',
  acknowledged: 'acknowledged',
  in_progress: 'in_progress',
  inprogress: 'in_progress',
  assigned: 'in_progress',
  resolved: 'resolved',
  closed: 'closed',
};

/** Fields with a typed place in `reportData`; everything else from the request is kept in `attrs`. */
const TYPED = new Set([
  'service_request_id',
  'status',
  'status_notes',
  'service_name',
  'description',
  'address',
  'requested_datetime',
  'updated_datetime',
  'expected_datetime',
  'lat',
  'long',
]);

export type SlaPolicy = { hoursFor(serviceCode: string | undefined): number };

export function slaPolicy(options: {
  defaultHours?: string | undefined;
  perService?: string | undefined;
}): SlaPolicy {
  const fallback = Number(options.defaultHours);
  const base = Number.isFinite(fallback) && fallback > 0 ? fallback : DEFAULT_SLA_HOURS;
  const per = new Map<string, number>();
  // "CODE=HOURS,CODE=HOURS"
  for (const part of (options.perService ?? '').split(',')) {
    const [code, hours] = part.split('=');
    const h = Number(hours);
    if (code && Number.isFinite(h) && h > 0) per.set(code.trim(), h);
  }
  return { hoursFor: (code) => (code !== undefined ? per.get(code) : undefined) ?? base };
}

export function reportIdFor(serviceRequestId: string): string {
  return entityIdFrom('report', `open311:${serviceRequestId}`);
}

export type ReportContext = {
  sla: SlaPolicy;
  /** service_code → service_name from services.json, for requests that leave the name out. */
  serviceNames?: ReadonlyMap<string, string>;
  latest: (id: string) => Envelope | undefined;
};

/** One raw request → its draft, or the reason it cannot be one. */
export function reportDraft(
  raw: unknown,
  ctx: ReportContext,
): { label: string; draft: EventDraft } | { label: string; reason: string } {
  const rawId = isRecord(raw) ? raw['service_request_id'] : undefined;
  const label =
    typeof rawId === 'string' || typeof rawId === 'number' ? String(rawId).slice(0, 120) : 'request';
  const parsed = serviceRequestSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return {
      label,
      reason: `invalid service request: ${issue ? `${issue.path.join('.') || '(root)'}: ${issue.message}` : 'invalid'}`,
    };
  }
  const r = parsed.data;
  const status = STATUS_MAP[r.status];
  if (!status) return { label, reason: `unknown status "${r.status.slice(0, 40)}"` };
  const createdAt = parseTime(r.requested_datetime);
  if (createdAt === undefined) return { label, reason: 'requested_datetime is not a date-time' };
  if (Math.abs(r.lat) > 90 || Math.abs(r.long) > 180) return { label, reason: 'lat/long out of range' };
  const updatedAt = parseTime(r.updated_datetime) ?? createdAt;
  const slaDeadline =
    parseTime(r.expected_datetime) ?? createdAt + ctx.sla.hoursFor(r.service_code) * 3_600_000;
  const name = r.service_name ?? (r.service_code ? ctx.serviceNames?.get(r.service_code) : undefined);
  const category = cleanText(name ?? r.service_code ?? 'Open311', 200) || 'Open311';
  const attrs: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(r))
    if (!TYPED.has(key) && value !== undefined && value !== null)
      attrs[key] = typeof value === 'string' ? value.normalize('NFC') : value;
  const data = {
    category,
    title: cleanText(name ?? `Request ${r.service_request_id}`, 200) || `Request ${r.service_request_id}`,
    description: cleanText(r.description ?? '', 4000),
    position: [r.long, r.lat],
    ...(r.address?.trim() ? { address: cleanText(r.address, 200) } : {}),
    status,
    createdAt,
    updatedAt,
    slaDeadline,
    observedAt: updatedAt,
    ...(r.status_notes?.trim() ? { statusNotes: cleanText(r.status_notes, 4000) } : {}),
    externalId: r.service_request_id,
    attrs,
  };
  const id = reportIdFor(r.service_request_id);
  const latest = ctx.latest(id);
  // created the first time; the same data again keeps the type it was stored with (so the sink sees a
  // duplicate); anything new is an update.
  const type =
    !latest || latest.type === 'report.removed'
      ? 'report.created'
      : canonicalJson(latest.data) === canonicalJson(data)
        ? latest.type
        : 'report.updated';
  return { label, draft: { type, id, data } as EventDraft };
}

/** A body of one request or an array of them. */
export function requestsOf(payload: unknown): unknown[] | undefined {
  if (Array.isArray(payload)) return payload;
  if (isRecord(payload)) {
    // Some endpoints wrap the list: { service_requests: [...] } (the XML shape, converted).
    const wrapped = payload['service_requests'] ?? payload['requests'];
    if (Array.isArray(wrapped)) return wrapped;
    return [payload];
  }
  return undefined;
}
