import { GeoJsonLayer, TextLayer } from '@deck.gl/layers';
import type { Layer } from '@deck.gl/core';
import type { Feature, Geometry } from 'geojson';
import { LABEL_TIER, type LabelDef, type Placement } from './declutter.ts';
import { FONT_FAMILY, LABEL_BACKGROUND, LABEL_PADDING, LIVE_CHARACTER_SET } from './types.ts';

/** The demo city's offline basemap (resources/geo/langson-basemap.json), as the demo city writes it. */
export interface BasemapProps {
  kind: 'ward' | 'river' | 'road' | 'label';
  name?: string;
  roadClass?: string;
  rank?: number;
}
export type BasemapFeature = Feature<Geometry, BasemapProps>;
export interface Basemap {
  type: 'FeatureCollection';
  features: BasemapFeature[];
}

/** The basemap split by kind once, so each deck.gl layer gets a stable array. */
export interface BasemapParts {
  wards: BasemapFeature[];
  rivers: BasemapFeature[];
  roads: BasemapFeature[];
  labels: BasemapLabel[];
}
export interface BasemapLabel {
  name: string;
  position: [number, number];
  /** Lower is more important (1 = ward names). */
  rank: number;
}

export function splitBasemap(map: Basemap | null): BasemapParts {
  const parts: BasemapParts = { wards: [], rivers: [], roads: [], labels: [] };
  for (const f of map?.features ?? []) {
    const p = f.properties;
    if (p.kind === 'ward') parts.wards.push(f);
    else if (p.kind === 'river') parts.rivers.push(f);
    else if (p.kind === 'road') parts.roads.push(f);
    else if (p.kind === 'label' && p.name && f.geometry.type === 'Point') {
      const c = f.geometry.coordinates;
      if (typeof c[0] === 'number' && typeof c[1] === 'number') {
        // NFC: decomposed Vietnamese is drawn from a fallback font even with ours loaded (TOOLCHAIN.md).
        parts.labels.push({ name: p.name.normalize('NFC'), position: [c[0], c[1]], rank: p.rank ?? 3 });
      }
    }
  }
  // Most important labels last, so they draw on top where they collide.
  parts.labels.sort((a, b) => b.rank - a.rank);
  return parts;
}

const ROAD_WIDTH: Record<string, number> = {
  trunk: 5,
  primary: 4,
  secondary: 3,
  tertiary: 2,
  residential: 1.5,
};
const ROAD_COLOR: Record<string, [number, number, number, number]> = {
  trunk: [120, 132, 156, 255],
  primary: [104, 116, 140, 255],
  secondary: [86, 96, 118, 255],
  tertiary: [70, 80, 100, 255],
  residential: [56, 64, 82, 255],
};
export const RIVER_COLOR: [number, number, number, number] = [30, 110, 200, 255];
export const WARD_FILL: [number, number, number, number] = [22, 30, 46, 255];
export const WARD_LINE: [number, number, number, number] = [70, 86, 120, 255];

/** Below the live layers: wards, river, roads. Labels are separate so they can sit above traffic. */
export function basemapLayers(parts: BasemapParts): Layer[] {
  return [
    new GeoJsonLayer<BasemapProps>({
      id: 'basemap:wards',
      data: parts.wards,
      filled: true,
      stroked: true,
      getFillColor: WARD_FILL,
      getLineColor: WARD_LINE,
      getLineWidth: 2,
      lineWidthUnits: 'pixels',
    }),
    new GeoJsonLayer<BasemapProps>({
      id: 'basemap:rivers',
      data: parts.rivers,
      filled: true,
      stroked: true,
      getFillColor: RIVER_COLOR,
      getLineColor: RIVER_COLOR,
      getLineWidth: 10,
      lineWidthUnits: 'pixels',
      lineCapRounded: true,
      lineJointRounded: true,
    }),
    new GeoJsonLayer<BasemapProps>({
      id: 'basemap:roads',
      data: parts.roads,
      stroked: true,
      filled: false,
      getLineColor: (f) =>
        ROAD_COLOR[f.properties.roadClass ?? ''] ?? ROAD_COLOR.residential ?? [60, 60, 60, 255],
      getLineWidth: (f) => ROAD_WIDTH[f.properties.roadClass ?? ''] ?? 1.5,
      lineWidthUnits: 'pixels',
      lineCapRounded: true,
      lineJointRounded: true,
    }),
  ];
}

/** Place names: the least important labels on the wall, the most important of them first. */
export function basemapLabels(parts: BasemapParts): LabelDef<BasemapLabel> {
  return {
    id: 'basemap:labels',
    data: parts.labels,
    visible: true,
    // The list is built once per basemap and never reordered, and names may repeat: the index is the id.
    keyOf: (_l, i) => String(i),
    getText: (l) => l.name,
    getPosition: (l) => l.position,
    size: (l) => (l.rank <= 1 ? 30 : 24),
    baseline: 'center',
    priority: (l) => LABEL_TIER.basemap - l.rank,
  };
}

export function basemapLabelLayer(parts: BasemapParts, placement?: Placement): Layer {
  const def = basemapLabels(parts);
  return new TextLayer<BasemapLabel>({
    id: def.id,
    // The basemap never changes: the placement alone decides which names are in the data.
    data: placement ? placement.select(def, parts) : def.data,
    getText: def.getText,
    getPosition: def.getPosition,
    getSize: def.size,
    sizeUnits: 'pixels',
    getColor: [215, 225, 240, 255],
    getTextAnchor: 'middle',
    getAlignmentBaseline: 'center',
    fontFamily: FONT_FAMILY,
    fontWeight: 600,
    // Placement changes the data as the operator pans; 'auto' would rebuild the atlas for each new name,
    // which on software GL leaves empty plates (see LIVE_CHARACTER_SET).
    characterSet: LIVE_CHARACTER_SET,
    background: true,
    getBackgroundColor: LABEL_BACKGROUND,
    backgroundPadding: LABEL_PADDING,
  });
}
