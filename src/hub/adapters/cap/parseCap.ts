import { z } from 'zod';
import { CAP_SEVERITIES } from '../../../shared/protocol/eventData.ts';
import type { LonLat } from '../../../shared/protocol/geo.ts';
import { cleanText, isRecord, parseTime } from '../util.ts';
import { parseCircle, parsePolygon } from './geometry.ts';
import {
  decodeXml,
  localName,
  namespacesOf,
  parseXml,
  stripPrefixes,
  textOf,
  type XmlNode,
  type XmlResult,
} from './xml.ts';

/**
 * CAP 1.2 (and 1.1) messages: bytes → validated `CapMessage`s. A document may be one `<alert>` (plain or
 * `cap:`-prefixed) or carry alerts inside a wrapper (Atom `<content>`, EDXL-DE, an `<alerts>` list): every
 * `<alert>` in the CAP namespace is found. XML signatures are ignored (not verified: the hub trusts the
 * transport, not the signature).
 */

export const CAP_NAMESPACES: ReadonlySet<string> = new Set([
  'urn:oasis:names:tc:emergency:cap:1.2',
  'urn:oasis:names:tc:emergency:cap:1.1',
]);

const MAX_ALERTS_PER_DOCUMENT = 100;

const text = z.preprocess(textOf, z.string());
const optText = z.preprocess(textOf, z.string().optional());
const list = <T extends z.ZodType>(item: T) =>
  z.preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(item));
const pair = z.object({ valueName: text, value: text });

const rawArea = z.object({
  areaDesc: optText,
  polygon: list(text),
  circle: list(text),
  geocode: list(pair),
});

const rawInfo = z.object({
  // CAP: "If not present, an implicit default value of 'en-US' SHALL be assumed."
  language: z.preprocess((v) => textOf(v) || 'en-US', z.string().max(35)),
  event: text.pipe(z.string().min(1, 'event is empty')),
  urgency: z.preprocess(textOf, z.enum(['Immediate', 'Expected', 'Future', 'Past', 'Unknown'])),
  severity: z.preprocess(textOf, z.enum(CAP_SEVERITIES)),
  // CAP 1.1 still allowed the deprecated "Very Likely"; 1.2 folds it into Likely.
  certainty: z.preprocess(
    (v) => (textOf(v) === 'Very Likely' ? 'Likely' : textOf(v)),
    z.enum(['Observed', 'Likely', 'Possible', 'Unlikely', 'Unknown']),
  ),
  effective: optText,
  onset: optText,
  expires: optText,
  headline: optText,
  description: optText,
  instruction: optText,
  area: list(rawArea),
});

const rawAlert = z.object({
  identifier: text.pipe(z.string().min(1, 'identifier is empty').max(500)),
  sender: text.pipe(z.string().min(1, 'sender is empty').max(500)),
  sent: text,
  status: z.preprocess(textOf, z.enum(['Actual', 'Exercise', 'System', 'Test', 'Draft'])),
  msgType: z.preprocess(textOf, z.enum(['Alert', 'Update', 'Cancel', 'Ack', 'Error'])),
  scope: z.preprocess(textOf, z.enum(['Public', 'Restricted', 'Private'])),
  references: optText,
  info: list(rawInfo),
});

export type CapReference = { sender: string; identifier: string; sent: string };
export type CapInfo = {
  language: string;
  event: string;
  headline?: string;
  description?: string;
  instruction?: string;
  areaDesc?: string;
};
export type CapMessage = {
  identifier: string;
  sender: string;
  sent: number;
  status: 'Actual' | 'Exercise' | 'System' | 'Test' | 'Draft';
  msgType: 'Alert' | 'Update' | 'Cancel' | 'Ack' | 'Error';
  references: CapReference[];
  infos: CapInfo[];
  severity: (typeof CAP_SEVERITIES)[number];
  urgency: 'Immediate' | 'Expected' | 'Future' | 'Past' | 'Unknown';
  certainty: 'Observed' | 'Likely' | 'Possible' | 'Unlikely' | 'Unknown';
  effective?: number;
  expires?: number;
  polygons: LonLat[][];
  geocodes: { valueName: string; value: string }[];
  /** Areas that could not be read (kept as warnings, the rest of the alert still counts). */
  warnings: string[];
};

