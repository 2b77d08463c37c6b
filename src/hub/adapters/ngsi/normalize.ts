import { z } from 'zod';
import { isRecord } from '../util.ts';

/**
 * NGSI-LD entity → one internal record, whatever form it came in. Normalized (`{type: 'Property', value}`,
 * `GeoProperty`, `Relationship` with `object`, `LanguageProperty` with `languageMap`, …), concise
 * (`{value, observedAt}` without `type`, `{object}`) and key-values (plain values) all reduce to the
 * attribute's value, and `{"@type": "DateTime", "@value": …}` to its string. So the normalized and concise
 * forms of one entity give the same record; sub-attributes (unitCode, observedAt of one attribute) are
 * metadata and not kept.
 */

export type NgsiRecord = { id: string; type: string; attrs: Record<string, unknown> };

const ATTRIBUTE_TYPES: Readonly<Record<string, string>> = {
  Property: 'value',
  GeoProperty: 'value',
  Relationship: 'object',
  LanguageProperty: 'languageMap',
  ListProperty: 'valueList',
  ListRelationship: 'objectList',
  VocabProperty: 'vocab',
  JsonProperty: 'json',
};
/** Concise attributes carry no `type`: the key that holds the value says what they are. */
const CONCISE_KEYS = ['value', 'object', 'languageMap', 'valueList', 'objectList', 'vocab', 'json'] as const;

const MAX_DEPTH = 16;

/** `https://…/dataModel.Transportation/TrafficFlowObserved`, `…#Alert`, `sdm:Camera` → the short name. */
export function shortName(name: string): string {
  if (!/^(https?:\/\/|urn:)|[#/]|^[A-Za-z][\w-]*:[A-Za-z]/.test(name)) return name;
  const parts = name.split(/[#/:]/).filter((p) => p !== '');
  return parts[parts.length - 1] ?? name;
}

/** Unwraps JSON-LD typed literals anywhere in a value (`{"@type": "DateTime", "@value": x}` → x). */
function plain(value: unknown, depth: number): unknown {
  if (depth > MAX_DEPTH) return null;
  if (Array.isArray(value)) return value.map((v) => plain(v, depth + 1));
  // NFC where text enters: decomposed Vietnamese renders from the fallback font.
  if (typeof value === 'string') return value.normalize('NFC');
  if (!isRecord(value)) return value;
  if ('@value' in value) return plain(value['@value'], depth + 1);
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = plain(v, depth + 1);
  return out;
}

function isAttributeObject(value: unknown): value is Record<string, unknown> {
  if (!isRecord(value)) return false;
  const type = value['type'];
  if (typeof type === 'string' && Object.hasOwn(ATTRIBUTE_TYPES, type)) return true;
  // A concise attribute: no `type`, and one of the value keys.
  return type === undefined && CONCISE_KEYS.some((k) => k in value);
}

/** One attribute in any form → its value. */
export function attributeValue(raw: unknown): unknown {
  // Several instances of one attribute (datasetId): the default instance, else the first.
  if (Array.isArray(raw) && raw.length > 0 && raw.every(isAttributeObject)) {
    const chosen = raw.find((r) => r['datasetId'] === undefined) ?? raw[0];
    return attributeValue(chosen);
  }
  if (isAttributeObject(raw)) {
    const type = raw['type'];
    const key = typeof type === 'string' ? ATTRIBUTE_TYPES[type] : CONCISE_KEYS.find((k) => k in raw);
    return plain(key === undefined ? undefined : raw[key], 0);
  }
  return plain(raw, 0);
}

const entityShape = z.looseObject({
  id: z.string().min(1).max(1000),
  type: z.union([z.string().min(1).max(500), z.array(z.string().min(1).max(500)).min(1).max(10)]),
});

/** Core members of an entity that are not attributes. */
const CORE = new Set([
  'id',
  'type',
  '@id',
  '@type',
  '@context',
  'scope',
  'createdAt',
  'modifiedAt',
  'deletedAt',
]);

export function normalizeEntity(
  raw: unknown,
  known: ReadonlySet<string>,
): { ok: true; record: NgsiRecord } | { ok: false; reason: string; id?: string } {
  const parsed = entityShape.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return {
      ok: false,
      reason: `not an NGSI-LD entity: ${issue ? `${issue.path.join('.') || '(root)'}: ${issue.message}` : 'invalid'}`,
    };
  }
  const { id } = parsed.data;
  const types = (Array.isArray(parsed.data.type) ? parsed.data.type : [parsed.data.type]).map(shortName);
  const type = types.find((t) => known.has(t));
  if (!type) return { ok: false, id, reason: `unsupported NGSI-LD type "${types.join(',').slice(0, 80)}"` };
  const attrs: Record<string, unknown> = {};
  let count = 0;
  for (const [key, value] of Object.entries(parsed.data)) {
    if (CORE.has(key)) continue;
    if (++count > 200) return { ok: false, id, reason: 'entity has more than 200 attributes' };
    attrs[shortName(key)] = attributeValue(value);
  }
  return { ok: true, record: { id, type, attrs } };
}

/** Payload → entities: a single entity, an array, or a notification `{ type: 'Notification', data }`. */
export function entitiesOf(
  payload: unknown,
): { ok: true; entities: unknown[] } | { ok: false; reason: string } {
  if (Array.isArray(payload)) return { ok: true, entities: payload };
  if (isRecord(payload) && payload['type'] === 'Notification') {
    const data = payload['data'];
    if (!Array.isArray(data)) return { ok: false, reason: 'notification without a data array' };
    return { ok: true, entities: data };
  }
  if (isRecord(payload)) return { ok: true, entities: [payload] };
  return { ok: false, reason: 'expected an entity, an array of entities or a notification' };
}
