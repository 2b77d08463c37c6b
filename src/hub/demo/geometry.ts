import type { LonLat } from '../../shared/protocol/geo.ts';
import { lonLatToM, mToLonLat, project, smoothM } from './geoMath.ts';
import { ARTERIALS, LANDMARKS, RIVER, STREETS, WARDS, vertex, type RoadClass } from './geometryData.ts';
import { createRng } from './rng.ts';

/**
 * The demo city's geometry, generated from the hand-placed facts: smooth roads, a river with banks,
 * ward outlines with natural-looking (but generated) wiggles. Shared by the simulator's road network
 * and by scripts/genGeo.ts, so the basemap and the catalog always agree. Pure and deterministic.
 */

export interface Road {
  name: string;
  road: string;
  roadClass: RoadClass;
  lanes: number;
  /** Metre coordinates about the centre (see geoMath.ts). */
  pathM: [number, number][];
}

export interface Ward {
  name: string;
  core: boolean;
  unit: 'Phường' | 'Xã';
  ring: LonLat[];
}

export interface CityGeometry {
  roads: Road[];
  river: { name: string; centreM: [number, number][]; ring: LonLat[] };
  wards: Ward[];
  landmarks: { name: string; position: LonLat; rank: number }[];
}

let cached: CityGeometry | undefined;

export function cityGeometry(): CityGeometry {
  cached ??= build();
  return cached;
}

function build(): CityGeometry {
  const roads: Road[] = [...ARTERIALS, ...STREETS].map((r) => ({
    name: r.name.normalize('NFC'),
    road: r.road.normalize('NFC'),
    roadClass: r.roadClass,
    lanes: r.lanes,
    pathM: smoothM(r.points, r.roadClass === 'trunk' ? 120 : 40),
  }));
  snapEnds(roads);
  const centreM = smoothM(RIVER.points, 60);
  return {
    roads,
    river: { name: RIVER.name.normalize('NFC'), centreM, ring: riverRing(centreM, RIVER.widthM) },
    wards: WARDS.map((w) => ({ name: w.name.normalize('NFC'), core: w.core, unit: w.unit, ring: wardRing(w.ring.map(vertex)) })),
    landmarks: LANDMARKS.map((l) => ({ ...l, name: l.name.normalize('NFC') })),
  };
}

/** Banks on both sides of the centreline; the width breathes a little so it does not look drawn. */
function riverRing(centre: [number, number][], widthM: number): LonLat[] {
  const rng = createRng(17, 'river');
  const left: LonLat[] = [];
  const right: LonLat[] = [];
  let w = widthM;
  for (let i = 0; i < centre.length; i++) {
    const p = centre[i] as [number, number];
    const a = centre[Math.max(0, i - 1)] as [number, number];
    const b = centre[Math.min(centre.length - 1, i + 1)] as [number, number];
    const dx = b[0] - a[0];
    const dy = b[1] - a[1];
    const len = Math.hypot(dx, dy) || 1;
    w = Math.max(widthM * 0.6, Math.min(widthM * 1.4, w + rng.range(-8, 8)));
    const nx = (-dy / len) * (w / 2);
    const ny = (dx / len) * (w / 2);
    left.push(mToLonLat(p[0] + nx, p[1] + ny));
    right.push(mToLonLat(p[0] - nx, p[1] - ny));
  }
  const ring = [...left, ...right.reverse()];
  const first = ring[0] as LonLat;
  ring.push([first[0], first[1]]);
  return ring;
}

/**
 * A ward ring whose straight edges get a midpoint-displacement wiggle. The wiggle of an edge depends only
 * on its two end vertices (in canonical order), so two neighbouring wards share exactly the same border.
 */
function wardRing(vertices: LonLat[]): LonLat[] {
  const ring: LonLat[] = [];
  for (let i = 0; i < vertices.length; i++) {
    const a = vertices[i] as LonLat;
    const b = vertices[(i + 1) % vertices.length] as LonLat;
    const edge = wiggleEdge(a, b);
    for (let k = 0; k < edge.length - 1; k++) ring.push(edge[k] as LonLat);
  }
  const first = ring[0] as LonLat;
  ring.push([first[0], first[1]]);
  return ring;
}

function wiggleEdge(a: LonLat, b: LonLat): LonLat[] {
  const forward = a[0] < b[0] || (a[0] === b[0] && a[1] <= b[1]);
  const [p, q] = forward ? [a, b] : [b, a];
  const rng = createRng(7, `${p[0]},${p[1]}|${q[0]},${q[1]}`);
  let pts: [number, number][] = [lonLatToM(p), lonLatToM(q)];
  let amp = 0.08;
  for (let depth = 0; depth < 3; depth++) {
    const next: [number, number][] = [];
    for (let i = 0; i < pts.length - 1; i++) {
      const s = pts[i] as [number, number];
      const e = pts[i + 1] as [number, number];
      const dx = e[0] - s[0];
      const dy = e[1] - s[1];
      const off = rng.range(-amp, amp);
      next.push(s, [(s[0] + e[0]) / 2 - dy * off, (s[1] + e[1]) / 2 + dx * off]);
    }
    next.push(pts[pts.length - 1] as [number, number]);
    pts = next;
    amp *= 0.8;
  }
  const out = pts.map(([x, y]) => mToLonLat(x, y));
  // Keep the shared vertices exact (no rounding drift between neighbours).
  out[0] = [p[0], p[1]];
  out[out.length - 1] = [q[0], q[1]];
  return forward ? out : out.reverse();
}

/** A street that ends within this distance of another road joins it (a T-junction, not a near miss). */
const SNAP_M = 80;

function snapEnds(roads: Road[]): void {
  roads.forEach((road, ri) => {
    for (const end of [0, road.pathM.length - 1]) {
      const p = road.pathM[end] as [number, number];
      let best: { d2: number; point: [number, number] } | undefined;
      roads.forEach((other, rj) => {
        if (rj === ri) return;
        for (let k = 0; k < other.pathM.length - 1; k++) {
          const a = other.pathM[k] as [number, number];
          const b = other.pathM[k + 1] as [number, number];
          const pr = project(p, a, b);
          if (pr.d2 < SNAP_M * SNAP_M && (!best || pr.d2 < best.d2)) {
            best = { d2: pr.d2, point: [a[0] + (b[0] - a[0]) * pr.t, a[1] + (b[1] - a[1]) * pr.t] };
          }
        }
      });
      if (best) road.pathM[end] = best.point;
    }
  });
}
