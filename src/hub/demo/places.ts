import type { LonLat } from '../../shared/protocol/geo.ts';
import { cityGeometry } from './geometry.ts';
import { distanceM } from './geoMath.ts';

/** Human place names for a position: the ward it lies in, or a landmark nearby. */

/** "phường Đông Kinh" or "xã Cao Lộc" for the ward or commune a position lies in. */
export function wardOf(p: LonLat): string | undefined {
  for (const w of cityGeometry().wards) if (inRing(p, w.ring)) return `${w.unit.toLowerCase()} ${w.name}`;
  return undefined;
}

/** "Chợ Đông Kinh" when within 250 m of a landmark, else "phường Đông Kinh", else "khu vực Lạng Sơn". */
export function placeLabel(p: LonLat): string {
  let best: string | undefined;
  let bestD = 250;
  for (const l of cityGeometry().landmarks) {
    const d = distanceM(l.position, p);
    if (d < bestD) {
      bestD = d;
      best = l.name;
    }
  }
  if (best) return best;
  return wardOf(p) ?? 'khu vực Lạng Sơn';
}

/** "Quốc lộ 1A" for national roads, "đường Lê Lợi" for streets. */
export function roadLabel(road: string): string {
  return road.startsWith('QL') ? `Quốc lộ ${road.slice(2)}` : road.includes('Đường số') ? road : `đường ${road}`;
}

function inRing(p: LonLat, ring: LonLat[]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const a = ring[i] as LonLat;
    const b = ring[j] as LonLat;
    if (a[1] > p[1] !== b[1] > p[1] && p[0] < ((b[0] - a[0]) * (p[1] - a[1])) / (b[1] - a[1]) + a[0]) inside = !inside;
  }
  return inside;
}
