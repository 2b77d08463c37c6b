import { IconLayer } from '@deck.gl/layers';
import type { Layer } from '@deck.gl/core';
import { SEVERITY_COLORS, withAlpha, type Rgba } from '../domain/palette.ts';
import type { IncidentRec } from '../state/records.ts';
import { labelLayer } from './text.ts';
import { atlasProp, SHAPE_MAPPING } from './shapes.ts';
import type { LayerContext, LayerSpec } from './types.ts';

export function incidentColor(i: IncidentRec): Rgba {
  const c = SEVERITY_COLORS[i.severity];
  return i.status === 'resolved' ? withAlpha(c, 110) : c;
}

const MAX_TITLE = 30;
export function shortTitle(title: string): string {
  return title.length > MAX_TITLE ? `${title.slice(0, MAX_TITLE - 1)}…` : title;
}

export const incidentsLayer: LayerSpec = {
  id: 'incidents',
  build({ state, visible }: LayerContext): Layer[] {
    const t = state.incidents;
    return [
      new IconLayer<IncidentRec>({
        id: 'incidents:outline',
        data: t.items,
        visible: visible.incidents,
        iconAtlas: atlasProp(),
        iconMapping: SHAPE_MAPPING,
        getIcon: () => 'diamond',
        getPosition: (i) => i.position,
        getSize: 50,
        sizeUnits: 'pixels',
        getColor: [255, 255, 255, 255],
        updateTriggers: { getPosition: t.version },
      }),
      new IconLayer<IncidentRec>({
        id: 'incidents:markers',
        data: t.items,
        visible: visible.incidents,
        pickable: true,
        iconAtlas: atlasProp(),
        iconMapping: SHAPE_MAPPING,
        getIcon: () => 'diamond',
        getPosition: (i) => i.position,
        getSize: 40,
        sizeUnits: 'pixels',
        getColor: incidentColor,
        updateTriggers: { getPosition: t.version, getColor: t.version },
      }),
      labelLayer<IncidentRec>({
        id: 'incidents:labels',
        data: t.items,
        visible: visible.incidents,
        getPosition: (i) => i.position,
        getText: (i) => shortTitle(i.title),
        trigger: t.version,
        offsetY: -26,
        size: 24,
        color: [255, 230, 200, 255],
      }),
    ];
  },
};
