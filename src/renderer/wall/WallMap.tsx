import { memo, useMemo, useRef } from 'react';
import DeckGL from '@deck.gl/react';
import { MapView, type PickingInfo } from '@deck.gl/core';
import { alarmsLayer } from '../layers/alarms.ts';
import { basemapLabelLayer, basemapLayers, type BasemapParts } from '../layers/basemap.ts';
import { LAYER_SPECS } from '../layers/registry.ts';
import { wallLayerOf, type LayerContext } from '../layers/types.ts';
import type { Selection } from '../panels/detailRows.ts';
import type { LayerId } from '../state/records.ts';
import type { WallState } from '../state/wallState.ts';
import { usePulse } from './usePulse.ts';
import { countFrame } from './readiness.ts';

/** Lạng Sơn city centre (Kỳ Lừa – Đông Kinh). */
export const CITY_CENTRE = { longitude: 106.761, latitude: 21.853 };
const ZOOM = 13.5;
/** Width of the layer panel on the left (styles.css .layerpanel, with its margin). */
const LEFT_PANEL_PX = 460;
// The city centre goes in the middle of the map the panel leaves visible, not under the panel: shift the
// camera west by half the panel's width (deck.gl's MapView ignores viewport padding in view state).
const DEG_PER_PX = 360 / (512 * 2 ** ZOOM);
export const INITIAL_VIEW_STATE = {
  longitude: CITY_CENTRE.longitude - (LEFT_PANEL_PX / 2) * DEG_PER_PX,
  latitude: CITY_CENTRE.latitude,
  zoom: ZOOM,
  pitch: 0,
  bearing: 0,
};
// One MapView for the window: one WebGL context, however many layers.
const VIEWS = [new MapView({ id: 'map', controller: true })];

/** The id a pick stands for: an alert area picks its alert; a segment its own id. */
export function pickedSelection(info: PickingInfo): Selection | null {
  const layer = info.layer ? wallLayerOf(info.layer.id) : null;
  const obj: unknown = info.object;
  if (!layer || !obj || typeof obj !== 'object') return null;
  if ('alertId' in obj && typeof obj.alertId === 'string') return { layer, id: obj.alertId };
  if ('id' in obj && typeof obj.id === 'string') return { layer, id: obj.id };
  return null;
}

export const WallMap = memo(function WallMap(props: {
  state: WallState;
  revision: number;
  basemap: BasemapParts;
  visible: Record<LayerId, boolean>;
  /** Minute-resolution clock: SLA colours and alert expiry move with it. */
  minute: number;
  language: string;
  /** The frame that makes the wall "ready" is the first one drawn after this turns true. */
  dataReady: boolean;
  onReady: () => void;
  onHover: (sel: Selection | null) => void;
  onSelect: (sel: Selection | null) => void;
}): React.JSX.Element {
  const { state, revision, visible, minute, language, basemap } = props;
  const readyRef = useRef(false);
  readyRef.current = props.dataReady;
  const onReadyRef = useRef(props.onReady);
  onReadyRef.current = props.onReady;
  // Selection on click pins what hover already picked. deck.gl's own onClick waits for its double-click
  // recognisers to fail, which (with double-click zoom on) it never reported in Chromium here; a plain
  // DOM click that did not drag is simpler and cannot be missed.
  const hoveredRef = useRef<Selection | null>(null);
  const downAt = useRef<{ x: number; y: number } | null>(null);

  const hasUnacked = useMemo(() => {
    for (const a of state.alarms.byId.values()) if (!a.acknowledged) return true;
    return false;
    // revision is the change signal for the mutable state
  }, [state, revision]);
  const pulse = usePulse(hasUnacked && visible.alarms);

  const base = useMemo(() => basemapLayers(basemap), [basemap]);
  const labels = useMemo(() => basemapLabelLayer(basemap), [basemap]);
  const now = minute * 60_000;
  const live = useMemo(() => {
    const ctx: LayerContext = { state, visible, now, pulse: 0, language };
    return LAYER_SPECS.filter((s) => s !== alarmsLayer).map((s) => s.build(ctx));
  }, [state, revision, visible, now, language]);
  const alarms = useMemo(
    () => alarmsLayer.build({ state, visible, now, pulse, language }),
    [state, revision, visible, now, pulse, language],
  );
  // Basemap labels sit above traffic but below points: names stay readable, alarms stay on top.
  const layers = useMemo(() => {
    const [alerts = [], traffic = [], ...points] = live;
    // An alert's text must never hide under a street label or a station: its label goes last.
    const alertLabels = alerts.filter((l) => l.id === 'alerts:labels');
    const alertAreas = alerts.filter((l) => l.id !== 'alerts:labels');
    return [...base, ...alertAreas, ...traffic, labels, ...points.flat(), ...alarms, ...alertLabels];
  }, [base, labels, live, alarms]);

  return (
    <div
      className="map"
      onPointerDown={(e) => {
        downAt.current = { x: e.clientX, y: e.clientY };
      }}
      onClick={(e) => {
        const d = downAt.current;
        if (d && Math.hypot(e.clientX - d.x, e.clientY - d.y) > 5) return;
        props.onSelect(hoveredRef.current);
      }}
    >
      <DeckGL
        views={VIEWS}
        initialViewState={{ map: INITIAL_VIEW_STATE }}
        layers={layers}
        pickingRadius={6}
        onAfterRender={() => {
          countFrame();
          if (readyRef.current) onReadyRef.current();
        }}
        onHover={(info) => {
          hoveredRef.current = pickedSelection(info);
          props.onHover(hoveredRef.current);
        }}
        getCursor={({ isHovering }) => (isHovering ? 'pointer' : 'default')}
      />
    </div>
  );
});
