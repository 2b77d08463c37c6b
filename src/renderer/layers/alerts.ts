import { PolygonLayer } from '@deck.gl/layers';
import type { Layer } from '@deck.gl/core';
import type { LonLat } from '../../shared/protocol/index.ts';
import { CAP_COLORS, withAlpha } from '../domain/palette.ts';
import type { AlertArea, AlertRec } from '../state/records.ts';
import { LABEL_TIER, labelSource } from './declutter.ts';
import { labelLayer, type LiveLabelDef } from './text.ts';
import type { LayerContext, LayerSpec } from './types.ts';

/**
 * The CAP `info` block for the operator's language: exact tag (`vi`, `en-US` → `en`), then the
 * first block, as CAP senders list their primary language first.
 */
export function pickInfo(
  alert: Pick<AlertRec, 'infos'>,
  language: string,
): AlertRec['infos'][number] | undefined {
  const want = language.toLowerCase();
  return (
    alert.infos.find((i) => i.language.toLowerCase() === want) ??
    alert.infos.find((i) => i.language.toLowerCase().split('-')[0] === want) ??
    alert.infos[0]
  );
}

export function alertText(alert: AlertRec, language: string): string {
  const info = pickInfo(alert, language);
  const text = info?.headline?.trim() || info?.event || alert.identifier;
  return text.length > MAX_LABEL ? `${text.slice(0, MAX_LABEL - 1)}…` : text;
}

const MAX_LABEL = 44;

/** Label anchor: the mean of the ring's vertices (good enough for the convex areas CAP sends). */
export function ringCenter(ring: readonly LonLat[]): LonLat {
  let x = 0;
  let y = 0;
  const n = Math.max(1, ring.length - 1);
  for (let i = 0; i < n; i++) {
    const p = ring[i];
    if (p) {
      x += p[0];
      y += p[1];
    }
  }
  return [x / n, y / n];
}

const SEVERITY_RANK: Record<AlertArea['severity'], number> = {
  Extreme: 50,
  Severe: 40,
  Moderate: 30,
  Minor: 20,
  Unknown: 10,
};

function alertLabels({ state, visible, language }: LayerContext): LiveLabelDef<AlertArea> {
  return {
    id: 'alerts:labels',
    data: state.alertAreas,
    visible: visible.alerts,
    keyOf: (a) => a.id,
    getPosition: (a) => ringCenter(a.polygon),
    getText: (a) => {
      const alert = state.alerts.byId.get(a.alertId);
      return alert ? alertText(alert, language) : '';
    },
    trigger: `${state.alerts.version}:${language}`,
    size: 26,
    color: [255, 240, 220, 255],
    priority: (a) => LABEL_TIER.alerts + SEVERITY_RANK[a.severity],
  };
}

export const alertsLayer: LayerSpec = {
  id: 'alerts',
  labels: (ctx) => [labelSource(alertLabels(ctx))],
  build(ctx: LayerContext): Layer[] {
    const { state, visible, now } = ctx;
    const t = state.alerts;
    const areas = state.alertAreas;
    const expired = (a: AlertArea): boolean => {
      const exp = state.alerts.byId.get(a.alertId)?.expires;
      return exp !== undefined && exp < now;
    };
    const trigger = `${t.version}:${Math.floor(now / 60_000)}`;
    return [
      new PolygonLayer<AlertArea>({
        id: 'alerts:areas',
        data: areas,
        visible: visible.alerts,
        pickable: true,
        getPolygon: (a) => a.polygon,
        // Expired alerts stay as a faint outline until the source cancels them: the operator sees they lapsed.
        getFillColor: (a) => withAlpha(CAP_COLORS[a.severity], expired(a) ? 0 : 70),
        getLineColor: (a) => withAlpha(CAP_COLORS[a.severity], expired(a) ? 110 : 255),
        getLineWidth: 4,
        lineWidthUnits: 'pixels',
        stroked: true,
        filled: true,
        updateTriggers: { getFillColor: trigger, getLineColor: trigger },
      }),
      labelLayer(alertLabels(ctx), ctx.placement),
    ];
  },
};
