import { applyBatch, applyCatalog, createWallState } from '../../src/renderer/state/wallState.ts';
import type { FeedBatch } from '../../src/shared/ipc/contract.ts';
import type { CatalogItem } from '../../src/shared/protocol/index.ts';

// The renderer's pure state cost, shared by `npm run bench -- client` and the unit figure
// (tests/unit/renderer/applyBatch.bench.test.ts). A city of n entities: 80 % road segments (catalog
// geometry + speeds), 20 % units.

/** `count` catalog segments laid out on a grid. */
export function segmentCatalog(count: number): CatalogItem[] {
  const catalog: CatalogItem[] = [];
  for (let i = 0; i < count; i++) {
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
  return catalog;
}

export function speedEnvelope(i: number, seq: number, ts: number, congestion = 0.5): FeedBatch['upserts'][number] {
  return {
    stream: 'traffic',
    seq,
    ts,
    type: 'segment.speed',
    id: `segment:${i}`,
    data: { speedKmh: 20, freeFlowKmh: 40, congestion },
  };
}

export function unitEnvelope(i: number, seq: number, ts: number): FeedBatch['upserts'][number] {
  return {
    stream: 'units',
    seq,
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
  };
}

/**
 * CPU ms per `feed.batch` touching `batchSize` entities of a city of `entities` (median of `rounds`
 * batches), what main's coalescing tick sends.
 */
export function measureApplyBatch(
  entities: number,
  batchSize = 2000,
  rounds = 15,
): { msPerBatch: number; msPerEntity: number } {
  const segments = Math.floor(entities * 0.8);
  const units = entities - segments;
  const state = createWallState();
  applyCatalog(state, segmentCatalog(segments));
  let seq = 0;
  applyBatch(state, { upserts: Array.from({ length: units }, (_, i) => unitEnvelope(i, ++seq, 1)), removals: [] });

  const batches: FeedBatch[] = [];
  for (let r = 0; r < rounds; r++) {
    const upserts: FeedBatch['upserts'] = [];
    for (let k = 0; k < batchSize; k++) {
      const pick = (r * 7919 + k * 104729) % entities;
      upserts.push(pick < segments ? speedEnvelope(pick, ++seq, 2 + r, (k % 100) / 100) : unitEnvelope(pick - segments, ++seq, 2 + r));
    }
    // main sends a batch sorted by (stream, seq)
    upserts.sort((a, b) => (a.stream === b.stream ? a.seq - b.seq : a.stream < b.stream ? -1 : 1));
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
