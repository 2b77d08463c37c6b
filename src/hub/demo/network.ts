import type { LonLat } from '../../shared/protocol/geo.ts';
import { cityGeometry, type Road } from './geometry.ts';
import { NAMED_JUNCTIONS, type RoadClass } from './geometryData.ts';
import { distanceM, intersect, mToLonLat, project } from './geoMath.ts';

/**
 * The natural road network: roads cut at every crossing and T-junction into a graph, each edge split
 * into short directed segments (one per direction, as traffic maps show them), with `upstream` links
 * (segments that flow into this one) so congestion can spread against the flow.
 */

export interface NetSegment {
  index: number;
  name: string;
  road: string;
  roadClass: RoadClass;
  lanes: number;
  freeFlowKmh: number;
  lengthM: number;
  from: number;
  to: number;
  path: LonLat[];
  upstream: number[];
}

export interface NetNode {
  x: number;
  y: number;
  position: LonLat;
  /** Distinct road names meeting here. */
  roads: string[];
  /** Undirected edges at this node. */
  degree: number;
  /** A well-known name (Ngã tư Đông Kinh) when one is close. */
  name?: string;
}

export interface RoadNetwork {
  nodes: NetNode[];
  segments: NetSegment[];
  /** Directed adjacency for routing: outgoing segment indices per node. */
  outgoing: number[][];
}

const SNAP_M = 80;
const MERGE_M = 20;
const MAX_SEGMENT_M: Record<RoadClass, number> = { trunk: 420, primary: 220, secondary: 200, tertiary: 180, residential: 160 };
const FREE_FLOW_KMH: Record<RoadClass, number> = { trunk: 60, primary: 50, secondary: 40, tertiary: 35, residential: 25 };
/** Drive on the right: each direction is drawn a few metres right of the centreline, so both show. */
const LANE_OFFSET_M = 4;

interface Cut {
  at: number;
  node: number;
}

type Pt = [number, number];

