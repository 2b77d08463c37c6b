import type { Layer } from '@deck.gl/core';
import { describe, expect, it } from 'vitest';
import {
  AQI_COLORS,
  CAMERA_COLORS,
  CAP_COLORS,
  CONGESTION_COLORS,
  SLA_COLORS,
  WATER_COLORS,
} from '../../../src/renderer/domain/palette.ts';
import { haloUniforms } from '../../../src/renderer/layers/alarms.ts';
import { alertText, pickInfo } from '../../../src/renderer/layers/alerts.ts';
import { buildLayers } from '../../../src/renderer/layers/registry.ts';
import type { LayerContext } from '../../../src/renderer/layers/types.ts';
import { LAYER_IDS, type LayerId } from '../../../src/renderer/state/records.ts';
import {
  applyBatch,
  applyCatalog,
  createWallState,
  type WallState,
} from '../../../src/renderer/state/wallState.ts';
import { envelope, report, smallCatalog } from './fixtures.ts';

const allOn = Object.fromEntries(LAYER_IDS.map((l) => [l, true])) as Record<LayerId, boolean>;

function city(): WallState {
  const s = createWallState();
  applyCatalog(s, smallCatalog);
  applyBatch(s, {
    upserts: [
      envelope('segment.speed', 'segment:1', { speedKmh: 45, freeFlowKmh: 50, congestion: 0.1 }),
      envelope('segment.speed', 'segment:2', { speedKmh: 2, freeFlowKmh: 50, congestion: 0.95 }),
      envelope('camera.status', 'camera:1', { status: 'degraded' }),
      envelope('sensor.reading', 'air:1', {
        kind: 'air',
        position: [106.76, 21.85],
        pm25: 1,
        pm10: 1,
        no2: 1,
        o3: 1,
        co: 1,
        aqi: 175,
      }),
      envelope('sensor.reading', 'gauge:1', {
        kind: 'water',
        position: [106.76, 21.86],
        levelM: 3.5,
        warningLevelsM: [2, 3, 4],
      }),
      envelope('alarm.raised', 'alarm:1', {
        kind: 'crowd',
        cameraId: 'camera:1',
        position: [106.76, 21.85],
        severity: 'high',
        confidence: 0.8,
      }),
      envelope('alarm.raised', 'alarm:2', {
        kind: 'intrusion',
        cameraId: 'camera:1',
        position: [106.76, 21.85],
        severity: 'high',
        confidence: 0.8,
      }),
      envelope('alarm.acknowledged', 'alarm:2', { by: { operator: 'An', station: 'ioc-1' }, at: 1 }),
      envelope('report.created', 'report:late', report({ slaDeadline: 1000 })),
      envelope('alert.issued', 'alert:1', {
        identifier: 'X',
        sender: 's',
        sent: 1,
        msgType: 'Alert',
        severity: 'Extreme',
        urgency: 'Immediate',
        certainty: 'Observed',
        geocodes: [],
        infos: [
          { language: 'vi-VN', event: 'Lũ quét' },
          { language: 'en-US', event: 'Flash flood', headline: 'Flash flood warning' },
        ],
        polygons: [
          [
            [106.7, 21.8],
            [106.8, 21.8],
            [106.8, 21.9],
            [106.7, 21.8],
          ],
        ],
      }),
    ],
    removals: [],
  });
  return s;
}

function ctx(state: WallState, over: Partial<LayerContext> = {}): LayerContext {
  return { state, visible: allOn, now: 5000, pulse: 0.5, language: 'vi', ...over };
}

function layer(layers: Layer[], id: string): Layer {
  const l = layers.find((x) => x.id === id);
  if (!l) throw new Error(`no layer ${id}`);
  return l;
}

type Accessor = (d: unknown, info?: { index: number }) => unknown;
function accessor(l: Layer, prop: string): Accessor {
  const value: unknown = (l.props as Record<string, unknown>)[prop];
  if (typeof value !== 'function') throw new Error(`${l.id}.${prop} is not an accessor`);
  return value as Accessor;
}

