import { createHash } from 'node:crypto';

/** Small helpers every adapter needs: times, text, ids. */

/**
 * Parses an ISO 8601 / W3C date-time to epoch ms. A time without a zone (FIWARE examples have them) is
 * read as UTC, so the result does not depend on the hub machine's time zone.
 */
export function parseTime(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  const s = value.trim();
  if (!/^\d{4}-\d{2}-\d{2}/.test(s)) return undefined;
  const zoned = /T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(s) ? `${s}Z` : s;
  const ms = Date.parse(zoned);
  return Number.isFinite(ms) && ms >= 0 ? ms : undefined;
}

/** Text from outside: NFC (decomposed Vietnamese renders from the wrong font), trimmed, capped. */
export function cleanText(value: string, max: number): string {
  const t = value.normalize('NFC').trim();
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
}

export function shortHash(...parts: string[]): string {
  return createHash('sha256').update(parts.join('\n')).digest('hex').slice(0, 16);
}

/**
 * Makes a protocol entity id (`kind:rest`, letters/digits/_.:-/@# only, ≤ 200 chars) from a source's
 * own id. Other characters become `_`; an over-long id keeps its head and a hash so it stays unique.
 */
export function entityIdFrom(kind: string, sourceId: string): string {
  const safe = sourceId.normalize('NFC').replace(/[^\p{L}\p{N}_.:\-/@#]/gu, '_');
  const id = `${kind}:${safe}`;
  return id.length <= 200 ? id : `${id.slice(0, 180)}#${shortHash(sourceId)}`;
}

export function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return 'invalid-url';
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
