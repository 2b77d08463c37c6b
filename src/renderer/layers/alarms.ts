import { ScatterplotLayer } from '@deck.gl/layers';
import type { Layer } from '@deck.gl/core';
import { ALARM_ACK_COLOR, ALARM_COLOR, type Rgba } from '../domain/palette.ts';
import type { AlarmRec } from '../state/records.ts';
import type { LayerContext, LayerSpec } from './types.ts';

export const ALARM_CORE_PX = 11;
const HALO_PX = 16;

export function alarmColor(a: AlarmRec): Rgba {
  return a.acknowledged ? ALARM_ACK_COLOR : ALARM_COLOR;
}

/**
 * Pulse as uniforms only: `radiusScale` and `opacity` change every animation tick, the attributes never
 * do, so a pulsing wall costs no attribute upload. Acknowledged alarms get a zero halo (steady).
 */
export function haloUniforms(pulse: number): { radiusScale: number; opacity: number } {
  return { radiusScale: 1 + 1.6 * pulse, opacity: 0.95 * (1 - pulse) };
}

export const alarmsLayer: LayerSpec = {
  id: 'alarms',
  build({ state, visible, pulse }: LayerContext): Layer[] {
    const t = state.alarms;
    return [
      new ScatterplotLayer<AlarmRec>({
        id: 'alarms:halo',
        data: t.items,
        visible: visible.alarms,
        getPosition: (a) => a.position,
        getRadius: (a) => (a.acknowledged ? 0 : HALO_PX),
        radiusUnits: 'pixels',
        stroked: true,
        filled: false,
        getLineColor: ALARM_COLOR,
        getLineWidth: 4,
        lineWidthUnits: 'pixels',
        ...haloUniforms(pulse),
        updateTriggers: { getRadius: t.version },
      }),
      new ScatterplotLayer<AlarmRec>({
        id: 'alarms:core',
        data: t.items,
        visible: visible.alarms,
        pickable: true,
        getPosition: (a) => a.position,
        getRadius: ALARM_CORE_PX,
        radiusUnits: 'pixels',
        getFillColor: alarmColor,
        getLineColor: [255, 255, 255, 255],
        getLineWidth: (a) => (a.acknowledged ? 1 : 3),
        lineWidthUnits: 'pixels',
        stroked: true,
        updateTriggers: { getFillColor: t.version, getLineWidth: t.version },
      }),
    ];
  },
};
