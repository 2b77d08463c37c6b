import fc from 'fast-check';
import { EVENT_TYPES } from '../../src/shared/protocol/eventData.ts';

/**
 * Seeded generator of what a broken or hostile hub could send on `events`: envelopes that must each be
 * rejected (wrong types, NaN/Infinity, out-of-range or non-finite coordinates, huge strings, deep
 * nesting, prototype keys, unknown types, a type on the wrong stream, missing fields, non-objects) mixed
 * with valid `camera.status` envelopes whose seqs are contiguous, plus whole messages that are not arrays.
 * Every hostile item is built from a valid one by ONE mutation known to invalidate it, so "every hostile
 * one rejected" is exact, not probabilistic.
 */

export interface HostilePlan {
  /** The `events` messages, in send order (JSON-safe except NaN/Infinity, which the wire turns into null). */
  messages: unknown[];
  hostile: number;
  valid: number;
  /** Mutation name → how many were generated (for the report table). */
  byKind: Record<string, number>;
}

const STREAM = 'security';
const validData = (status: string, withAttrs: boolean, note: string): Record<string, unknown> => ({
  status,
  position: [106.76, 21.85],
  ...(withAttrs ? { attrs: { note, floor: 3, tags: ['a', 'b'] } } : {}),
});

function nested(depth: number): unknown {
  let v: unknown = 'bottom';
  for (let i = 0; i < depth; i++) v = i % 2 === 0 ? { k: v } : [v];
  return v;
}

/** An own `__proto__` / `constructor` / `prototype` key, as JSON.parse makes it from the wire. */
function prototypeKeyed(key: string, depth: number): unknown {
  let text = `{"${key}":{"polluted":true}}`;
  for (let i = 0; i < depth; i++) text = `{"x":${text}}`;
  return JSON.parse(text) as unknown;
}

type Mutation = (e: Record<string, unknown>, r: number) => unknown;

const UNKNOWN_TYPES = [
  'alarm.exploded',
  'camera',
  '',
  'toString',
  '__proto__',
  'x'.repeat(150),
  'camera.status ',
  'CAMERA.STATUS',
];

/** Each takes a valid envelope (a fresh copy) and a random integer, and returns an invalid item. */
const MUTATIONS: Record<string, Mutation> = {
  seqString: (e) => ({ ...e, seq: String(e.seq) }),
  seqNaN: (e) => ({ ...e, seq: Number.NaN }),
  seqNegative: (e, r) => ({ ...e, seq: -1 - (r % 1000) }),
  seqFraction: (e) => ({ ...e, seq: 1.5 }),
  tsInfinity: (e) => ({ ...e, ts: Number.POSITIVE_INFINITY }),
  tsString: (e) => ({ ...e, ts: '2026-01-01' }),
  unknownType: (e, r) => ({ ...e, type: UNKNOWN_TYPES[r % UNKNOWN_TYPES.length] }),
  wrongStream: (e, r) => ({
    ...e,
    stream: ['traffic', 'environment', 'units', 'incidents', 'reports', 'alerts'][r % 6],
  }),
  unknownStream: (e) => ({ ...e, stream: 'cctv' }),
  lonOutOfRange: (e, r) => ({ ...e, data: { ...(e.data as object), position: [181 + (r % 1000), 21] } }),
  latNull: (e) => ({ ...e, data: { ...(e.data as object), position: [106.7, null] } }),
  lonInfinity: (e) => ({ ...e, data: { ...(e.data as object), position: [Number.POSITIVE_INFINITY, 21] } }),
  positionString: (e) => ({ ...e, data: { ...(e.data as object), position: '106.7,21.8' } }),
  positionTriple: (e) => ({ ...e, data: { ...(e.data as object), position: [106.7, 21.8, 5, 6, 7] } }),
  hugeAttrString: (e, r) => ({
    ...e,
    data: { ...(e.data as object), attrs: { note: 'x'.repeat(20_000 + (r % 30_000)) } },
  }),
  hugeId: (e, r) => ({ ...e, id: `camera:${'a'.repeat(200 + (r % 800))}` }),
  badIdChars: (e) => ({ ...e, id: 'camera:<script>' }),
  hugeSource: (e) => ({ ...e, source: 's'.repeat(5000) }),
  deepNesting: (e, r) => ({ ...e, data: { ...(e.data as object), attrs: { deep: nested(40 + (r % 400)) } } }),
  protoKey: (e, r) => ({ ...e, data: { ...(e.data as object), attrs: prototypeKeyed('__proto__', r % 4) } }),
  constructorKey: (e, r) => ({
    ...e,
    data: { ...(e.data as object), attrs: prototypeKeyed('constructor', r % 4) },
  }),
  prototypeKey: (e, r) => ({
    ...e,
    data: { ...(e.data as object), attrs: prototypeKeyed('prototype', r % 4) },
  }),
  protoTopLevel: (e) => Object.assign(JSON.parse('{"__proto__":{"isAdmin":true}}') as object, e),
  statusWrongType: (e) => ({ ...e, data: { ...(e.data as object), status: 42 } }),
  statusUnknown: (e) => ({ ...e, data: { ...(e.data as object), status: 'exploded' } }),
  dataNull: (e) => ({ ...e, data: null }),
  dataArray: (e) => ({ ...e, data: [1, 2, 3] }),
  missingField: (e, r) => {
    const copy = { ...e };
    delete copy[['stream', 'seq', 'ts', 'type', 'id', 'data'][r % 6] as string];
    return copy;
  },
  notObject: (_e, r) => [null, 42, 'events', true, [], [1, 2], 0][r % 7],
  tooManyAttrs: (e) => ({
    ...e,
    data: {
      ...(e.data as object),
      attrs: Object.fromEntries(Array.from({ length: 250 }, (_, i) => [`k${i}`, i])),
    },
  }),
};
export const MUTATION_NAMES = Object.keys(MUTATIONS);

