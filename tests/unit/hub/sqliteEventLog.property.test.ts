import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SqliteEventLog } from '../../../src/hub/log/sqliteEventLog.ts';
import type { EventDraft } from '../../../src/shared/protocol/envelope.ts';
import type { StreamName } from '../../../src/shared/protocol/streams.ts';
import { alarmDraft, speedDraft } from './fixtures.ts';

// Operations on a handful of entities, so upserts, removals and re-creations collide often.
const op = fc.oneof(
  fc.record({ kind: fc.constant('speed' as const), entity: fc.integer({ min: 0, max: 4 }), value: fc.integer({ min: 0, max: 99 }) }),
  fc.record({ kind: fc.constant('segmentRemoved' as const), entity: fc.integer({ min: 0, max: 4 }) }),
  fc.record({ kind: fc.constant('alarm' as const), entity: fc.integer({ min: 0, max: 2 }), value: fc.integer({ min: 0, max: 99 }) }),
  fc.record({ kind: fc.constant('alarmAck' as const), entity: fc.integer({ min: 0, max: 2 }) }),
  fc.record({ kind: fc.constant('alarmRemoved' as const), entity: fc.integer({ min: 0, max: 2 }) }),
);
type Op = typeof op extends fc.Arbitrary<infer T> ? T : never;

function draftOf(o: Op): EventDraft {
  switch (o.kind) {
    case 'speed':
      return speedDraft(o.value, `segment:p-${o.entity}`);
    case 'segmentRemoved':
      return { type: 'segment.removed', id: `segment:p-${o.entity}`, data: {} };
    case 'alarm':
      return alarmDraft(o.value, `alarm:p-${o.entity}`);
    case 'alarmAck':
      return { type: 'alarm.acknowledged', id: `alarm:p-${o.entity}`, data: { by: { operator: 'a', station: 'b' }, at: 1 } };
    case 'alarmRemoved':
      return { type: 'alarm.removed', id: `alarm:p-${o.entity}`, data: {} };
  }
}

describe('SqliteEventLog (property)', () => {
  it('matches a simple model: contiguous seqs, latest per (entity, type), removals, restarts', () => {
    fc.assert(
      fc.property(fc.array(fc.array(op, { maxLength: 150 }), { minLength: 1, maxLength: 6 }), fc.integer({ min: 0, max: 5 }), (batches, restartAt) => {
        const dir = mkdtempSync(join(tmpdir(), 'wf-prop-'));
        try {
          const path = join(dir, 'hub.db');
          let log = new SqliteEventLog({ path, clock: () => 1 });
          const model = new Map<string, number>();
          const last: Record<StreamName, number> = { traffic: 0, security: 0, environment: 0, units: 0, incidents: 0, reports: 0, alerts: 0 };
          batches.forEach((batch, b) => {
            if (b === restartAt) {
              log.close();
              log = new SqliteEventLog({ path, clock: () => 1 });
            }
            const out = log.appendBatch(batch.map(draftOf));
            for (const e of out) {
              expect(e.seq).toBe(last[e.stream] + 1);
              last[e.stream] = e.seq;
              if (e.type.endsWith('.removed')) {
                for (const key of [...model.keys()]) if (key.startsWith(`${e.stream} ${e.id} `)) model.delete(key);
              } else model.set(`${e.stream} ${e.id} ${e.type}`, e.seq);
            }
          });
          for (const stream of ['traffic', 'security'] as const) {
            expect(log.range(stream).lastSeq).toBe(last[stream]);
            expect(log.readRange(stream, 0, 10_000).map((e) => e.seq)).toEqual(Array.from({ length: last[stream] }, (_, i) => i + 1));
            const snapshot = log.openSnapshot(stream);
            const held = [...snapshot.nextPage(10_000)];
            snapshot.close();
            const expected = [...model].filter(([key]) => key.startsWith(`${stream} `));
            expect(held.map((e) => `${e.stream} ${e.id} ${e.type}=${e.seq}`).sort()).toEqual(expected.map(([k, seq]) => `${k}=${seq}`).sort());
          }
          log.close();
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      }),
      { numRuns: 40 },
    );
  });
});
