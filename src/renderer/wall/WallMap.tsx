import { memo, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import DeckGL from '@deck.gl/react';
import { MapView, WebMercatorViewport, type MapViewState, type PickingInfo } from '@deck.gl/core';
import { alarmsLayer } from '../layers/alarms.ts';
import { basemapLabelLayer, basemapLabels, basemapLayers, type BasemapParts } from '../layers/basemap.ts';
import { labelSource, placeLabels, type LabelSource, type Placement } from '../layers/declutter.ts';
import { LAYER_SPECS } from '../layers/registry.ts';
import { wallLayerOf, type LayerContext } from '../layers/types.ts';
import type { Selection } from '../panels/detailRows.ts';
import type { LayerId } from '../state/records.ts';
import type { WallState } from '../state/wallState.ts';
import { PRESETS, type ViewState } from './screenPresets.ts';
import { usePulse } from './usePulse.ts';
import { countFrame } from './readiness.ts';

/** Where the camera starts without a preset: the overview of the whole city. */
export const INITIAL_VIEW_STATE: ViewState = PRESETS.overview.view;
// One MapView for the window: one WebGL context, however many layers.
const VIEWS = [new MapView({ id: 'map', controller: true })];

type CameraView = ViewState;
interface MapSize {
  width: number;
  height: number;
}

/** While the camera moves, labels are re-placed at most this often, and once more when it stops. */
const PLACEMENT_THROTTLE_MS = 150;

const sameView = (a: CameraView, b: CameraView): boolean =>
  a.longitude === b.longitude &&
  a.latitude === b.latitude &&
  a.zoom === b.zoom &&
  a.pitch === b.pitch &&
  a.bearing === b.bearing;

/**
 * The camera and map size that labels are placed for. deck.gl still drives the camera itself
 * (initialViewState + controller); this only watches, throttled, so a pan costs one placement per
 * PLACEMENT_THROTTLE_MS rather than one per frame.
 */
function usePlacementView(initialView: CameraView): {
  view: CameraView;
  size: MapSize;
  mapRef: React.RefObject<HTMLDivElement | null>;
  onViewStateChange: (params: { viewState: MapViewState }) => void;
} {
  const [start, setStart] = useState(initialView);
  const [view, setView] = useState(initialView);
  // deck.gl moves the camera to a changed initialViewState (compared by value); the labels follow it.
  if (!sameView(start, initialView)) {
    setStart(initialView);
    setView(initialView);
  }
  // The map fills the window: a first guess good enough for the first frame's labels.
  const [size, setSize] = useState<MapSize>(() => ({
    width: typeof window === 'undefined' ? 1920 : window.innerWidth,
    height: typeof window === 'undefined' ? 1080 : window.innerHeight,
  }));
  const mapRef = useRef<HTMLDivElement | null>(null);
  useLayoutEffect(() => {
    const el = mapRef.current;
    if (!el) return;
    const measure = (): void => {
      const width = el.clientWidth;
      const height = el.clientHeight;
      // A map not laid out yet says 0 × 0; placing for that would drop every label.
      if (width > 0 && height > 0) {
        setSize((old) => (old.width === width && old.height === height ? old : { width, height }));
      }
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  const latest = useRef<CameraView | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(
    () => () => {
      if (timer.current !== null) clearTimeout(timer.current);
    },
    [],
  );
  const onViewStateChange = useCallback(({ viewState: v }: { viewState: MapViewState }) => {
    latest.current = {
      longitude: v.longitude,
      latitude: v.latitude,
      zoom: v.zoom,
      pitch: v.pitch ?? 0,
      bearing: v.bearing ?? 0,
    };
    if (timer.current !== null) return;
    // The timer takes whatever view is latest when it fires, so the view where movement stopped is
    // always placed, at most one period late.
    timer.current = setTimeout(() => {
      timer.current = null;
      const next = latest.current;
      if (next) setView((old) => (sameView(old, next) ? old : next));
    }, PLACEMENT_THROTTLE_MS);
  }, []);
  return { view, size, mapRef, onViewStateChange };
}

/**
 * Which labels have room for this camera: every label source projected through a viewport of the map's
 * size. `previous` comes back unchanged when the same labels win, so the text layers keep their data.
 */
export function placeForView(
  sources: readonly LabelSource[],
  view: CameraView,
  size: MapSize,
  previous: Placement | null = null,
): Placement {
  const viewport = new WebMercatorViewport({ ...view, ...size });
  const { width, height } = size;
  // A screen's margin round the map: labels panned into view show before the next placement.
  const bounds = { left: -width, top: -height, right: 2 * width, bottom: 2 * height };
  return placeLabels(sources, (p) => viewport.project(p), { bounds }, previous);
}

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
  /** Where this window's camera starts (its screen's preset); the operator pans and zooms from there. */
  initialView?: ViewState;
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
  const { view, size, mapRef, onViewStateChange } = usePlacementView(props.initialView ?? INITIAL_VIEW_STATE);

  const base = useMemo(() => basemapLayers(basemap), [basemap]);
  const now = minute * 60_000;
  const ctx = useMemo<LayerContext>(
    () => ({ state, visible, now, pulse: 0, language }),
    [state, revision, visible, now, language],
  );
  const labelSources = useMemo(
    () => [labelSource(basemapLabels(basemap)), ...LAYER_SPECS.flatMap((s) => s.labels?.(ctx) ?? [])],
    [basemap, ctx],
  );
  // Computed during render, from the first one on: the frame that makes the wall "ready" has its labels.
  const lastPlacement = useRef<Placement | null>(null);
  const placement = useMemo(() => {
    lastPlacement.current = placeForView(labelSources, view, size, lastPlacement.current);
    return lastPlacement.current;
  }, [labelSources, view, size]);
  const labels = useMemo(() => basemapLabelLayer(basemap, placement), [basemap, placement]);
  const live = useMemo(
    () => LAYER_SPECS.filter((s) => s !== alarmsLayer).map((s) => s.build({ ...ctx, placement })),
    [ctx, placement],
  );
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
      ref={mapRef}
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
        initialViewState={{ map: props.initialView ?? INITIAL_VIEW_STATE }}
        layers={layers}
        pickingRadius={6}
        onViewStateChange={onViewStateChange}
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
