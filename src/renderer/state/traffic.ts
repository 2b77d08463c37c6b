import type { SegmentItem } from './records.ts';

/**
 * Traffic as parallel typed arrays over the catalog's segment list: a `segment.speed` tick writes two
 * floats, and the layer reads colours by index. The segment list itself (deck.gl's `data`) changes only
 * when the catalog does.
 */
export interface TrafficState {
  segments: readonly SegmentItem[];
  indexById: Map<string, number>;
  /** 0..1, NaN when no reading yet. */
  congestion: Float32Array;
  speedKmh: Float32Array;
  /** Hub time of the newest reading per segment, 0 when none. */
  ts: Float64Array;
  version: number;
  membership: number;
  /** Segments with at least one reading. */
  withData: number;
}

export function createTraffic(): TrafficState {
  return {
    segments: [],
    indexById: new Map(),
    congestion: new Float32Array(0),
    speedKmh: new Float32Array(0),
    ts: new Float64Array(0),
    version: 0,
    membership: 0,
    withData: 0,
  };
}

/** Replaces the segment list, keeping readings of segments that survive. */
export function setSegments(traffic: TrafficState, segments: readonly SegmentItem[]): void {
  const congestion = new Float32Array(segments.length).fill(Number.NaN);
  const speed = new Float32Array(segments.length).fill(Number.NaN);
  const ts = new Float64Array(segments.length);
  const indexById = new Map<string, number>();
  let withData = 0;
  segments.forEach((s, i) => {
    indexById.set(s.id, i);
    const old = traffic.indexById.get(s.id);
    if (old !== undefined) {
      congestion[i] = traffic.congestion[old] ?? Number.NaN;
      speed[i] = traffic.speedKmh[old] ?? Number.NaN;
      ts[i] = traffic.ts[old] ?? 0;
      if (ts[i] !== 0) withData++;
    }
  });
  Object.assign(traffic, { segments, indexById, congestion, speedKmh: speed, ts, withData });
  traffic.version++;
  traffic.membership++;
}

/** Returns false when the segment is not in the catalog (it has no geometry to draw). */
export function setSpeed(
  traffic: TrafficState,
  id: string,
  congestion: number,
  speedKmh: number,
  ts: number,
): boolean {
  const i = traffic.indexById.get(id);
  if (i === undefined) return false;
  if (traffic.ts[i] === 0) traffic.withData++;
  traffic.congestion[i] = congestion;
  traffic.speedKmh[i] = speedKmh;
  traffic.ts[i] = ts;
  traffic.version++;
  return true;
}

export function clearSpeed(traffic: TrafficState, id: string): void {
  const i = traffic.indexById.get(id);
  if (i === undefined) return;
  if (traffic.ts[i] !== 0) traffic.withData--;
  traffic.congestion[i] = Number.NaN;
  traffic.speedKmh[i] = Number.NaN;
  traffic.ts[i] = 0;
  traffic.version++;
}
