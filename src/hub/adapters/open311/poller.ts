import type { AdapterContext } from '../context.ts';
import { fetchCapped } from '../fetchCapped.ts';
import type { IngestSummary } from '../http.ts';
import type { IngestSink } from '../../ingestSink.ts';
import { hostOf, isRecord } from '../util.ts';
import { lenientJsonParse } from './lenientJson.ts';
import type { SlaPolicy } from './requests.ts';
import { ingestOpen311, open311SlaFromOptions } from './route.ts';

/**
 * Polls a GeoReport v2 endpoint (`--open311 BASE_URL`, `--open311-every S`): `services.json` for the
 * service names, then `requests.json`. The first poll takes the endpoint's default window (90 days);
 * later ones ask for `start_date` = the previous poll's start (new requests, GeoReport v2) and, in a
 * second GET, `updated_after` = the same time (changes to older requests, GeoReport v2.1). A server that
 * ignores the parameter returns its default window: the sink drops what it already holds.
 */

const DEFAULT_EVERY_S = 60;
/** Clocks of hub and endpoint differ: ask for a little more than strictly since the last poll. */
const OVERLAP_MS = 60_000;

export type Open311Poller = { pollOnce(): Promise<IngestSummary | { reason: string }>; stop(): void };

export function createOpen311Poller(
  baseUrl: string,
  sink: IngestSink,
  sla: SlaPolicy,
  log: (line: string) => void,
  now: () => number = Date.now,
): Open311Poller {
  const base = baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`;
  const source = `open311:${hostOf(baseUrl)}`;
  const abort = new AbortController();
  const serviceNames = new Map<string, string>();
  let since: number | undefined;

  const fail = (reason: string): { reason: string } => {
    sink.recordSource(source, { accepted: 0, duplicates: 0, rejected: [reason] });
    log(`open311 ${base}: ${reason}`);
    return { reason };
  };

  async function getJson(
    path: string,
  ): Promise<{ ok: true; value: unknown } | { ok: false; reason: string }> {
    const fetched = await fetchCapped(new URL(path, base).toString(), abort.signal);
    if (!fetched.ok) return fetched;
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(fetched.body);
    } catch {
      return { ok: false, reason: `${path}: body is not valid UTF-8` };
    }
    const json = lenientJsonParse(text);
    return json.ok ? json : { ok: false, reason: `${path.split('?')[0] ?? path}: ${json.reason}` };
  }

  async function pollOnce(): Promise<IngestSummary | { reason: string }> {
    const startedAt = now();
    const services = await getJson('services.json');
    // The service list only names things: without it requests still come in, labelled by code.
    if (services.ok && Array.isArray(services.value)) {
      for (const s of services.value) {
        if (!isRecord(s)) continue;
        const code = s['service_code'];
        const name = s['service_name'];
        if ((typeof code === 'string' || typeof code === 'number') && typeof name === 'string')
          serviceNames.set(String(code), name);
      }
    } else if (!services.ok) {
      log(`open311 ${base}: services.json: ${services.reason}`);
    }
    const paths =
      since === undefined
        ? ['requests.json']
        : [
            `requests.json?start_date=${encodeURIComponent(iso(since))}`,
            `requests.json?updated_after=${encodeURIComponent(iso(since))}`,
          ];
    const totals: IngestSummary = { accepted: 0, duplicates: 0, rejected: 0, items: [], reasons: [] };
    for (const path of paths) {
      const requests = await getJson(path);
      if (abort.signal.aborted) return { reason: 'stopped' };
      if (!requests.ok) return fail(requests.reason);
      // An empty list is a quiet period, not an error.
      if (Array.isArray(requests.value) && requests.value.length === 0) continue;
      const summary = ingestOpen311(sink, source, requests.value, sla, serviceNames);
      if ('reason' in summary) return fail(summary.reason);
      totals.accepted += summary.accepted;
      totals.duplicates += summary.duplicates;
      totals.rejected += summary.rejected;
      totals.items.push(...summary.items);
      totals.reasons.push(...summary.reasons);
    }
    since = startedAt - OVERLAP_MS;
    return totals;
  }

  return { pollOnce, stop: () => abort.abort() };
}

function iso(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Starts polling when `--open311` is set: at once, then every `--open311-every` seconds. */
export function startOpen311(ctx: AdapterContext): void {
  const url = ctx.options['open311'];
  if (!url) return;
  const every = Number(ctx.options['open311-every'] ?? DEFAULT_EVERY_S);
  const periodMs = (Number.isFinite(every) && every > 0 ? every : DEFAULT_EVERY_S) * 1000;
  const poller = createOpen311Poller(url, ctx.sink, open311SlaFromOptions(ctx.options), (line) =>
    ctx.log(line),
  );
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const tick = async (): Promise<void> => {
    const result = await poller.pollOnce();
    if ('accepted' in result && result.accepted > 0)
      ctx.log(`open311 ${hostOf(url)}: ${result.accepted} new event(s)`);
    if (!stopped) timer = setTimeout(() => void tick(), periodMs);
  };
  void tick();
  ctx.log(`open311: polling ${url} every ${periodMs / 1000} s`);
  ctx.onClose(() => {
    stopped = true;
    if (timer) clearTimeout(timer);
    poller.stop();
  });
}
