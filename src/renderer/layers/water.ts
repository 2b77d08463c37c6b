import { ScatterplotLayer } from '@deck.gl/layers';
import type { Layer } from '@deck.gl/core';
import { CAMERA_COLORS, WATER_COLORS, waterBand, type Rgba, type WaterBand } from '../domain/palette.ts';
import type { WaterRec } from '../state/records.ts';
import { LABEL_TIER, labelSource } from './declutter.ts';
import { labelLayer, type LiveLabelDef } from './text.ts';
import type { LayerContext, LayerSpec } from './types.ts';

export function waterColor(w: WaterRec): Rgba {
  return Number.isFinite(w.levelM)
    ? WATER_COLORS[waterBand(w.levelM, w.warningLevelsM)]
    : CAMERA_COLORS.unknown;
}

// A gauge above an alarm level outranks a quiet one.
const BAND_RANK: Record<WaterBand, number> = { level3: 40, level2: 30, level1: 20, normal: 10 };

function waterLabels({ state, visible }: LayerContext): LiveLabelDef<WaterRec> {
  const t = state.water;
  return {
    id: 'water:labels',
    data: t.items,
    visible: visible.water,
    keyOf: (w) => w.id,
    getPosition: (w) => w.position,
    getText: (w) => (Number.isFinite(w.levelM) ? `${w.levelM.toFixed(2)} m` : '– m'),
    trigger: t.version,
    offsetY: 20,
    size: 22,
    color: [150, 210, 255, 255],
    priority: (w) =>
      LABEL_TIER.water + (Number.isFinite(w.levelM) ? BAND_RANK[waterBand(w.levelM, w.warningLevelsM)] : 0),
  };
}

export const waterLayer: LayerSpec = {
  id: 'water',
  labels: (ctx) => [labelSource(waterLabels(ctx))],
  build(ctx: LayerContext): Layer[] {
    const { state, visible } = ctx;
    const t = state.water;
    return [
      new ScatterplotLayer<WaterRec>({
        id: 'water:points',
        data: t.items,
        visible: visible.water,
        pickable: true,
        getPosition: (w) => w.position,
        getRadius: 14,
        radiusUnits: 'pixels',
        getFillColor: waterColor,
        getLineColor: [10, 40, 120, 255],
        getLineWidth: 4,
        lineWidthUnits: 'pixels',
        stroked: true,
        updateTriggers: { getFillColor: t.version },
      }),
      labelLayer(waterLabels(ctx), ctx.placement),
    ];
  },
};
