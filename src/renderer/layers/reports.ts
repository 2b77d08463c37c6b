import { IconLayer } from '@deck.gl/layers';
import type { Layer } from '@deck.gl/core';
import { SLA_COLORS, type Rgba } from '../domain/palette.ts';
import { slaState } from '../domain/sla.ts';
import type { ReportRec } from '../state/records.ts';
import { atlasProp, SHAPE_MAPPING } from './shapes.ts';
import type { LayerContext, LayerSpec } from './types.ts';

export function reportColor(r: ReportRec, now: number): Rgba {
  return SLA_COLORS[slaState(r, now)];
}

/** SLA states move with the clock, not only with events: the trigger includes the minute. */
export function reportTrigger(version: number, now: number): string {
  return `${version}:${Math.floor(now / 60_000)}`;
}

export const reportsLayer: LayerSpec = {
  id: 'reports',
  build({ state, visible, now }: LayerContext): Layer[] {
    const t = state.reports;
    const trigger = reportTrigger(t.version, now);
    return [
      // Two squares: a dark one behind for contrast, the SLA colour on top.
      new IconLayer<ReportRec>({
        id: 'reports:outline',
        data: t.items,
        visible: visible.reports,
        iconAtlas: atlasProp(),
        iconMapping: SHAPE_MAPPING,
        getIcon: () => 'square',
        getPosition: (r) => r.position,
        getSize: 28,
        sizeUnits: 'pixels',
        getColor: [10, 12, 20, 255],
        updateTriggers: { getPosition: t.version },
      }),
      new IconLayer<ReportRec>({
        id: 'reports:points',
        data: t.items,
        visible: visible.reports,
        pickable: true,
        iconAtlas: atlasProp(),
        iconMapping: SHAPE_MAPPING,
        getIcon: () => 'square',
        getPosition: (r) => r.position,
        getSize: 21,
        sizeUnits: 'pixels',
        getColor: (r) => reportColor(r, now),
        updateTriggers: { getPosition: t.version, getColor: trigger },
      }),
    ];
  },
};