export function buildNetwork(): RoadNetwork {
  // Work on a copy: the geometry is shared (cached) and end points get snapped here.
  const roads: Road[] = cityGeometry().roads.map((r) => ({ ...r, pathM: r.pathM.map((p): Pt => [p[0], p[1]]) }));
  const cum = roads.map((r) => cumulative(r.pathM));
  const cuts: Cut[][] = roads.map(() => []);
  const nodePos: Pt[] = [];
  const parent: number[] = [];
  const newNode = (p: Pt): number => {
    nodePos.push(p);
    parent.push(parent.length);
    return parent.length - 1;
  };
  const find = (n: number): number => {
    let r = n;
    while (parent[r] !== r) r = parent[r] as number;
    parent[n] = r;
    return r;
  };
  const union = (a: number, b: number): void => {
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent[Math.max(ra, rb)] = Math.min(ra, rb);
  };

  // Road ends snap onto a nearby road (T-junctions), or stay dead ends.
  roads.forEach((road, ri) => {
    for (const end of [0, road.pathM.length - 1]) {
      const p = road.pathM[end] as Pt;
      let best: { rj: number; at: number; d2: number; point: Pt } | undefined;
      roads.forEach((other, rj) => {
        if (rj === ri) return;
        for (let k = 0; k < other.pathM.length - 1; k++) {
          const a = other.pathM[k] as Pt;
          const b = other.pathM[k + 1] as Pt;
          const pr = project(p, a, b);
          if (pr.d2 < SNAP_M * SNAP_M && (!best || pr.d2 < best.d2)) {
            const segLen = (cum[rj]?.[k + 1] ?? 0) - (cum[rj]?.[k] ?? 0);
            best = { rj, at: (cum[rj]?.[k] ?? 0) + pr.t * segLen, d2: pr.d2, point: [a[0] + (b[0] - a[0]) * pr.t, a[1] + (b[1] - a[1]) * pr.t] };
          }
        }
      });
      const at = end === 0 ? 0 : (cum[ri]?.[end] ?? 0);
      if (best) {
        road.pathM[end] = best.point;
        const n = newNode(best.point);
        cuts[best.rj]?.push({ at: best.at, node: n });
        cuts[ri]?.push({ at, node: n });
      } else {
        cuts[ri]?.push({ at, node: newNode(p) });
      }
    }
  });

  // Crossings.
  for (let i = 0; i < roads.length; i++) {
    for (let j = i + 1; j < roads.length; j++) {
      const a = roads[i] as Road;
      const b = roads[j] as Road;
      for (let k = 0; k < a.pathM.length - 1; k++) {
        const a0 = a.pathM[k] as Pt;
        const a1 = a.pathM[k + 1] as Pt;
        for (let m = 0; m < b.pathM.length - 1; m++) {
          const b0 = b.pathM[m] as Pt;
          const b1 = b.pathM[m + 1] as Pt;
          const hit = intersect(a0, a1, b0, b1);
          if (!hit) continue;
          const point: Pt = [a0[0] + (a1[0] - a0[0]) * hit.t, a0[1] + (a1[1] - a0[1]) * hit.t];
          const n = newNode(point);
          const ca = cum[i] as number[];
          const cb = cum[j] as number[];
          cuts[i]?.push({ at: (ca[k] as number) + hit.t * ((ca[k + 1] as number) - (ca[k] as number)), node: n });
          cuts[j]?.push({ at: (cb[m] as number) + hit.u * ((cb[m + 1] as number) - (cb[m] as number)), node: n });
        }
      }
    }
  }

  // Cuts close together on one road are one junction.
  for (const list of cuts) {
    list.sort((x, y) => x.at - y.at);
    for (let k = 1; k < list.length; k++) {
      const prev = list[k - 1] as Cut;
      const cur = list[k] as Cut;
      if (cur.at - prev.at < MERGE_M) union(prev.node, cur.node);
    }
  }

  const nodeIndex = new Map<number, number>();
  const nodes: NetNode[] = [];
  const nodeRoads: Set<string>[] = [];
  const edgeKeys = new Set<string>();
  const nodeOf = (raw: number): number => {
    const root = find(raw);
    let idx = nodeIndex.get(root);
    if (idx === undefined) {
      const p = nodePos[root] as Pt;
      idx = nodes.length;
      nodeIndex.set(root, idx);
      nodes.push({ x: p[0], y: p[1], position: mToLonLat(p[0], p[1]), roads: [], degree: 0 });
      nodeRoads.push(new Set());
    }
    return idx;
  };
  const addPoint = (p: Pt): number => {
    const idx = nodes.length;
    nodes.push({ x: p[0], y: p[1], position: mToLonLat(p[0], p[1]), roads: [], degree: 0 });
    nodeRoads.push(new Set());
    return idx;
  };

  const segments: NetSegment[] = [];
  roads.forEach((road, ri) => {
    const list = cuts[ri] as Cut[];
    const c = cum[ri] as number[];
    let prev: Cut | undefined;
    let piece = 0;
    for (const cut of list) {
      if (prev && find(prev.node) !== find(cut.node) && cut.at - prev.at >= 1) {
        const from = nodeOf(prev.node);
        const to = nodeOf(cut.node);
        const sub = slice(road.pathM, c, prev.at, cut.at);
        sub[0] = [nodes[from]?.x ?? 0, nodes[from]?.y ?? 0];
        sub[sub.length - 1] = [nodes[to]?.x ?? 0, nodes[to]?.y ?? 0];
        const parts = Math.max(1, Math.ceil((cut.at - prev.at) / MAX_SEGMENT_M[road.roadClass]));
        const subCum = cumulative(sub);
        const total = subCum[subCum.length - 1] as number;
        let a = from;
        for (let k = 0; k < parts; k++) {
          const d0 = (total * k) / parts;
          const d1 = (total * (k + 1)) / parts;
          const partPath = slice(sub, subCum, d0, d1);
          const b = k === parts - 1 ? to : addPoint(partPath[partPath.length - 1] as Pt);
          const key = a < b ? `${a}-${b}` : `${b}-${a}`;
          if (!edgeKeys.has(key)) {
            edgeKeys.add(key);
            piece++;
            nodeRoads[a]?.add(road.road);
            nodeRoads[b]?.add(road.road);
            (nodes[a] as NetNode).degree++;
            (nodes[b] as NetNode).degree++;
            pushPair(segments, road, piece, a, b, partPath, d1 - d0);
          }
          a = b;
        }
      }
      prev = cut;
    }
  });

  nodes.forEach((n, i) => {
    n.roads = [...(nodeRoads[i] ?? [])];
  });
  nameJunctions(nodes);

  const incoming: number[][] = nodes.map(() => []);
  const outgoing: number[][] = nodes.map(() => []);
  for (const s of segments) {
    incoming[s.to]?.push(s.index);
    outgoing[s.from]?.push(s.index);
  }
  for (const s of segments) {
    // Everything arriving at my start flows into me, except my own twin turning back.
    s.upstream = (incoming[s.from] ?? []).filter((u) => segments[u]?.from !== s.to).slice(0, 16);
  }
  return { nodes, segments, outgoing };
}

