import type { LonLat } from '../../shared/protocol/geo.ts';

/**
 * Small planar geometry around Lạng Sơn. The city spans a few tens of km, so an equirectangular
 * projection about the centre is accurate to well under a metre per km, which is all a demo needs.
 */

export const CENTRE: LonLat = [106.761, 21.853];
const EARTH_M_PER_DEG_LAT = 111_320;
const M_PER_DEG_LON = EARTH_M_PER_DEG_LAT * Math.cos((CENTRE[1] * Math.PI) / 180);

export function lonLatToM(p: LonLat): [number, number] {
  return [(p[0] - CENTRE[0]) * M_PER_DEG_LON, (p[1] - CENTRE[1]) * EARTH_M_PER_DEG_LAT];
}

export function mToLonLat(x: number, y: number): LonLat {
  return [round6(CENTRE[0] + x / M_PER_DEG_LON), round6(CENTRE[1] + y / EARTH_M_PER_DEG_LAT)];
}

export function round6(n: number): number {
  return Math.round(n * 1e6) / 1e6;
}

export function distanceM(a: LonLat, b: LonLat): number {
  const dx = (b[0] - a[0]) * M_PER_DEG_LON;
  const dy = (b[1] - a[1]) * EARTH_M_PER_DEG_LAT;
  return Math.hypot(dx, dy);
}

/** Compass bearing a → b in degrees (0 = north, 90 = east). */
export function bearingDeg(a: LonLat, b: LonLat): number {
  const dx = (b[0] - a[0]) * M_PER_DEG_LON;
  const dy = (b[1] - a[1]) * EARTH_M_PER_DEG_LAT;
  const deg = (Math.atan2(dx, dy) * 180) / Math.PI;
  return Math.round(((deg % 360) + 360) % 360);
}

export function pathLengthM(path: readonly LonLat[]): number {
  let sum = 0;
  for (let i = 1; i < path.length; i++) sum += distanceM(path[i - 1] as LonLat, path[i] as LonLat);
  return sum;
}

/** Catmull–Rom densification in metre space: a few hand-placed waypoints become a gently curving line. */
export function smoothM(points: readonly LonLat[], stepM: number): [number, number][] {
  const pts = points.map(lonLatToM);
  const out: [number, number][] = [];
  for (let i = 0; i < pts.length - 1; i++) {
    const p0 = pts[Math.max(0, i - 1)] as [number, number];
    const p1 = pts[i] as [number, number];
    const p2 = pts[i + 1] as [number, number];
    const p3 = pts[Math.min(pts.length - 1, i + 2)] as [number, number];
    const n = Math.max(1, Math.ceil(Math.hypot(p2[0] - p1[0], p2[1] - p1[1]) / stepM));
    for (let k = 0; k < n; k++) {
      const t = k / n;
      const t2 = t * t;
      const t3 = t2 * t;
      const f = (a: number, b: number, c: number, d: number): number =>
        0.5 * (2 * b + (-a + c) * t + (2 * a - 5 * b + 4 * c - d) * t2 + (-a + 3 * b - 3 * c + d) * t3);
      out.push([f(p0[0], p1[0], p2[0], p3[0]), f(p0[1], p1[1], p2[1], p3[1])]);
    }
  }
  const last = pts[pts.length - 1];
  if (last) out.push(last);
  return out;
}

/** Intersection of segments ab and cd in metre space: the parameters along each, or null. */
export function intersect(
  a: readonly [number, number],
  b: readonly [number, number],
  c: readonly [number, number],
  d: readonly [number, number],
): { t: number; u: number } | null {
  const rx = b[0] - a[0];
  const ry = b[1] - a[1];
  const sx = d[0] - c[0];
  const sy = d[1] - c[1];
  const den = rx * sy - ry * sx;
  if (Math.abs(den) < 1e-9) return null;
  const qx = c[0] - a[0];
  const qy = c[1] - a[1];
  const t = (qx * sy - qy * sx) / den;
  const u = (qx * ry - qy * rx) / den;
  if (t < 0 || t > 1 || u < 0 || u > 1) return null;
  return { t, u };
}

/** Closest point on segment ab to p: the parameter and the squared distance. */
export function project(
  p: readonly [number, number],
  a: readonly [number, number],
  b: readonly [number, number],
): { t: number; d2: number } {
  const vx = b[0] - a[0];
  const vy = b[1] - a[1];
  const len2 = vx * vx + vy * vy;
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((p[0] - a[0]) * vx + (p[1] - a[1]) * vy) / len2));
  const x = a[0] + vx * t - p[0];
  const y = a[1] + vy * t - p[1];
  return { t, d2: x * x + y * y };
}