/** Whole `events` messages that are not an array: each counts as one rejected message. */
const NON_ARRAYS: unknown[] = [null, 42, 'events', { 0: 'a', length: 1 }, true];

const planItemArb = fc.record({
  hostile: fc.boolean(),
  mutation: fc.constantFrom(...MUTATION_NAMES),
  r: fc.nat(),
  status: fc.constantFrom('online', 'offline', 'degraded'),
  camera: fc.integer({ min: 1, max: 200 }),
  withAttrs: fc.boolean(),
  note: fc.string({ maxLength: 40, unit: 'grapheme' }),
});

/**
 * `total` items (envelopes or non-array messages), about a third hostile, in `events` messages of
 * 1–25 items. Deterministic for a seed.
 */
export function planHostileRun(seed: number, total: number, startTs = Date.now()): HostilePlan {
  const items = fc.sample(planItemArb, { seed, numRuns: total });
  const sizes = fc.sample(fc.integer({ min: 1, max: 25 }), { seed: seed + 1, numRuns: total });
  const messages: unknown[] = [];
  const byKind: Record<string, number> = {};
  let seq = 0;
  let hostile = 0;
  let valid = 0;
  let batch: unknown[] = [];
  let sizeIndex = 0;
  const close = () => {
    if (batch.length > 0) messages.push(batch);
    batch = [];
  };
  for (const [i, item] of items.entries()) {
    const base = {
      stream: STREAM,
      seq: seq + 1,
      ts: startTs + i,
      type: 'camera.status',
      id: `camera:c-${item.camera}`,
      data: validData(item.status, item.withAttrs, item.note),
      source: 'demo',
    };
    // Roughly one in three hostile; one in fifty of those a whole non-array message.
    if (item.hostile && item.r % 3 !== 0) {
      if (item.r % 50 === 1) {
        close();
        messages.push(NON_ARRAYS[item.r % NON_ARRAYS.length]);
        byKind.nonArrayMessage = (byKind.nonArrayMessage ?? 0) + 1;
      } else {
        batch.push((MUTATIONS[item.mutation] as Mutation)(base, item.r));
        byKind[item.mutation] = (byKind[item.mutation] ?? 0) + 1;
      }
      hostile += 1;
    } else {
      seq += 1;
      batch.push(base);
      valid += 1;
    }
    if (batch.length >= (sizes[sizeIndex] ?? 10)) {
      sizeIndex += 1;
      close();
    }
  }
  close();
  return { messages, hostile, valid, byKind };
}

// Keep the generator honest: the valid base type must stay on the stream it claims.
if (EVENT_TYPES['camera.status'].stream !== STREAM)
  throw new Error('camera.status moved streams: update hostileMessages.ts');