function pushPair(segments: NetSegment[], road: Road, piece: number, a: number, b: number, pathM: Pt[], lengthM: number): void {
  const centre = distanceFromCentre(pathM);
  const freeFlowKmh = road.roadClass === 'trunk' && centre > 3000 ? 70 : FREE_FLOW_KMH[road.roadClass];
  for (const forward of [true, false]) {
    const pts = forward ? pathM : [...pathM].reverse();
    const start = pts[0] as Pt;
    const end = pts[pts.length - 1] as Pt;
    segments.push({
      index: segments.length,
      name: `${road.name}, đoạn ${piece}, hướng ${direction(start, end)}`.normalize('NFC'),
      road: road.road,
      roadClass: road.roadClass,
      lanes: Math.max(1, Math.round(road.lanes / 2)),
      freeFlowKmh,
      lengthM: Math.round(lengthM),
      from: forward ? a : b,
      to: forward ? b : a,
      path: offsetRight(pts, LANE_OFFSET_M),
      upstream: [],
    });
  }
}

function direction(a: Pt, b: Pt): string {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  if (Math.abs(dx) > Math.abs(dy)) return dx > 0 ? 'Đông' : 'Tây';
  return dy > 0 ? 'Bắc' : 'Nam';
}

function distanceFromCentre(path: Pt[]): number {
  const mid = path[Math.floor(path.length / 2)] as Pt;
  return Math.hypot(mid[0], mid[1]);
}

function offsetRight(path: Pt[], m: number): LonLat[] {
  return path.map((p, i) => {
    const a = path[Math.max(0, i - 1)] as Pt;
    const b = path[Math.min(path.length - 1, i + 1)] as Pt;
    const dx = b[0] - a[0];
    const dy = b[1] - a[1];
    const len = Math.hypot(dx, dy) || 1;
    return mToLonLat(p[0] + (dy / len) * m, p[1] - (dx / len) * m);
  });
}

function cumulative(path: Pt[]): number[] {
  const out = [0];
  for (let i = 1; i < path.length; i++) {
    const a = path[i - 1] as Pt;
    const b = path[i] as Pt;
    out.push((out[i - 1] as number) + Math.hypot(b[0] - a[0], b[1] - a[1]));
  }
  return out;
}

/** The part of a polyline between two distances along it. */
function slice(path: Pt[], cum: number[], d0: number, d1: number): Pt[] {
  const at = (d: number): Pt => {
    let k = 0;
    while (k < cum.length - 2 && (cum[k + 1] as number) < d) k++;
    const a = path[k] as Pt;
    const b = path[k + 1] as Pt;
    const span = (cum[k + 1] as number) - (cum[k] as number);
    const t = span > 0 ? Math.max(0, Math.min(1, (d - (cum[k] as number)) / span)) : 0;
    return [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t];
  };
  const out: Pt[] = [at(d0)];
  for (let k = 0; k < cum.length; k++) {
    const c = cum[k] as number;
    if (c > d0 + 1 && c < d1 - 1) out.push(path[k] as Pt);
  }
  out.push(at(d1));
  return out;
}

function nameJunctions(nodes: NetNode[]): void {
  for (const j of NAMED_JUNCTIONS) {
    let best = -1;
    let bestD = 150;
    nodes.forEach((n, i) => {
      if (n.roads.length < 2) return;
      const d = distanceM(n.position, j.position);
      if (d < bestD) {
        bestD = d;
        best = i;
      }
    });
    const node = nodes[best];
    if (node) node.name = j.name.normalize('NFC');
  }
}

