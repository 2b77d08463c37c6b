import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dispatch, type Handlers } from '../../../src/main/ipc/handlers.ts';
import { invokeResultSchema } from '../../../src/shared/ipc/wire.ts';
import { parseEnvelope } from '../../../src/shared/protocol/envelope.ts';
import { guardUntrusted } from '../../../src/shared/protocol/guard.ts';

// What JSON from the wire can hold that a typed object cannot: `1e999`, own `__proto__` keys, nesting
// deeper than any stack. Parsed from text exactly as socket.io and the IPC WebSocket parse it.
const SEED = Number(process.env.HOSTILE_SEED ?? 20261128);

const envelopeText = (data: string, extra = ''): string =>
  `{"stream":"security","seq":1,"ts":1760000000000,"type":"camera.status","id":"camera:c-1"${extra},"data":${data}}`;

describe('hostile feed JSON', () => {
  it('accepts the valid envelope these are built from', () => {
    expect(
      parseEnvelope(
        JSON.parse(envelopeText('{"status":"online","position":[106.7,21.8],"attrs":{"a":{"b":[1,2]}}}')),
      ).ok,
    ).toBe(true);
  });

  it.each([
    ['1e999 longitude', '{"status":"online","position":[1e999,21.8]}', 'Infinity'],
    ['-1e999 latitude', '{"status":"online","position":[106.7,-1e999]}', 'Infinity'],
    ['__proto__ in data', '{"status":"online","__proto__":{"polluted":true}}', 'prototype key __proto__'],
    [
      '__proto__ deep in attrs',
      '{"status":"online","attrs":{"x":{"y":[{"__proto__":{"isAdmin":true}}]}}}',
      'prototype key __proto__',
    ],
    [
      'constructor in attrs',
      '{"status":"online","attrs":{"constructor":{"prototype":{}}}}',
      'prototype key constructor',
    ],
    ['prototype in attrs', '{"status":"online","attrs":{"prototype":1}}', 'prototype key prototype'],
    [
      'deep nesting',
      `{"status":"online","attrs":{"d":${'['.repeat(5000)}${']'.repeat(5000)}}}`,
      'nested deeper',
    ],
    ['huge string', `{"status":"online","attrs":{"note":"${'x'.repeat(100_000)}"}}`, 'string longer'],
  ])('rejects %s with a reason', (_what, data, reason) => {
    const result = parseEnvelope(JSON.parse(envelopeText(data)));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toContain(reason);
    // Nothing leaked onto Object.prototype on the way.
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
  });

  it('rejects a top-level __proto__ key on the envelope', () => {
    const result = parseEnvelope(JSON.parse(envelopeText('{"status":"online"}', ',"__proto__":{"x":1}')));
    expect(result).toMatchObject({ ok: false });
  });

  it('lets the largest valid shapes through: a 10,000-position multipolygon ring, 200 attrs, 4,000-char text', () => {
    const ring = Array.from({ length: 10_000 }, (_, i) => [106 + i / 1e5, 21]);
    expect(guardUntrusted({ geometry: { type: 'MultiPolygon', coordinates: [[ring]] } })).toBeNull();
    expect(
      guardUntrusted({
        attrs: Object.fromEntries(Array.from({ length: 200 }, (_, i) => [`k${i}`, { v: [i] }])),
      }),
    ).toBeNull();
    expect(guardUntrusted({ description: 'ệ'.repeat(4000) })).toBeNull();
  });

  it('survives nesting far deeper than the call stack (the guard is iterative)', () => {
    const deep = JSON.parse(`${'['.repeat(200_000)}${']'.repeat(200_000)}`) as unknown;
    expect(guardUntrusted(deep)).toContain('nested deeper');
    expect(
      parseEnvelope({ stream: 'security', seq: 1, ts: 1, type: 'camera.status', id: 'c', data: deep }).ok,
    ).toBe(false);
  });

  it('never throws on any JSON value, and rejects every non-envelope', () => {
    console.log(`hostile unit: seed ${SEED}`);
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 6 }), (value) => {
        const result = parseEnvelope(value);
        // A random JSON value is never a complete valid envelope.
        expect(result.ok).toBe(false);
      }),
      { seed: SEED, numRuns: 500 },
    );
  });
});

describe('hostile IPC input', () => {
  const calls: string[] = [];
  const handlers: Handlers = {
    'app.info': () => ({ version: '0', mode: 'web', hubUrl: null, demo: false, dataDir: '/tmp' }),
    'wall.bootstrap': () => {
      throw new Error('not in this test');
    },
    'feed.health': () => ({
      overall: 'offline',
      hubUrl: null,
      streams: {},
      rejected: { total: 0, byReason: {} },
    }),
    'alarm.acknowledge': (input) => {
      calls.push(input.alarmId);
      return { commandId: '00000000-0000-4000-8000-000000000000' };
    },
    'outbox.status': () => ({ pending: 0, pendingItems: [], rejected: [] }),
  };

  it('answers every fuzzed invoke with a result, never a throw, and never hands a handler bad input', async () => {
    const names = fc.oneof(
      fc.constantFrom(
        'app.info',
        'wall.bootstrap',
        'feed.health',
        'alarm.acknowledge',
        'outbox.status',
        '__proto__',
        'constructor',
        'toString',
        'hasOwnProperty',
      ),
      fc.anything(),
    );
    await fc.assert(
      fc.asyncProperty(
        names,
        fc.anything({ withNullPrototype: true, withObjectString: true, maxDepth: 4 }),
        async (name, input) => {
          const result = await dispatch(handlers, name, input);
          expect(invokeResultSchema.safeParse(result).success).toBe(true);
        },
      ),
      { seed: SEED, numRuns: 1000 },
    );
    for (const id of calls) expect(typeof id === 'string' && id.length > 0 && id.length <= 200).toBe(true);
  });

  it.each([
    ['__proto__ key', '{"alarmId":"alarm:1","__proto__":{"x":1}}'],
    ['constructor key', '{"alarmId":"alarm:1","constructor":{"prototype":{"x":1}}}'],
    ['deep note', `{"alarmId":"alarm:1","note":${'['.repeat(100_000)}${']'.repeat(100_000)}}`],
    ['huge note', `{"alarmId":"alarm:1","note":"${'x'.repeat(50_000)}"}`],
    ['bad id', '{"alarmId":"alarm:<script>"}'],
  ])('refuses an acknowledge with a %s', async (_what, text) => {
    const before = calls.length;
    const result = await dispatch(handlers, 'alarm.acknowledge', JSON.parse(text));
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(calls.length).toBe(before);
  });
});
