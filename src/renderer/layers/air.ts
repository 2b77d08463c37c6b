import { ScatterplotLayer } from '@deck.gl/layers';
import type { Layer } from '@deck.gl/core';
import { AQI_COLORS, aqiBand, CAMERA_COLORS, type Rgba } from '../domain/palette.ts';
import type { AirRec } from '../state/records.ts';
import { labelLayer } from './text.ts';
import type { LayerContext, LayerSpec } from './types.ts';

export function airColor(a: AirRec): Rgba {
  return Number.isFinite(a.aqi) ? AQI_COLORS[aqiBand(a.aqi)] : CAMERA_COLORS.unknown;
}

export const airLayer: LayerSpec = {
  id: 'air',
  build({ state, visible }: LayerContext): Layer[] {
    const t = state.air;
    return [
      new ScatterplotLayer<AirRec>({
        id: 'air:points',
        data: t.items,
        visible: visible.air,
        pickable: true,
        getPosition: (a) => a.position,
        getRadius: 16,
        radiusUnits: 'pixels',
        getFillColor: airColor,
        // White rim: the maroon and purple bands would otherwise sink into the dark basemap.
        getLineColor: [255, 255, 255, 255],
        getLineWidth: 3,
        lineWidthUnits: 'pixels',
        stroked: true,
        updateTriggers: { getFillColor: t.version },
      }),
      labelLayer<AirRec>({
        id: 'air:labels',
        data: t.items,
        visible: visible.air,
        getPosition: (a) => a.position,
        getText: (a) => (Number.isFinite(a.aqi) ? `AQI ${Math.round(a.aqi)}` : 'AQI –'),
        trigger: t.version,
        offsetY: -22,
        size: 22,
      }),
    ];
  },
};
