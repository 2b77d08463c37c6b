import type { CatalogItem, CatalogItemOf } from '../../shared/protocol/catalog.ts';
import type { LonLat } from '../../shared/protocol/geo.ts';
import { cityGeometry } from './geometry.ts';
import { AIR_STATIONS, NOISE_SENSORS, RIVER_GAUGES } from './geometryData.ts';
import { bearingDeg, mToLonLat } from './geoMath.ts';
import { buildNetwork, type RoadNetwork } from './network.ts';
import { createRng, type Rng } from './rng.ts';
import { addExtraEntities } from './scale.ts';

/**
 * The static city: catalog items (what clients draw) and a compact model of the same entities for the
 * simulator (typed arrays for the per-segment numbers, so 100k entities stay small and fast).
 */

export const ROAD_CLASS_INDEX = { trunk: 0, primary: 1, secondary: 2, tertiary: 3, residential: 4 } as const;

export interface SegmentTable {
  count: number;
  ids: string[];
  roads: string[];
  freeFlow: Float32Array;
  cls: Uint8Array;
  /** Upstream links in CSR form: upIdx[upOff[i] .. upOff[i+1]). */
  upOff: Int32Array;
  upIdx: Int32Array;
  /** Midpoint lon/lat pairs (accidents and reports are placed there). */
  mid: Float64Array;
}

export interface PointEntity {
  id: string;
  name: string;
  position: LonLat;
}

export interface CityModel {
  items: CatalogItem[];
  network: RoadNetwork;
  segments: SegmentTable;
  /** Natural (hand-placed) segments come first; extras follow. */
  naturalSegments: number;
  cameras: PointEntity[];
  air: (PointEntity & { base: number })[];
  gauges: (PointEntity & { baseM: number; warningLevelsM: [number, number, number]; lagMs: number })[];
  noise: (PointEntity & { roadside: number })[];
}

export const pad = (n: number, width: number): string => String(n).padStart(width, '0');

export function buildCityModel(seed: number, entities: number | undefined): CityModel {
  const rng = createRng(seed, 'catalog');
  const network = buildNetwork();
  const segmentItems: CatalogItemOf<'segment'>[] = network.segments.map((s) => ({
    kind: 'segment',
    id: `segment:ls-${pad(s.index + 1, 4)}`,
    name: s.name,
    road: s.road,
    roadClass: s.roadClass,
    path: s.path,
    lanes: s.lanes,
    freeFlowKmh: s.freeFlowKmh,
    lengthM: s.lengthM,
    upstream: s.upstream.map((u) => `segment:ls-${pad(u + 1, 4)}`),
  }));
  const cameras = naturalCameras(network, rng);
  const air = AIR_STATIONS.map((a, i) => ({ id: `air:ls-${pad(i + 1, 2)}`, name: a.name.normalize('NFC'), position: a.position, base: rng.range(0.8, 1.25) }));
  const river = cityGeometry().river.centreM;
  const gauges = RIVER_GAUGES.map((g, i) => {
    const p = river[Math.round(g.along * (river.length - 1))] as [number, number];
    // Flood water arrives from the east (upstream) first: each gauge downstream sees it later.
    return { id: `gauge:ls-${pad(i + 1, 2)}`, name: g.name.normalize('NFC'), position: mToLonLat(p[0], p[1]), baseM: g.baseM, warningLevelsM: g.warningLevelsM, lagMs: i * 25 * 60_000 };
  });
  const noise = NOISE_SENSORS.map((n, i) => ({ id: `noise:ls-${pad(i + 1, 2)}`, name: n.name.normalize('NFC'), position: n.position, roadside: n.roadside }));

  const natural = segmentItems.length + cameras.length + air.length + gauges.length + noise.length;
  const extra = entities !== undefined && entities > natural ? entities - natural : 0;
  const segmentsWithExtra = addExtraEntities({ rng: rng.fork('scale'), extra, segmentItems, cameras, air, noise });

  const items: CatalogItem[] = [
    ...segmentsWithExtra,
    ...cameras.map((c) => c.item),
    ...air.map((a): CatalogItem => ({ kind: 'airStation', id: a.id, name: a.name, position: a.position })),
    ...gauges.map((g): CatalogItem => ({ kind: 'riverGauge', id: g.id, name: g.name, river: 'Sông Kỳ Cùng', position: g.position, warningLevelsM: g.warningLevelsM })),
    ...noise.map((n): CatalogItem => ({ kind: 'noiseSensor', id: n.id, name: n.name, position: n.position })),
  ];
  return {
    items,
    network,
    segments: segmentTable(segmentsWithExtra),
    naturalSegments: network.segments.length,
    cameras: cameras.map((c) => ({ id: c.item.id, name: c.item.name, position: c.item.position })),
    air,
    gauges,
    noise,
  };
}

