import type { AdapterContext } from '../context.ts';
import { fetchCapped } from '../fetchCapped.ts';
import type { IngestSummary } from '../http.ts';
import type { IngestSink } from '../../ingestSink.ts';
import { hostOf, isRecord } from '../util.ts';
import { capItemsFromDocument, findAlerts, parseCapDocument, type CapItem } from './parseCap.ts';
import { ingestCapItems } from './route.ts';
import { children, decodeXml, parseXml, textOf, type XmlNode } from './xml.ts';

/**
 * Polling an Atom or RSS feed of CAP messages (`--cap-feed URL`, `--cap-feed-every S`). Each entry either
 * embeds the CAP `<alert>` (Atom `<content type="text/xml">`, or escaped in a text `<content>`) or links to
 * it (Atom `<link href>`, RSS `<link>`); linked messages are fetched once per (link, updated) so a quiet
 * feed costs one GET per poll. Events are labelled `cap:<feed host>`.
 */

const MAX_LINKS_PER_POLL = 50;
const DEFAULT_EVERY_S = 60;

export type FeedEntry = { key: string; embedded: CapItem[]; link?: string };

/** Entries of an Atom `<feed>` or RSS `<channel>`; a CAP document that is no feed yields its alerts directly. */
export function feedEntries(
  doc: XmlNode,
  baseUrl: string,
): FeedEntry[] | { alerts: CapItem[] } | { reason: string } {
  const feed = children(doc, 'feed')[0];
  const rss = children(doc, 'rss')[0];
  const channel = isRecord(rss) ? children(rss, 'channel')[0] : undefined;
  const container = isRecord(feed) ? feed : isRecord(channel) ? channel : undefined;
  if (!container) {
    const items = capItemsFromDocument(doc);
    return items.ok ? { alerts: items.value } : { reason: 'neither an Atom/RSS feed nor a CAP document' };
  }
  const raw = [...children(container, 'entry'), ...children(container, 'item')].filter(isRecord);
  return raw.map((entry, index) => {
    const id = textOf(children(entry, 'id')[0] ?? children(entry, 'guid')[0]) ?? `#${index}`;
    const updated = textOf(children(entry, 'updated')[0] ?? children(entry, 'pubDate')[0]) ?? '';
    let embedded: CapItem[] = [];
    if (findAlerts(entry).length > 0) {
      // Index feeds embed partial alerts (no scope, "!" ids): when none is usable, follow the link.
      const items = capItemsFromDocument(entry);
      if (items.ok && items.value.some((i) => i.ok)) embedded = items.value;
    } else {
      // Some feeds escape the CAP XML inside a text <content>.
      const content = textOf(children(entry, 'content')[0]);
      if (content && content.includes('alert') && content.trimStart().startsWith('<')) {
        const parsed = parseXml(content);
        const items = parsed.ok ? capItemsFromDocument(parsed.value) : undefined;
        if (items?.ok) embedded = items.value;
      }
    }
    return { key: `${id}|${updated}`, embedded, ...(embedded.length === 0 ? linkOf(entry, baseUrl) : {}) };
  });
}

function linkOf(entry: XmlNode, baseUrl: string): { link?: string } {
  const links = children(entry, 'link');
  // Atom: prefer a link typed as CAP, then rel="alternate" or no rel; RSS: the element's text.
  const scored = links
    .map((l) => {
      const href = isRecord(l) && typeof l['@_href'] === 'string' ? l['@_href'] : textOf(l);
      const type = isRecord(l) && typeof l['@_type'] === 'string' ? l['@_type'] : '';
      const rel = isRecord(l) && typeof l['@_rel'] === 'string' ? l['@_rel'] : 'alternate';
      const score = (type.includes('cap') ? 2 : 0) + (rel === 'alternate' ? 1 : 0);
      return { href, score };
    })
    .filter((l): l is { href: string; score: number } => !!l.href && l.href.trim() !== '')
    .sort((a, b) => b.score - a.score);
  const href = scored[0]?.href.trim();
  if (!href) return {};
  try {
    return { link: new URL(href, baseUrl).toString() };
  } catch {
    return {};
  }
}

export type CapFeedPoller = { pollOnce(): Promise<IngestSummary | { reason: string }>; stop(): void };

export function createCapFeedPoller(
  feedUrl: string,
  sink: IngestSink,
  log: (line: string) => void,
): CapFeedPoller {
  const source = `cap:${hostOf(feedUrl)}`;
  const abort = new AbortController();
  /** Entry keys already fetched: a linked message is fetched again only when its entry changes. */
  const seen = new Set<string>();

  const fail = (reason: string): { reason: string } => {
    sink.recordSource(source, { accepted: 0, duplicates: 0, rejected: [reason] });
    log(`cap feed ${feedUrl}: ${reason}`);
    return { reason };
  };

  async function pollOnce(): Promise<IngestSummary | { reason: string }> {
    const fetched = await fetchCapped(feedUrl, abort.signal);
    if (!fetched.ok) return fail(fetched.reason);
    const decoded = decodeXml(fetched.body);
    if (!decoded.ok) return fail(decoded.reason);
    const doc = parseXml(decoded.value);
    if (!doc.ok) return fail(doc.reason);
    const entries = feedEntries(doc.value, feedUrl);
    if ('reason' in entries) return fail(entries.reason);
    if ('alerts' in entries) return ingestCapItems(sink, source, entries.alerts);

    const items: CapItem[] = [];
    let fetchedLinks = 0;
    const current = new Set<string>();
    for (const entry of entries) {
      current.add(entry.key);
      if (entry.embedded.length > 0) {
        items.push(...entry.embedded);
        continue;
      }
      if (!entry.link || seen.has(entry.key) || fetchedLinks >= MAX_LINKS_PER_POLL) continue;
      fetchedLinks++;
      const linked = await fetchCapped(entry.link, abort.signal);
      if (abort.signal.aborted) return { reason: 'stopped' };
      const parsed = linked.ok ? parseCapDocument(linked.body) : linked;
      if (parsed.ok) {
        items.push(...parsed.value);
        seen.add(entry.key);
      } else {
        items.push({ label: entry.link.slice(0, 120), ok: false, reason: parsed.reason });
      }
    }
    // Forget entries that left the feed so the set does not grow forever.
    for (const key of seen) if (!current.has(key)) seen.delete(key);
    return ingestCapItems(sink, source, items);
  }

  return { pollOnce, stop: () => abort.abort() };
}

/** Starts polling when `--cap-feed` is set: at once, then every `--cap-feed-every` seconds. */
export function startCapFeed(ctx: AdapterContext): void {
  const url = ctx.options['cap-feed'];
  if (!url) return;
  const every = Number(ctx.options['cap-feed-every'] ?? DEFAULT_EVERY_S);
  const periodMs = (Number.isFinite(every) && every > 0 ? every : DEFAULT_EVERY_S) * 1000;
  const poller = createCapFeedPoller(url, ctx.sink, (line) => ctx.log(line));
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const tick = async (): Promise<void> => {
    const result = await poller.pollOnce();
    if ('accepted' in result && result.accepted > 0)
      ctx.log(`cap feed ${hostOf(url)}: ${result.accepted} new event(s)`);
    if (!stopped) timer = setTimeout(() => void tick(), periodMs);
  };
  void tick();
  ctx.log(`cap feed: polling ${url} every ${periodMs / 1000} s`);
  ctx.onClose(() => {
    stopped = true;
    if (timer) clearTimeout(timer);
    poller.stop();
  });
}
