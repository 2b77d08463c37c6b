import { PolygonLayer, ScatterplotLayer } from '@deck.gl/layers';
import type { Layer } from '@deck.gl/core';
import { CAMERA_COLORS, withAlpha, type Rgba } from '../domain/palette.ts';
import type { CameraRec } from '../state/records.ts';
import type { LayerContext, LayerSpec } from './types.ts';

export function cameraColor(c: CameraRec): Rgba {
  return CAMERA_COLORS[c.status];
}

// An offline camera's cone is hidden: it watches nothing, and a grey cone reads as coverage.
export function coneFill(c: CameraRec): Rgba {
  return c.status === 'offline' ? [0, 0, 0, 0] : withAlpha(CAMERA_COLORS[c.status], 48);
}

export const camerasLayer: LayerSpec = {
  id: 'cameras',
  build({ state, visible }: LayerContext): Layer[] {
    const t = state.cameras;
    return [
      new PolygonLayer<CameraRec>({
        id: 'cameras:cones',
        data: t.items,
        visible: visible.cameras,
        getPolygon: (c) => c.cone,
        getFillColor: coneFill,
        getLineColor: (c) =>
          c.status === 'offline' ? [0, 0, 0, 0] : withAlpha(CAMERA_COLORS[c.status], 140),
        getLineWidth: 1,
        lineWidthUnits: 'pixels',
        stroked: true,
        filled: true,
        updateTriggers: { getFillColor: t.version, getLineColor: t.version },
      }),
      new ScatterplotLayer<CameraRec>({
        id: 'cameras:points',
        data: t.items,
        visible: visible.cameras,
        pickable: true,
        getPosition: (c) => c.position,
        getRadius: 7,
        radiusUnits: 'pixels',
        getFillColor: cameraColor,
        getLineColor: [0, 0, 0, 255],
        getLineWidth: 2,
        lineWidthUnits: 'pixels',
        stroked: true,
        updateTriggers: { getFillColor: t.version },
      }),
    ];
  },
};
