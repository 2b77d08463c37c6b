import { ScatterplotLayer } from '@deck.gl/layers';
import type { Layer } from '@deck.gl/core';
import { CAMERA_COLORS, WATER_COLORS, waterBand, type Rgba } from '../domain/palette.ts';
import type { WaterRec } from '../state/records.ts';
import { labelLayer } from './text.ts';
import type { LayerContext, LayerSpec } from './types.ts';

export function waterColor(w: WaterRec): Rgba {
  return Number.isFinite(w.levelM)
    ? WATER_COLORS[waterBand(w.levelM, w.warningLevelsM)]
    : CAMERA_COLORS.unknown;
}

export const waterLayer: LayerSpec = {
  id: 'water',
  build({ state, visible }: LayerContext): Layer[] {
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
      labelLayer<WaterRec>({
        id: 'water:labels',
        data: t.items,
        visible: visible.water,
        getPosition: (w) => w.position,
        getText: (w) => (Number.isFinite(w.levelM) ? `${w.levelM.toFixed(2)} m` : '– m'),
        trigger: t.version,
        offsetY: 20,
        size: 22,
        color: [150, 210, 255, 255],
      }),
    ];
  },
};