export type CapItem = { label: string } & ({ ok: true; message: CapMessage } | { ok: false; reason: string });

function describe(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((i) => `${i.path.length ? i.path.join('.') : '(root)'}: ${i.message}`)
    .join('; ');
}

const MAX_INFOS = 50;
const MAX_AREAS = 100;
const MAX_SHAPES = 500;

const asList = (v: unknown): unknown[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

/** Counts checked before zod, so a hostile alert with thousands of blocks costs little to refuse. */
function oversized(node: unknown): string | undefined {
  if (!isRecord(node)) return undefined;
  const infos = asList(node['info']);
  if (infos.length > MAX_INFOS) return `more than ${MAX_INFOS} info blocks`;
  for (const info of infos) {
    const areas = isRecord(info) ? asList(info['area']) : [];
    if (areas.length > MAX_AREAS) return `more than ${MAX_AREAS} areas in one info`;
    for (const area of areas) {
      if (!isRecord(area)) continue;
      const shapes =
        asList(area['polygon']).length + asList(area['circle']).length + asList(area['geocode']).length;
      if (shapes > MAX_SHAPES) return `more than ${MAX_SHAPES} polygons, circles and geocodes in one area`;
    }
  }
  return undefined;
}

/** "sender,identifier,sent sender,identifier,sent …" → triples. */
export function parseReferences(value: string): CapReference[] | undefined {
  const out: CapReference[] = [];
  for (const token of value.trim().split(/\s+/)) {
    const [sender, identifier, sent, ...rest] = token.split(',');
    if (!sender || !identifier || !sent || rest.length > 0) return undefined;
    out.push({ sender, identifier, sent });
  }
  return out.length > 0 ? out : undefined;
}

/** One `<alert>` element (prefixes already stripped) → a message, or the reason it is refused. */
export function toCapMessage(
  node: unknown,
): { ok: true; message: CapMessage } | { ok: false; reason: string } {
  const tooBig = oversized(node);
  if (tooBig) return { ok: false, reason: `invalid CAP alert: ${tooBig}` };
  const parsed = rawAlert.safeParse(node);
  if (!parsed.success) return { ok: false, reason: `invalid CAP alert: ${describe(parsed.error)}` };
  const raw = parsed.data;
  const sent = parseTime(raw.sent);
  if (sent === undefined)
    return { ok: false, reason: `invalid CAP alert: sent "${raw.sent.slice(0, 40)}" is not a date-time` };
  let references: CapReference[] = [];
  // An empty <references/> (seen in real NAAD alerts) says nothing; an Update/Cancel still needs some.
  if (raw.references !== undefined && raw.references.trim() !== '') {
    const refs = parseReferences(raw.references);
    if (!refs)
      return { ok: false, reason: 'invalid CAP alert: references must be "sender,identifier,sent" triples' };
    references = refs;
  }
  if (raw.msgType === 'Ack' || raw.msgType === 'Error') {
    return { ok: false, reason: `CAP ${raw.msgType} messages carry no alert for the wall` };
  }
  if ((raw.msgType === 'Update' || raw.msgType === 'Cancel') && references.length === 0) {
    return { ok: false, reason: `CAP ${raw.msgType} without references` };
  }
  const first = raw.info[0];
  if (!first && raw.msgType !== 'Cancel') return { ok: false, reason: 'CAP alert has no <info> block' };

  const warnings: string[] = [];
  const polygons: LonLat[][] = [];
  const geocodes: { valueName: string; value: string }[] = [];
  let effective: number | undefined;
  let expires: number | undefined;
  for (const info of raw.info) {
    // One window for the whole alert: the earliest start and the latest end over its infos.
    const start = parseTime(info.effective) ?? parseTime(info.onset);
    if (start !== undefined) effective = effective === undefined ? start : Math.min(effective, start);
    const end = parseTime(info.expires);
    if (end !== undefined) expires = expires === undefined ? end : Math.max(expires, end);
    for (const area of info.area) {
      for (const p of area.polygon) {
        const r = parsePolygon(p);
        if ('ring' in r) polygons.push(r.ring);
        else warnings.push(r.reason);
      }
      for (const c of area.circle) {
        const r = parseCircle(c);
        if ('ring' in r) polygons.push(r.ring);
        else warnings.push(r.reason);
      }
      for (const g of area.geocode)
        geocodes.push({ valueName: cleanText(g.valueName, 200), value: cleanText(g.value, 200) });
    }
  }
  const infos: CapInfo[] = raw.info.slice(0, 20).map((info) => {
    const areaDesc = info.area
      .map((a) => a.areaDesc?.trim())
      .filter((d): d is string => !!d)
      .join('; ');
    return {
      language: info.language.trim(),
      event: cleanText(info.event, 200),
      ...(info.headline ? { headline: cleanText(info.headline, 4000) } : {}),
      ...(info.description ? { description: cleanText(info.description, 4000) } : {}),
      ...(info.instruction ? { instruction: cleanText(info.instruction, 4000) } : {}),
      ...(areaDesc ? { areaDesc: cleanText(areaDesc, 4000) } : {}),
    };
  });
  // Identical polygons repeat across language blocks: keep each area once.
  const uniquePolygons = [...new Map(polygons.map((p) => [JSON.stringify(p), p])).values()].slice(0, 100);
  const uniqueGeocodes = [...new Map(geocodes.map((g) => [`${g.valueName}=${g.value}`, g])).values()].slice(
    0,
    200,
  );
  return {
    ok: true,
    message: {
      identifier: raw.identifier.trim(),
      sender: raw.sender.trim(),
      sent,
      status: raw.status,
      msgType: raw.msgType,
      references,
      infos,
      severity: first?.severity ?? 'Unknown',
      urgency: first?.urgency ?? 'Unknown',
      certainty: first?.certainty ?? 'Unknown',
      ...(effective !== undefined ? { effective } : {}),
      ...(expires !== undefined ? { expires } : {}),
      polygons: uniquePolygons,
      geocodes: uniqueGeocodes,
      warnings,
    },
  };
}

type Found = { node: XmlNode; namespace: string | undefined };

/** Every `<alert>` element in a parsed document, with the namespace it is in. */
export function findAlerts(doc: XmlNode): Found[] {
  const found: Found[] = [];
  const walk = (node: XmlNode, ns: ReadonlyMap<string, string>, depth: number): void => {
    if (depth > 12 || found.length >= MAX_ALERTS_PER_DOCUMENT) return;
    const here = namespacesOf(node, ns);
    for (const [key, value] of Object.entries(node)) {
      if (key.startsWith('@_') || key === '#text') continue;
      const items = Array.isArray(value) ? (value as unknown[]) : [value];
      for (const item of items) {
        if (!isRecord(item)) continue;
        if (localName(key) === 'alert') {
          const prefix = key.includes(':') ? key.slice(0, key.indexOf(':')) : '';
          found.push({ node: item, namespace: namespacesOf(item, here).get(prefix) });
          if (found.length >= MAX_ALERTS_PER_DOCUMENT) return;
        } else {
          walk(item, here, depth + 1);
        }
      }
    }
  };
  walk(doc, new Map(), 0);
  return found;
}

/** A parsed XML document → one item per `<alert>` found (or a single reason when there is none). */
export function capItemsFromDocument(doc: XmlNode): XmlResult<CapItem[]> {
  const found = findAlerts(doc);
  if (found.length === 0) return { ok: false, reason: 'no CAP <alert> element found' };
  const items = found.map(({ node, namespace }, index): CapItem => {
    const stripped = stripPrefixes(node);
    const identifier = isRecord(stripped) ? textOf(stripped['identifier'])?.trim() : undefined;
    const label = identifier ? identifier.slice(0, 120) : `alert[${index}]`;
    if (!namespace || !CAP_NAMESPACES.has(namespace)) {
      return {
        label,
        ok: false,
        reason: `alert is not in the CAP 1.1/1.2 namespace (got "${(namespace ?? 'none').slice(0, 80)}")`,
      };
    }
    const result = toCapMessage(stripped);
    return result.ok
      ? { label, ok: true, message: result.message }
      : { label, ok: false, reason: result.reason };
  });
  return { ok: true, value: items };
}

/** Bytes of a CAP document → its alerts. Encoding, DTD and syntax problems refuse the whole document. */
export function parseCapDocument(bytes: Uint8Array): XmlResult<CapItem[]> {
  const decoded = decodeXml(bytes);
  if (!decoded.ok) return decoded;
  const doc = parseXml(decoded.value);
  if (!doc.ok) return doc;
  return capItemsFromDocument(doc.value);
}
