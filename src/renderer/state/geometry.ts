import type { LonLat } from '../../shared/protocol/index.ts';

const M_PER_DEG_LAT = 111_320;

/**
 * A camera's field of view as a closed ring: apex, an arc at `rangeM`, apex. Heading is degrees
 * clockwise from north; a 360° PTZ camera gets a full circle. Computed once per catalog entry.
 */
export function fovCone(position: LonLat, headingDeg: number, fovDeg: number, rangeM: number): LonLat[] {
  const [lon, lat] = position;
  const mPerDegLon = M_PER_DEG_LAT * Math.cos((lat * Math.PI) / 180);
  const full = fovDeg >= 360;
  const steps = full ? 24 : Math.max(4, Math.ceil(fovDeg / 10));
  const start = full ? 0 : headingDeg - fovDeg / 2;
  const span = full ? 360 : fovDeg;
  const ring: LonLat[] = full ? [] : [[lon, lat]];
  for (let i = 0; i <= steps; i++) {
    const a = ((start + (span * i) / steps) * Math.PI) / 180;
    ring.push([lon + (Math.sin(a) * rangeM) / mPerDegLon, lat + (Math.cos(a) * rangeM) / M_PER_DEG_LAT]);
  }
  const first = ring[0];
  if (first) ring.push([first[0], first[1]]);
  return ring;
}
