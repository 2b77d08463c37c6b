import { PathLayer } from '@deck.gl/layers';
import type { Layer } from '@deck.gl/core';
import { CONGESTION_COLORS, congestionBand, type Rgba } from '../domain/palette.ts';
import type { SegmentItem } from '../state/records.ts';
import type { LayerContext, LayerSpec } from './types.ts';

const WIDTH_PX: Record<SegmentItem['roadClass'], number> = {
  trunk: 9,
  primary: 8,
  secondary: 6,
  tertiary: 5,
  residential: 4,
};
const CASING: Rgba = [0, 0, 0, 230];

/** Colour of segment `i` from the typed congestion array (no allocation per call). */
export function segmentColor(congestion: Float32Array, i: number): Rgba {
  return CONGESTION_COLORS[congestionBand(congestion[i] ?? Number.NaN)];
}

export const trafficLayer: LayerSpec = {
  id: 'traffic',
  build({ state, visible }: LayerContext): Layer[] {
    const t = state.traffic;
    const on = visible.traffic;
    return [
      // A dark casing under every segment keeps yellow and green readable against the light roads.
      new PathLayer<SegmentItem>({
        id: 'traffic:casing',
        data: t.segments,
        visible: on,
        getPath: (s) => s.path,
        getWidth: (s) => WIDTH_PX[s.roadClass] + 4,
        getColor: CASING,
        widthUnits: 'pixels',
        capRounded: true,
        jointRounded: true,
      }),
      new PathLayer<SegmentItem>({
        id: 'traffic:segments',
        data: t.segments,
        visible: on,
        pickable: true,
        getPath: (s) => s.path,
        getWidth: (s) => WIDTH_PX[s.roadClass],
        getColor: (_s, { index }) => segmentColor(t.congestion, index),
        updateTriggers: { getColor: t.version },
        widthUnits: 'pixels',
        capRounded: true,
        jointRounded: true,
      }),
    ];
  },
};
