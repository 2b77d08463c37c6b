import type { CatalogItemOf, EventDataOf, LonLat } from '../../shared/protocol/index.ts';

// What each wall layer holds per entity: the catalog's static geometry joined with the newest feed
// values. Records are mutable on purpose (see table.ts).

export const LAYER_IDS = [
  'traffic',
  'cameras',
  'alarms',
  'air',
  'water',
  'noise',
  'units',
  'incidents',
  'reports',
  'alerts',
] as const;
export type LayerId = (typeof LAYER_IDS)[number];

export interface CameraRec {
  id: string;
  name: string;
  position: LonLat;
  headingDeg: number;
  fovDeg: number;
  rangeM: number;
  ptz: boolean;
  /** Field-of-view cone, precomputed once from the catalog (it never moves). */
  cone: LonLat[];
  status: 'online' | 'offline' | 'degraded' | 'unknown';
  ts: number | null;
}

export interface AlarmRec {
  id: string;
  kind: EventDataOf<'alarm.raised'>['kind'];
  cameraId: string;
  position: LonLat;
  severity: EventDataOf<'alarm.raised'>['severity'];
  confidence: number;
  plate: string | undefined;
  acknowledged: boolean;
  ackBy: string | undefined;
  raisedAt: number;
  ts: number;
}

export interface AirRec {
  id: string;
  name: string;
  position: LonLat;
  aqi: number;
  pm25: number;
  pm10: number;
  ts: number | null;
  source: string | undefined;
}

export interface WaterRec {
  id: string;
  name: string;
  river: string;
  position: LonLat;
  levelM: number;
  warningLevelsM: [number, number, number];
  ts: number | null;
  source: string | undefined;
}

export interface NoiseRec {
  id: string;
  name: string;
  position: LonLat;
  laeqDb: number;
  ts: number | null;
  source: string | undefined;
}

export type UnitRec = { id: string; ts: number } & EventDataOf<'unit.position'>;
export type IncidentRec = { id: string; ts: number } & EventDataOf<'incident.updated'>;
export type ReportRec = {
  id: string;
  ts: number;
  source: string | undefined;
} & EventDataOf<'report.created'>;
export type AlertRec = { id: string; ts: number; source: string | undefined } & EventDataOf<'alert.issued'>;

/** One drawable polygon of an alert (an alert may cover several areas). */
export interface AlertArea {
  id: string;
  alertId: string;
  severity: AlertRec['severity'];
  polygon: LonLat[];
}

export type SegmentItem = CatalogItemOf<'segment'>;
