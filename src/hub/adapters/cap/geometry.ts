import type { LonLat } from '../../../shared/protocol/geo.ts';

/**
 * CAP area geometry → GeoJSON rings. CAP writes "lat,lon" pairs separated by spaces; GeoJSON (and the
 * whole feed protocol) is [lon, lat]. Real messages have stray "+" signs and trailing commas
 * ("+40.85,-118.09,"), so the parser tolerates those and drops anything else that is not a coordinate.
 */

const MAX_RING = 10_000;
/** Points used to approximate a CAP circle. 48 keeps a 50 km circle within ~0.1 % of its radius. */
const CIRCLE_SEGMENTS = 48;
/** Circles of radius 0 (a point alert) still get a visible area on the wall. */
export const MIN_CIRCLE_KM = 0.05;
const EARTH_RADIUS_KM = 6371.0088;

function pair(token: string): LonLat | undefined {
  const parts = token.replace(/^,+|,+$/g, '').split(',');
  if (parts.length !== 2) return undefined;
  const lat = Number(parts[0]);
  const lon = Number(parts[1]);
  if (!Number.isFinite(lat) || !Number.isFinite(lon) || Math.abs(lat) > 90 || Math.abs(lon) > 180)
    return undefined;
  return [lon, lat];
}

/** "lat,lon lat,lon …" → a closed [lon, lat] ring, or a reason it is not one. */
export function parsePolygon(text: string): { ring: LonLat[] } | { reason: string } {
  const tokens = text
    .trim()
    .split(/\s+/)
    .filter((t) => t !== '' && t !== ',');
  const ring: LonLat[] = [];
  for (const token of tokens) {
    const p = pair(token);
    if (!p) return { reason: `polygon has a malformed point "${token.slice(0, 40)}"` };
    ring.push(p);
    if (ring.length > MAX_RING) return { reason: `polygon has more than ${MAX_RING} points` };
  }
  const first = ring[0];
  const last = ring[ring.length - 1];
  // CAP requires first = last; close an open ring rather than lose the area.
  if (first && last && (first[0] !== last[0] || first[1] !== last[1])) ring.push([first[0], first[1]]);
  if (ring.length < 4) return { reason: 'polygon needs at least 3 distinct points' };
  return { ring };
}

/** "lat,lon radius_km" → a closed ring approximating the circle on the sphere. */
export function parseCircle(text: string): { ring: LonLat[] } | { reason: string } {
  const [centre, radius, ...rest] = text.trim().split(/\s+/);
  const c = centre === undefined ? undefined : pair(centre);
  const r = Number(radius);
  if (!c || rest.length > 0 || !Number.isFinite(r) || r < 0 || r > 20_000) {
    return { reason: `circle must be "lat,lon radius_km", got "${text.trim().slice(0, 60)}"` };
  }
  return { ring: circleRing(c, Math.max(r, MIN_CIRCLE_KM)) };
}

export function circleRing([lon, lat]: LonLat, radiusKm: number): LonLat[] {
  const toRad = Math.PI / 180;
  const φ1 = lat * toRad;
  const λ1 = lon * toRad;
  const δ = radiusKm / EARTH_RADIUS_KM;
  const ring: LonLat[] = [];
  for (let i = 0; i < CIRCLE_SEGMENTS; i++) {
    const θ = (2 * Math.PI * i) / CIRCLE_SEGMENTS;
    // Destination point given distance and bearing (great circle).
    const φ2 = Math.asin(Math.sin(φ1) * Math.cos(δ) + Math.cos(φ1) * Math.sin(δ) * Math.cos(θ));
    const λ2 =
      λ1 + Math.atan2(Math.sin(θ) * Math.sin(δ) * Math.cos(φ1), Math.cos(δ) - Math.sin(φ1) * Math.sin(φ2));
    const lon2 = ((((λ2 / toRad + 540) % 360) + 360) % 360) - 180;
    ring.push([round(lon2), round(Math.max(-90, Math.min(90, φ2 / toRad)))]);
  }
  const first = ring[0];
  if (first) ring.push([first[0], first[1]]);
  return ring;
}

/** Seven decimals ≈ 1 cm: enough, and keeps identical inputs byte-identical (idempotent ingest). */
function round(n: number): number {
  return Math.round(n * 1e7) / 1e7;
}
