import { ScatterplotLayer } from '@deck.gl/layers';
import type { Layer } from '@deck.gl/core';
import { CAMERA_COLORS, NOISE_COLORS, noiseBand, type Rgba } from '../domain/palette.ts';
import type { NoiseRec } from '../state/records.ts';
import type { LayerContext, LayerSpec } from './types.ts';

export function noiseColor(n: NoiseRec): Rgba {
  return Number.isFinite(n.laeqDb) ? NOISE_COLORS[noiseBand(n.laeqDb)] : CAMERA_COLORS.unknown;
}

export const noiseLayer: LayerSpec = {
  id: 'noise',
  build({ state, visible }: LayerContext): Layer[] {
    const t = state.noise;
    return [
      new ScatterplotLayer<NoiseRec>({
        id: 'noise:points',
        data: t.items,
        visible: visible.noise,
        pickable: true,
        getPosition: (n) => n.position,
        getRadius: 9,
        radiusUnits: 'pixels',
        getFillColor: [0, 0, 0, 200],
        getLineColor: noiseColor,
        // A hollow ring tells noise apart from the filled air and report points at a glance.
        getLineWidth: 4,
        lineWidthUnits: 'pixels',
        stroked: true,
        updateTriggers: { getLineColor: t.version },
      }),
    ];
  },
};
