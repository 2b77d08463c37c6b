import { describe, expect, it } from 'vitest';
import {
  applyBatch,
  applyBootstrap,
  applyCatalog,
  createWallState,
  layerCounts,
} from '../../../src/renderer/state/wallState.ts';
import type { FeedHealth } from '../../../src/shared/ipc/contract.ts';
import { envelope, report, smallCatalog } from './fixtures.ts';

const health: FeedHealth = {
  overall: 'live',
  hubUrl: null,
  streams: {},
  rejected: { total: 0, byReason: {} },
};

describe('applyBatch', () => {
  it('joins segment speeds onto catalog segments by index without replacing the data array', () => {
    const s = createWallState();
    applyCatalog(s, smallCatalog);
    const segments = s.traffic.segments;
    const v = s.traffic.version;
    const changed = applyBatch(s, {
      upserts: [envelope('segment.speed', 'segment:2', { speedKmh: 10, freeFlowKmh: 50, congestion: 0.8 })],
      removals: [],
    });
    expect(changed.has('traffic')).toBe(true);
    expect(s.traffic.segments).toBe(segments);
    expect(s.traffic.version).toBeGreaterThan(v);
    expect(s.traffic.congestion[1]).toBeCloseTo(0.8);
    expect(Number.isNaN(s.traffic.congestion[0])).toBe(true);
  });

  it('drops (and counts) a speed for a segment the catalog does not have', () => {
    const s = createWallState();
    applyCatalog(s, smallCatalog);
    applyBatch(s, {
      upserts: [envelope('segment.speed', 'segment:zzz', { speedKmh: 10, freeFlowKmh: 50, congestion: 0.1 })],
      removals: [],
    });
    expect(s.dropped).toBe(1);
  });

  it('keeps the items array when only values change, replaces it when membership changes', () => {
    const s = createWallState();
    const unit = (speedKmh: number) =>
      envelope('unit.position', 'unit:1', {
        unitType: 'fire',
        callsign: 'PCCC-01',
        status: 'dispatched',
        position: [106.76, 21.85],
        headingDeg: 0,
        speedKmh,
      });
    applyBatch(s, { upserts: [unit(10)], removals: [] });
    const items = s.units.items;
    expect(items).toHaveLength(1);
    applyBatch(s, { upserts: [unit(40)], removals: [] });
    expect(s.units.items).toBe(items);
    expect(s.units.items[0]?.speedKmh).toBe(40);
    applyBatch(s, { upserts: [], removals: [{ stream: 'units', id: 'unit:1' }] });
    expect(s.units.items).not.toBe(items);
    expect(s.units.items).toHaveLength(0);
  });

  it('does not let optional fields of an older event survive an update without them', () => {
    const s = createWallState();
    const base = {
      unitType: 'police' as const,
      callsign: 'CS-1',
      status: 'dispatched' as const,
      position: [106.76, 21.85] as [number, number],
      headingDeg: 0,
      speedKmh: 0,
    };
    applyBatch(s, {
      upserts: [envelope('unit.position', 'unit:1', { ...base, incidentId: 'incident:1' })],
      removals: [],
    });
    applyBatch(s, {
      upserts: [envelope('unit.position', 'unit:1', { ...base, status: 'available' })],
      removals: [],
    });
    expect(s.units.byId.get('unit:1')?.incidentId).toBeUndefined();
  });

  it('acknowledges and clears alarms', () => {
    const s = createWallState();
    applyBatch(s, {
      upserts: [
        envelope('alarm.raised', 'alarm:1', {
          kind: 'intrusion',
          cameraId: 'camera:1',
          position: [106.76, 21.85],
          severity: 'high',
          confidence: 0.9,
        }),
      ],
      removals: [],
    });
    expect(s.alarms.byId.get('alarm:1')?.acknowledged).toBe(false);
    applyBatch(s, {
      upserts: [
        envelope('alarm.acknowledged', 'alarm:1', { by: { operator: 'An', station: 'ioc-1' }, at: 1 }),
      ],
      removals: [],
    });
    expect(s.alarms.byId.get('alarm:1')?.acknowledged).toBe(true);
    applyBatch(s, { upserts: [envelope('alarm.cleared', 'alarm:1', { at: 2 })], removals: [] });
    expect(s.alarms.byId.size).toBe(0);
  });

  it('routes sensor readings to the air, water and noise tables', () => {
    const s = createWallState();
    applyCatalog(s, smallCatalog);
    applyBatch(s, {
      upserts: [
        envelope('sensor.reading', 'air:1', {
          kind: 'air',
          position: [106.76, 21.85],
          pm25: 1,
          pm10: 1,
          no2: 1,
          o3: 1,
          co: 1,
          aqi: 160,
        }),
        envelope('sensor.reading', 'gauge:1', {
          kind: 'water',
          position: [106.76, 21.86],
          levelM: 3.2,
          warningLevelsM: [2, 3, 4],
        }),
        envelope('sensor.reading', 'noise:9', { kind: 'noise', position: [106.7, 21.8], laeqDb: 72 }),
      ],
      removals: [],
    });
    expect(s.air.byId.get('air:1')?.aqi).toBe(160);
    expect(s.air.byId.get('air:1')?.name).toBe('Trạm Đông Kinh');
    expect(s.water.byId.get('gauge:1')?.levelM).toBe(3.2);
    expect(s.noise.byId.size).toBe(2);
  });

  it('removes closed incidents and reports from the wall', () => {
    const s = createWallState();
    applyBatch(s, { upserts: [envelope('report.created', 'report:1', report())], removals: [] });
    expect(s.reports.byId.size).toBe(1);
    applyBatch(s, {
      upserts: [envelope('report.updated', 'report:1', report({ status: 'closed' }))],
      removals: [],
    });
    expect(s.reports.byId.size).toBe(0);
  });

  it('flattens alert polygons, supersedes referenced alerts and removes cancelled ones', () => {
    const s = createWallState();
    const ring: [number, number][] = [
      [106.7, 21.8],
      [106.8, 21.8],
      [106.8, 21.9],
      [106.7, 21.8],
    ];
    const alert = (identifier: string, msgType: 'Alert' | 'Update' | 'Cancel', references?: string[]) => ({
      identifier,
      sender: 'kttv',
      sent: 1,
      msgType,
      severity: 'Severe' as const,
      urgency: 'Immediate' as const,
      certainty: 'Likely' as const,
      infos: [{ language: 'vi', event: 'Lũ' }],
      polygons: [ring, ring],
      geocodes: [],
      ...(references ? { references } : {}),
    });
    applyBatch(s, { upserts: [envelope('alert.issued', 'alert:a', alert('A', 'Alert'))], removals: [] });
    expect(s.alertAreas).toHaveLength(2);
    applyBatch(s, {
      upserts: [
        envelope('alert.issued', 'alert:b', alert('B', 'Update', ['kttv,A,2026-01-01T00:00:00+07:00'])),
      ],
      removals: [],
    });
    expect([...s.alerts.byId.keys()]).toEqual(['alert:b']);
    applyBatch(s, { upserts: [envelope('alert.issued', 'alert:b', alert('B', 'Cancel'))], removals: [] });
    expect(s.alerts.byId.size).toBe(0);
    expect(s.alertAreas).toHaveLength(0);
  });

  it('bootstrap replaces record tables and counts every layer', () => {
    const s = createWallState();
    applyBatch(s, { upserts: [envelope('report.created', 'report:old', report())], removals: [] });
    applyBootstrap(s, {
      catalog: smallCatalog,
      entities: [envelope('report.created', 'report:new', report())],
      health,
    });
    expect([...s.reports.byId.keys()]).toEqual(['report:new']);
    expect(layerCounts(s)).toMatchObject({
      traffic: 2,
      cameras: 1,
      air: 1,
      water: 1,
      noise: 1,
      reports: 1,
      alerts: 0,
    });
    expect(s.health).toBe(health);
  });
});

describe('applyCatalog', () => {
  it('drops static entries a newer catalog no longer has, keeps live values of those it still has', () => {
    const s = createWallState();
    applyCatalog(s, smallCatalog);
    applyBatch(s, {
      upserts: [envelope('segment.speed', 'segment:1', { speedKmh: 5, freeFlowKmh: 50, congestion: 0.9 })],
      removals: [],
    });
    applyCatalog(
      s,
      smallCatalog.filter((i) => i.kind === 'segment' && i.id === 'segment:1'),
    );
    expect(layerCounts(s)).toMatchObject({ traffic: 1, cameras: 0, air: 0, water: 0, noise: 0 });
    expect(s.traffic.congestion[0]).toBeCloseTo(0.9);
  });
});