describe('layer builders', () => {
  it('colour traffic by congestion band, by index into the typed array', () => {
    const s = city();
    const seg = layer(buildLayers(ctx(s)), 'traffic:segments');
    const get = accessor(seg, 'getColor');
    expect(get(s.traffic.segments[0], { index: 0 })).toEqual(CONGESTION_COLORS.free);
    expect(get(s.traffic.segments[1], { index: 1 })).toEqual(CONGESTION_COLORS.jam);
    expect(seg.props.updateTriggers).toMatchObject({ getColor: s.traffic.version });
  });

  it('colour cameras by status, air by VN_AQI band, gauges by alarm level, reports by SLA, alerts by severity', () => {
    const s = city();
    const layers = buildLayers(ctx(s));
    expect(accessor(layer(layers, 'cameras:points'), 'getFillColor')(s.cameras.items[0])).toEqual(
      CAMERA_COLORS.degraded,
    );
    expect(accessor(layer(layers, 'air:points'), 'getFillColor')(s.air.items[0])).toEqual(AQI_COLORS.bad);
    expect(accessor(layer(layers, 'water:points'), 'getFillColor')(s.water.items[0])).toEqual(
      WATER_COLORS.level2,
    );
    expect(accessor(layer(layers, 'reports:points'), 'getColor')(s.reports.items[0])).toEqual(
      SLA_COLORS.overdue,
    );
    const fill = accessor(layer(layers, 'alerts:areas'), 'getFillColor')(s.alertAreas[0]) as number[];
    expect(fill.slice(0, 3)).toEqual(CAP_COLORS.Extreme.slice(0, 3));
  });

  it('hides layers with visible:false instead of removing them', () => {
    const s = city();
    const on = buildLayers(ctx(s));
    const off = buildLayers(ctx(s, { visible: { ...allOn, traffic: false } }));
    expect(off.map((l) => l.id)).toEqual(on.map((l) => l.id));
    expect(layer(off, 'traffic:segments').props.visible).toBe(false);
    expect(layer(off, 'cameras:points').props.visible).toBe(true);
  });

  it('keeps data identity between builds when nothing changed', () => {
    const s = city();
    const a = buildLayers(ctx(s));
    const b = buildLayers(ctx(s, { pulse: 0.9 }));
    for (const id of ['traffic:segments', 'cameras:points', 'units:points', 'alerts:areas']) {
      expect(layer(b, id).props.data).toBe(layer(a, id).props.data);
    }
  });

  it('pulses unacknowledged alarms through uniforms and keeps acknowledged ones steady', () => {
    const s = city();
    const halo = layer(buildLayers(ctx(s, { pulse: 0.5 })), 'alarms:halo');
    expect(halo.props).toMatchObject(haloUniforms(0.5));
    const radius = accessor(halo, 'getRadius');
    expect(radius(s.alarms.byId.get('alarm:1'))).toBeGreaterThan(0);
    expect(radius(s.alarms.byId.get('alarm:2'))).toBe(0);
    expect(haloUniforms(0).radiusScale).not.toBe(haloUniforms(0.5).radiusScale);
  });

  it('labels use the Vietnamese-capable font settings', () => {
    const s = city();
    const labels = buildLayers(ctx(s)).filter((l) => l.id.endsWith(':labels'));
    expect(labels.length).toBeGreaterThan(0);
    for (const l of labels) {
      expect(l.props).toMatchObject({ background: true });
      const set = String((l.props as Record<string, unknown>).characterSet);
      for (const ch of 'Đđạảãáàậụựỹ') expect(set).toContain(ch);
      expect(String((l.props as Record<string, unknown>).fontFamily)).toContain('Be Vietnam Pro');
    }
  });

  it('shows CAP text in the operator language', () => {
    const s = city();
    const alert = s.alerts.byId.get('alert:1');
    if (!alert) throw new Error('alert missing');
    expect(pickInfo(alert, 'en')?.event).toBe('Flash flood');
    expect(alertText(alert, 'en')).toBe('Flash flood warning');
    expect(alertText(alert, 'vi')).toBe('Lũ quét');
    expect(pickInfo(alert, 'fr')?.language).toBe('vi-VN');
  });
});
