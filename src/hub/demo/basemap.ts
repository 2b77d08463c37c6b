import type { LonLat } from '../../shared/protocol/geo.ts';
import { cityGeometry } from './geometry.ts';
import { mToLonLat } from './geoMath.ts';

/**
 * The offline basemap of the wall (resources/geo/langson-basemap.json), generated from the same
 * geometry as the simulator's roads so the map and the live segments line up. Written by
 * scripts/genGeo.ts; a unit test checks the committed file equals this output.
 */

export type BasemapFeature =
  | { type: 'Feature'; properties: { kind: 'ward'; name: string; core: boolean }; geometry: { type: 'Polygon'; coordinates: LonLat[][] } }
  | { type: 'Feature'; properties: { kind: 'river'; name: string }; geometry: { type: 'Polygon'; coordinates: LonLat[][] } }
  | { type: 'Feature'; properties: { kind: 'road'; name: string; road: string; roadClass: string }; geometry: { type: 'LineString'; coordinates: LonLat[] } }
  | { type: 'Feature'; properties: { kind: 'label'; name: string; rank: number; labelFor: 'ward' | 'landmark' }; geometry: { type: 'Point'; coordinates: LonLat } };

export interface Basemap {
  type: 'FeatureCollection';
  name: string;
  features: BasemapFeature[];
}

export function buildBasemap(): Basemap {
  const g = cityGeometry();
  const features: BasemapFeature[] = [];
  for (const w of g.wards) {
    features.push({ type: 'Feature', properties: { kind: 'ward', name: w.name, core: w.core }, geometry: { type: 'Polygon', coordinates: [w.ring] } });
  }
  features.push({ type: 'Feature', properties: { kind: 'river', name: g.river.name }, geometry: { type: 'Polygon', coordinates: [g.river.ring] } });
  // Minor roads first, so a renderer drawing in order puts the national roads on top.
  const order = ['residential', 'tertiary', 'secondary', 'primary', 'trunk'];
  const roads = [...g.roads].sort((a, b) => order.indexOf(a.roadClass) - order.indexOf(b.roadClass));
  for (const r of roads) {
    features.push({
      type: 'Feature',
      properties: { kind: 'road', name: r.name, road: r.road, roadClass: r.roadClass },
      geometry: { type: 'LineString', coordinates: r.pathM.map(([x, y]) => mToLonLat(x, y)) },
    });
  }
  for (const w of g.wards) {
    features.push({
      type: 'Feature',
      properties: { kind: 'label', name: `${w.unit} ${w.name}`.normalize('NFC'), rank: w.core ? 1 : 3, labelFor: 'ward' },
      geometry: { type: 'Point', coordinates: labelPoint(w.ring) },
    });
  }
  for (const l of g.landmarks) {
    features.push({ type: 'Feature', properties: { kind: 'label', name: l.name, rank: l.rank + 1, labelFor: 'landmark' }, geometry: { type: 'Point', coordinates: l.position } });
  }
  return { type: 'FeatureCollection', name: 'Lạng Sơn — bản đồ nền Watchfloor (dữ liệu mô phỏng)', features };
}

/** The basemap as written to disk: compact JSON, one trailing newline. */
export function basemapJson(): string {
  return `${JSON.stringify(buildBasemap())}\n`;
}

/** Vertex average of the ring: fine for the roughly convex wards here. */
function labelPoint(ring: LonLat[]): LonLat {
  let x = 0;
  let y = 0;
  const n = ring.length - 1;
  for (let i = 0; i < n; i++) {
    x += (ring[i] as LonLat)[0];
    y += (ring[i] as LonLat)[1];
  }
  return [Math.round((x / n) * 1e6) / 1e6, Math.round((y / n) * 1e6) / 1e6];
}
