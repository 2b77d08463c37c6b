import { ScatterplotLayer } from '@deck.gl/layers';
import type { Layer } from '@deck.gl/core';
import { AQI_COLORS, aqiBand, CAMERA_COLORS, type AqiBand, type Rgba } from '../domain/palette.ts';
import type { AirRec } from '../state/records.ts';
import { LABEL_TIER, labelSource } from './declutter.ts';
import { labelLayer, type LiveLabelDef } from './text.ts';
import type { LayerContext, LayerSpec } from './types.ts';

export function airColor(a: AirRec): Rgba {
  return Number.isFinite(a.aqi) ? AQI_COLORS[aqiBand(a.aqi)] : CAMERA_COLORS.unknown;
}

// Worse air first.
const BAND_RANK: Record<AqiBand, number> = {
  hazardous: 60,
  veryBad: 50,
  bad: 40,
  poor: 30,
  moderate: 20,
  good: 10,
};

function airLabels({ state, visible }: LayerContext): LiveLabelDef<AirRec> {
  const t = state.air;
  return {
    id: 'air:labels',
    data: t.items,
    visible: visible.air,
    keyOf: (a) => a.id,
    getPosition: (a) => a.position,
    getText: (a) => (Number.isFinite(a.aqi) ? `AQI ${Math.round(a.aqi)}` : 'AQI –'),
    trigger: t.version,
    offsetY: -22,
    size: 22,
    priority: (a) => LABEL_TIER.air + (Number.isFinite(a.aqi) ? BAND_RANK[aqiBand(a.aqi)] : 0),
  };
}

export const airLayer: LayerSpec = {
  id: 'air',
  labels: (ctx) => [labelSource(airLabels(ctx))],
  build(ctx: LayerContext): Layer[] {
    const { state, visible } = ctx;
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
      labelLayer(airLabels(ctx), ctx.placement),
    ];
  },
};
