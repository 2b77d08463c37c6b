import { IconLayer } from '@deck.gl/layers';
import type { Layer } from '@deck.gl/core';
import { SEVERITY_COLORS, withAlpha, type Rgba } from '../domain/palette.ts';
import type { IncidentRec } from '../state/records.ts';
import { LABEL_TIER, labelSource } from './declutter.ts';
import { labelLayer, type LiveLabelDef } from './text.ts';
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

// Open incidents by severity; a settled one only when there is room.
const SEVERITY_RANK: Record<IncidentRec['severity'], number> = {
  critical: 40,
  high: 30,
  medium: 20,
  low: 10,
};
const settled = (i: IncidentRec): boolean => i.status === 'resolved' || i.status === 'closed';

function incidentLabels({ state, visible }: LayerContext): LiveLabelDef<IncidentRec> {
  const t = state.incidents;
  return {
    id: 'incidents:labels',
    data: t.items,
    visible: visible.incidents,
    keyOf: (i) => i.id,
    getPosition: (i) => i.position,
    getText: (i) => shortTitle(i.title),
    trigger: t.version,
    offsetY: -26,
    size: 24,
    color: [255, 230, 200, 255],
    priority: (i) => LABEL_TIER.incidents + (settled(i) ? 0 : SEVERITY_RANK[i.severity]),
  };
}

export const incidentsLayer: LayerSpec = {
  id: 'incidents',
  labels: (ctx) => [labelSource(incidentLabels(ctx))],
  build(ctx: LayerContext): Layer[] {
    const { state, visible } = ctx;
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
      labelLayer(incidentLabels(ctx), ctx.placement),
    ];
  },
};
