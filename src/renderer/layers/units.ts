import { ScatterplotLayer } from '@deck.gl/layers';
import type { Layer } from '@deck.gl/core';
import { UNIT_COLORS, withAlpha, type Rgba } from '../domain/palette.ts';
import type { UnitRec } from '../state/records.ts';
import { LABEL_TIER, labelSource } from './declutter.ts';
import { labelLayer, type LiveLabelDef } from './text.ts';
import type { LayerContext, LayerSpec } from './types.ts';

/** Fill says the type; the rim says the status (white = committed to an incident, none = idle). */
export function unitFill(u: UnitRec): Rgba {
  const c = UNIT_COLORS[u.unitType];
  return u.status === 'off_duty' ? withAlpha(c, 90) : c;
}

export function unitRim(u: UnitRec): Rgba {
  switch (u.status) {
    case 'dispatched':
    case 'on_scene':
      return [255, 255, 255, 255];
    case 'returning':
      return [160, 170, 190, 255];
    default:
      return [0, 0, 0, 255];
  }
}

// A committed unit is the one the operator is following; an off-duty one the least.
const STATUS_RANK: Record<UnitRec['status'], number> = {
  dispatched: 40,
  on_scene: 40,
  returning: 30,
  available: 20,
  off_duty: 0,
};

function unitLabels({ state, visible }: LayerContext): LiveLabelDef<UnitRec> {
  const t = state.units;
  return {
    id: 'units:labels',
    data: t.items,
    visible: visible.units,
    keyOf: (u) => u.id,
    getPosition: (u) => u.position,
    getText: (u) => u.callsign,
    trigger: t.version,
    offsetY: 16,
    size: 20,
    color: [230, 236, 245, 255],
    priority: (u) => LABEL_TIER.units + STATUS_RANK[u.status],
  };
}

export const unitsLayer: LayerSpec = {
  id: 'units',
  labels: (ctx) => [labelSource(unitLabels(ctx))],
  build(ctx: LayerContext): Layer[] {
    const { state, visible } = ctx;
    const t = state.units;
    return [
      new ScatterplotLayer<UnitRec>({
        id: 'units:points',
        data: t.items,
        visible: visible.units,
        pickable: true,
        getPosition: (u) => u.position,
        getRadius: 10,
        radiusUnits: 'pixels',
        getFillColor: unitFill,
        getLineColor: unitRim,
        getLineWidth: (u) => (u.status === 'dispatched' || u.status === 'on_scene' ? 4 : 2),
        lineWidthUnits: 'pixels',
        stroked: true,
        updateTriggers: {
          getPosition: t.version,
          getFillColor: t.version,
          getLineColor: t.version,
          getLineWidth: t.version,
        },
      }),
      labelLayer(unitLabels(ctx), ctx.placement),
    ];
  },
};
