import type { LonLat } from '../../../shared/protocol/geo.ts';
import { distanceM } from '../geoMath.ts';
import type { RoadNetwork } from '../network.ts';

/** Shortest paths on the natural road network (a few hundred nodes: plain Dijkstra with a binary heap). */

export interface Route {
  /** lon, lat pairs. */
  pts: Float64Array;
  /** Cumulative metres at each point. */
  cum: Float64Array;
  total: number;
}

export function nearestNode(net: RoadNetwork, p: LonLat): number {
  let best = 0;
  let bestD = Infinity;
  net.nodes.forEach((n, i) => {
    if ((net.outgoing[i]?.length ?? 0) === 0) return;
    const d = distanceM(n.position, p);
    if (d < bestD) {
      bestD = d;
      best = i;
    }
  });
  return best;
}

export function route(net: RoadNetwork, from: number, to: number): Route {
  const n = net.nodes.length;
  const dist = new Float64Array(n).fill(Infinity);
  const via = new Int32Array(n).fill(-1);
  const heap: [number, number][] = [[0, from]];
  dist[from] = 0;
  while (heap.length > 0) {
    const [d, u] = popMin(heap);
    if (u === to) break;
    if (d > (dist[u] as number)) continue;
    for (const s of net.outgoing[u] ?? []) {
      const seg = net.segments[s];
      if (!seg) continue;
      const nd = d + seg.lengthM;
      if (nd < (dist[seg.to] as number)) {
        dist[seg.to] = nd;
        via[seg.to] = s;
        pushHeap(heap, [nd, seg.to]);
      }
    }
  }
  const chain: number[] = [];
  for (let v = to; v !== from && via[v] !== -1; ) {
    const s = via[v] as number;
    chain.push(s);
    v = net.segments[s]?.from ?? from;
  }
  chain.reverse();
  const coords: LonLat[] = [net.nodes[from]?.position ?? [0, 0]];
  for (const s of chain) coords.push(...(net.segments[s]?.path.slice(1) ?? []));
  if (coords.length === 1) coords.push(coords[0] as LonLat);
  const pts = new Float64Array(coords.length * 2);
  const cum = new Float64Array(coords.length);
  coords.forEach((c, i) => {
    pts[i * 2] = c[0];
    pts[i * 2 + 1] = c[1];
    if (i > 0) cum[i] = (cum[i - 1] as number) + distanceM(coords[i - 1] as LonLat, c);
  });
  return { pts, cum, total: cum[cum.length - 1] as number };
}

/** Position and heading at `d` metres along a route. */
export function along(r: Route, d: number): { position: LonLat; headingDeg: number } {
  const cum = r.cum;
  let lo = 0;
  let hi = cum.length - 1;
  const dd = Math.max(0, Math.min(r.total, d));
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if ((cum[mid] as number) <= dd) lo = mid;
    else hi = mid;
  }
  const span = (cum[hi] as number) - (cum[lo] as number);
  const t = span > 0 ? (dd - (cum[lo] as number)) / span : 0;
  const ax = r.pts[lo * 2] as number;
  const ay = r.pts[lo * 2 + 1] as number;
  const bx = r.pts[hi * 2] as number;
  const by = r.pts[hi * 2 + 1] as number;
  const heading = ((Math.atan2((bx - ax) * Math.cos((ay * Math.PI) / 180), by - ay) * 180) / Math.PI + 360) % 360;
  return {
    position: [Math.round((ax + (bx - ax) * t) * 1e6) / 1e6, Math.round((ay + (by - ay) * t) * 1e6) / 1e6],
    headingDeg: Math.round(heading),
  };
}

function pushHeap(h: [number, number][], item: [number, number]): void {
  h.push(item);
  let i = h.length - 1;
  while (i > 0) {
    const p = (i - 1) >> 1;
    if ((h[p] as [number, number])[0] <= item[0]) break;
    h[i] = h[p] as [number, number];
    i = p;
  }
  h[i] = item;
}

function popMin(h: [number, number][]): [number, number] {
  const top = h[0] as [number, number];
  const last = h.pop() as [number, number];
  const n = h.length;
  if (n > 0) {
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      const c = r < n && (h[r] as [number, number])[0] < (h[l] as [number, number])[0] ? r : l;
      if ((h[c] as [number, number])[0] >= last[0]) break;
      h[i] = h[c] as [number, number];
      i = c;
    }
    h[i] = last;
  }
  return top;
}
