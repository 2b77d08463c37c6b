import { applyBatch, applyCatalog, createWallState } from '../../../src/renderer/state/wallState.ts';
import type { FeedBatch } from '../../../src/shared/ipc/contract.ts';
import type { CatalogItem } from '../../../src/shared/protocol/index.ts';

/**
 * Renderer cost of one `feed.batch` at a given city size: `entities` catalog segments plus units, then
 * batches that touch `batchSize` of them (what main's coalescing tick sends). Returns CPU ms per batch
 * (median of `rounds`). Shared by the unit bench and `npm run bench -- client`.
 */
export function measureApplyBatch(
  entities: number,
  batchSize = 2000,
  rounds = 15,
): { msPerBatch: number; msPerEntity: number } {
  const segments = Math.floor(entities * 0.8);
  const units = entities - segments;
  const catalog: CatalogItem[] = [];
  for (let i = 0; i < segments; i++) {
    const lon = 106.7 + (i % 300) * 0.0003;
    const lat = 21.8 + Math.floor(i / 300) * 0.0003;
    catalog.push({
      kind: 'segment',
      id: `segment:${i}`,
      name: `s${i}`,
      road: 'r',
      roadClass: 'residential',
      lanes: 1,
      freeFlowKmh: 40,
      lengthM: 30,
      upstream: [],
      path: [
        [lon, lat],
        [lon + 0.0002, lat],
      ],
    });
  }
  const state = createWallState();
  applyCatalog(state, catalog);
  let seq = 0;
  const unitBatch = (ids: number[], ts: number): FeedBatch['upserts'] =>
    ids.map((i) => ({
      stream: 'units',
      seq: ++seq,
      ts,
      type: 'unit.position',
      id: `unit:${i}`,
      data: {
        unitType: 'police',
        callsign: `CS-${i}`,
        status: 'available',
        position: [106.7 + i * 1e-6, 21.8],
        headingDeg: 0,
        speedKmh: 10,
      },
    }));
  applyBatch(state, {
    upserts: unitBatch(
      Array.from({ length: units }, (_, i) => i),
      1,
    ),
    removals: [],
  });

  const batches: FeedBatch[] = [];
  for (let r = 0; r < rounds; r++) {
    const upserts: FeedBatch['upserts'] = [];
    for (let k = 0; k < batchSize; k++) {
      const pick = (r * 7919 + k * 104729) % entities;
      if (pick < segments) {
        upserts.push({
          stream: 'traffic',
          seq: ++seq,
          ts: 2 + r,
          type: 'segment.speed',
          id: `segment:${pick}`,
          data: { speedKmh: 20, freeFlowKmh: 40, congestion: (k % 100) / 100 },
        });
      } else upserts.push(...unitBatch([pick - segments], 2 + r));
    }
    batches.push({ upserts, removals: [] });
  }
  const times: number[] = [];
  for (const b of batches) {
    const t0 = performance.now();
    applyBatch(state, b);
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const msPerBatch = times[Math.floor(times.length / 2)] ?? Number.NaN;
  return { msPerBatch, msPerEntity: msPerBatch / batchSize };
}