function segmentTable(items: CatalogItemOf<'segment'>[]): SegmentTable {
  const count = items.length;
  const index = new Map<string, number>();
  items.forEach((s, i) => index.set(s.id, i));
  const freeFlow = new Float32Array(count);
  const cls = new Uint8Array(count);
  const upOff = new Int32Array(count + 1);
  const mid = new Float64Array(count * 2);
  let links = 0;
  for (const s of items) links += s.upstream.length;
  const upIdx = new Int32Array(links);
  let k = 0;
  items.forEach((s, i) => {
    freeFlow[i] = s.freeFlowKmh;
    cls[i] = ROAD_CLASS_INDEX[s.roadClass];
    upOff[i] = k;
    for (const u of s.upstream) upIdx[k++] = index.get(u) ?? i;
    const m = s.path[Math.floor(s.path.length / 2)] as LonLat;
    mid[i * 2] = m[0];
    mid[i * 2 + 1] = m[1];
  });
  upOff[count] = k;
  return { count, ids: items.map((s) => s.id), roads: items.map((s) => s.road), freeFlow, cls, upOff, upIdx, mid };
}

export interface CameraDraft {
  item: CatalogItemOf<'camera'>;
}

/** Cameras at every junction, plus every third segment along the national roads. */
function naturalCameras(network: RoadNetwork, rng: Rng): CameraDraft[] {
  const out: CameraDraft[] = [];
  const add = (name: string, position: LonLat, headingDeg: number, ptz: boolean, fovDeg: number, rangeM: number): void => {
    out.push({
      item: { kind: 'camera', id: `camera:ls-${pad(out.length + 1, 3)}`, name: name.normalize('NFC'), position, headingDeg, fovDeg, rangeM, ptz },
    });
  };
  network.nodes.forEach((node, i) => {
    if (node.roads.length < 2) return;
    const kind = node.degree >= 4 ? 'Ngã tư' : 'Ngã ba';
    const name = node.name ?? `${kind} ${node.roads.slice(0, 2).map(junctionRoadName).join(' – ')}`;
    const out0 = network.outgoing[i] ?? [];
    const seg = network.segments[out0[rng.int(out0.length)] ?? -1];
    const heading = seg ? bearingDeg(node.position, seg.path[seg.path.length - 1] as LonLat) : rng.int(360);
    const major = node.roads.some((r) => r.startsWith('QL') || r === 'Hùng Vương' || r === 'Lê Lợi');
    add(`Camera ${name}`, node.position, heading, major && rng.chance(0.6), major ? 90 : 70, major ? 150 : 90);
  });
  let n = 0;
  for (const s of network.segments) {
    if (s.roadClass !== 'trunk' || s.index % 2 !== 0) continue;
    if (n++ % 3 !== 0) continue;
    const a = s.path[0] as LonLat;
    const b = s.path[s.path.length - 1] as LonLat;
    add(`Camera ${s.name.split(',').slice(0, 2).join(',')}`, a, bearingDeg(a, b), false, 50, 220);
  }
  return out;
}

/** In junction names national roads read in full ("Quốc lộ 1A"), streets by their name alone. */
function junctionRoadName(road: string): string {
  return road.startsWith('QL') ? `Quốc lộ ${road.slice(2)}` : road;
}
