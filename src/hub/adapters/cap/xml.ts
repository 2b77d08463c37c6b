import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { isRecord } from '../util.ts';

/**
 * Safe XML for CAP and its feeds: bytes → text in the declared encoding, no DTD at all (a DOCTYPE is
 * refused before parsing, so no entity can be defined, expanded or fetched), syntax checked with a clear
 * line/column error, then parsed with namespace prefixes kept so the CAP namespace can be checked.
 */

export type XmlResult<T> = { ok: true; value: T } | { ok: false; reason: string };
export type XmlNode = Record<string, unknown>;

const UTF8_BOM = [0xef, 0xbb, 0xbf];

/** Decodes an XML document's bytes: UTF-8 BOM, UTF-16 BOMs, and the encoding its declaration names. */
export function decodeXml(bytes: Uint8Array): XmlResult<string> {
  if (bytes[0] === UTF8_BOM[0] && bytes[1] === UTF8_BOM[1] && bytes[2] === UTF8_BOM[2]) {
    return decodeWith('utf-8', bytes.subarray(3));
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return decodeWith('utf-16le', bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return decodeWith('utf-16be', bytes.subarray(2));
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 300));
  const declared =
    /^\s*<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._-]+)["']/.exec(head)?.[1]?.toLowerCase() ?? 'utf-8';
  if (declared === 'utf-8' || declared === 'utf8') return decodeWith('utf-8', bytes);
  // WHATWG maps ISO-8859-1/latin1/ASCII labels to windows-1252, a superset that decodes them all.
  if (
    ['iso-8859-1', 'iso8859-1', 'latin1', 'l1', 'windows-1252', 'cp1252', 'us-ascii', 'ascii'].includes(
      declared,
    )
  ) {
    return decodeWith('windows-1252', bytes);
  }
  return {
    ok: false,
    reason: `unsupported XML encoding "${declared.slice(0, 40)}" (UTF-8, UTF-16 or ISO-8859-1 expected)`,
  };
}

function decodeWith(encoding: string, bytes: Uint8Array): XmlResult<string> {
  try {
    return { ok: true, value: new TextDecoder(encoding, { fatal: true }).decode(bytes) };
  } catch {
    return { ok: false, reason: `body is not valid ${encoding.toUpperCase()}` };
  }
}

/** Elements that may repeat, always read as arrays so one and many look alike. */
const REPEATED = new Set([
  'alert',
  'info',
  'area',
  'polygon',
  'circle',
  'geocode',
  'entry',
  'item',
  'link',
  'category',
]);

export function localName(name: string): string {
  const i = name.indexOf(':');
  return i < 0 ? name : name.slice(i + 1);
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  // Only the five predefined XML entities and character references remain once DOCTYPE is refused.
  processEntities: true,
  htmlEntities: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  removeNSPrefix: false,
  isArray: (name, _path, _leaf, isAttribute) => !isAttribute && REPEATED.has(localName(name)),
});

/**
 * Markup ('<') allowed in one document. The largest real CAP document seen (a 13-alert collection) has
 * ~2,000; parsing is synchronous, and 45k tags in a 1 MB body held the event loop for ~2 s (10k: ~0.1 s).
 */
export const MAX_MARKUP = 10_000;

function countMarkup(text: string): number {
  let n = 0;
  for (let i = text.indexOf('<'); i >= 0 && n <= MAX_MARKUP; i = text.indexOf('<', i + 1)) n++;
  return n;
}

/** Parses XML text to a tree; refuses DTDs and reports syntax errors with their position. */
export function parseXml(text: string): XmlResult<XmlNode> {
  if (/<!DOCTYPE/i.test(text) || /<!ENTITY/i.test(text)) {
    return { ok: false, reason: 'DOCTYPE/ENTITY declarations are not accepted (DTD processing is off)' };
  }
  if (countMarkup(text) > MAX_MARKUP)
    return { ok: false, reason: `XML document has more than ${MAX_MARKUP} tags` };
  let valid: ReturnType<typeof XMLValidator.validate>;
  try {
    valid = XMLValidator.validate(text);
  } catch (error) {
    return {
      ok: false,
      reason: `invalid XML: ${error instanceof Error ? error.message.slice(0, 200) : 'parse error'}`,
    };
  }
  if (valid !== true) {
    return {
      ok: false,
      reason: `invalid XML at line ${valid.err.line}, column ${valid.err.col}: ${valid.err.msg}`,
    };
  }
  try {
    const doc: unknown = parser.parse(text);
    if (!isRecord(doc)) return { ok: false, reason: 'empty XML document' };
    return { ok: true, value: doc };
  } catch (error) {
    return {
      ok: false,
      reason: `invalid XML: ${error instanceof Error ? error.message.slice(0, 200) : 'parse error'}`,
    };
  }
}

/** Element children of a node by local name (prefixes dropped), each as an array. */
export function children(node: XmlNode, name: string): unknown[] {
  const out: unknown[] = [];
  for (const [key, value] of Object.entries(node)) {
    if (key.startsWith('@_') || localName(key) !== name) continue;
    if (Array.isArray(value)) out.push(...(value as unknown[]));
    else out.push(value);
  }
  return out;
}

/**
 * A copy of a subtree with namespace prefixes removed from element names (`cap:info` → `info`), so
 * `<cap:alert>` and `<alert xmlns=…>` read the same. Attributes and text are kept as they are.
 */
export function stripPrefixes(value: unknown, depth = 0): unknown {
  if (depth > 64) return undefined;
  if (Array.isArray(value)) return value.map((v) => stripPrefixes(v, depth + 1));
  if (!isRecord(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) {
    const name = key.startsWith('@_') || key === '#text' ? key : localName(key);
    const stripped = stripPrefixes(child, depth + 1);
    const existing = out[name];
    if (existing === undefined) out[name] = stripped;
    else
      out[name] = [
        ...(Array.isArray(existing) ? existing : [existing]),
        ...(Array.isArray(stripped) ? stripped : [stripped]),
      ];
  }
  return out;
}

/** Namespace declarations of an element (`@_xmlns` → '', `@_xmlns:cap` → 'cap'). */
export function namespacesOf(node: XmlNode, inherited: ReadonlyMap<string, string>): Map<string, string> {
  const out = new Map(inherited);
  for (const [key, value] of Object.entries(node)) {
    if (typeof value !== 'string') continue;
    if (key === '@_xmlns') out.set('', value.trim());
    else if (key.startsWith('@_xmlns:')) out.set(key.slice('@_xmlns:'.length), value.trim());
  }
  return out;
}

/** Text content of a parsed element (a string, or `#text` of an element that has attributes). */
export function textOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (isRecord(value)) {
    const t = value['#text'];
    if (typeof t === 'string' || typeof t === 'number') return String(t);
    return '';
  }
  return undefined;
}
