import { z } from 'zod';
import { epochMs, finiteNumber, lineSchema, lonLatSchema, nonNegative, ringSchema } from './geo.ts';
import type { StreamName } from './streams.ts';
import { entityId, freeText, label } from './text.ts';

/**
 * Typed `data` per event `type`. Every feed event's `data` is parsed with the schema of its type;
 * an unknown type is rejected with a counted reason. `observedAt` is the source's own clock, when it
 * has one (the envelope's `ts` is the hub's clock at append).
 */

const observedAt = epochMs.optional();
const actor = z.object({ operator: label, station: label });
export type Actor = z.infer<typeof actor>;
export const actorSchema = actor;

/**
 * Attributes of a real source's entity (NGSI-LD, CAP, Open311) that have no typed field: kept verbatim
 * as JSON values so nothing the source said is dropped. Optional on the demo city's types.
 */
export const sourceAttrs = z
  .record(z.string().max(200), z.unknown())
  .refine((r) => Object.keys(r).length <= 200, 'at most 200 attributes');

// ── traffic ───────────────────────────────────────────────────────────────
export const segmentSpeedData = z.object({
  speedKmh: nonNegative,
  freeFlowKmh: nonNegative,
  /** 0 = free flow, 1 = standstill. */
  congestion: z.number().min(0, 'congestion must be within 0..1').max(1, 'congestion must be within 0..1'),
  observedAt,
});

// ── security ──────────────────────────────────────────────────────────────
export const CAMERA_STATUSES = ['online', 'offline', 'degraded'] as const;
export const cameraStatusData = z.object({
  status: z.enum(CAMERA_STATUSES),
  observedAt,
  /** Where a real source (NGSI-LD Camera) says the camera is; the demo city's cameras are in the catalog. */
  position: lonLatSchema.optional(),
  attrs: sourceAttrs.optional(),
});

export const ALARM_KINDS = ['intrusion', 'crowd', 'smoke_fire', 'wrong_way', 'red_light', 'plate_match'] as const;
export type AlarmKind = (typeof ALARM_KINDS)[number];
export const alarmRaisedData = z.object({
  kind: z.enum(ALARM_KINDS),
  cameraId: entityId,
  position: lonLatSchema,
  severity: z.enum(['low', 'medium', 'high', 'critical']),
  confidence: finiteNumber.refine((n) => n >= 0 && n <= 1, 'confidence must be within 0..1'),
  plate: label.optional(),
  observedAt,
});
export const alarmAcknowledgedData = z.object({ by: actor, at: epochMs, note: freeText.optional() });
export const alarmClearedData = z.object({ at: epochMs });

// ── environment ───────────────────────────────────────────────────────────
export const airReadingData = z.object({
  kind: z.literal('air'),
  position: lonLatSchema,
  pm25: nonNegative,
  pm10: nonNegative,
  no2: nonNegative,
  o3: nonNegative,
  co: nonNegative,
  /** Vietnamese VN_AQI (Decision 1459/QĐ-TCMT), 0..500. */
  aqi: nonNegative,
  observedAt,
  attrs: sourceAttrs.optional(),
});
export const waterReadingData = z.object({
  kind: z.literal('water'),
  position: lonLatSchema,
  /** Water level above the gauge datum, metres. */
  levelM: finiteNumber,
  /** Alarm levels I, II, III (báo động 1/2/3), metres, ascending. */
  warningLevelsM: z.tuple([finiteNumber, finiteNumber, finiteNumber]),
  observedAt,
  attrs: sourceAttrs.optional(),
});
export const noiseReadingData = z.object({
  kind: z.literal('noise'),
  position: lonLatSchema,
  /** Equivalent continuous sound level, dB(A). */
  laeqDb: nonNegative,
  observedAt,
  attrs: sourceAttrs.optional(),
});
export const sensorReadingData = z.discriminatedUnion('kind', [airReadingData, waterReadingData, noiseReadingData]);

// ── units ─────────────────────────────────────────────────────────────────
export const UNIT_TYPES = ['police', 'fire', 'ambulance', 'traffic_police'] as const;
export const UNIT_STATUSES = ['available', 'dispatched', 'on_scene', 'returning', 'off_duty'] as const;
export const unitPositionData = z.object({
  unitType: z.enum(UNIT_TYPES),
  callsign: label,
  status: z.enum(UNIT_STATUSES),
  position: lonLatSchema,
  headingDeg: finiteNumber,
  speedKmh: nonNegative,
  incidentId: entityId.optional(),
  observedAt,
});

// ── incidents (hub-owned records) ─────────────────────────────────────────
export const INCIDENT_CATEGORIES = ['traffic_accident', 'fire', 'flood', 'public_order', 'other'] as const;
export const INCIDENT_STATUSES = ['new', 'acknowledged', 'dispatched', 'on_scene', 'resolved', 'closed'] as const;
export const incidentUpdatedData = z.object({
  title: label,
  category: z.enum(INCIDENT_CATEGORIES),
  severity: z.enum(['low', 'medium', 'high', 'critical']),
  status: z.enum(INCIDENT_STATUSES),
  position: lonLatSchema,
  units: z.array(entityId).max(100),
  createdAt: epochMs,
  updatedAt: epochMs,
  sourceAlarmId: entityId.optional(),
  notes: z.array(z.object({ at: epochMs, by: actor, text: freeText })).max(1000).optional(),
});

// ── citizen reports (phản ánh hiện trường) ────────────────────────────────
export const REPORT_STATUSES = ['open', 'acknowledged', 'in_progress', 'resolved', 'closed'] as const;
export const reportData = z.object({
  category: label,
  title: label,
  description: freeText,
  position: lonLatSchema,
  address: label.optional(),
  status: z.enum(REPORT_STATUSES),
  createdAt: epochMs,
  updatedAt: epochMs,
  /** When the report must be resolved by (the SLA). */
  slaDeadline: epochMs,
  observedAt,
  /** Open311 `status_notes`: why the status is what it is. */
  statusNotes: freeText.optional(),
  /** The source system's own id (Open311 `service_request_id`, always a string). */
  externalId: label.optional(),
  attrs: sourceAttrs.optional(),
});

// ── alerts (CAP 1.2) ──────────────────────────────────────────────────────
export const CAP_SEVERITIES = ['Extreme', 'Severe', 'Moderate', 'Minor', 'Unknown'] as const;
export const alertInfoData = z.object({
  language: z.string().max(35),
  event: label,
  headline: freeText.optional(),
  description: freeText.optional(),
  instruction: freeText.optional(),
  areaDesc: freeText.optional(),
});
export const alertIssuedData = z.object({
  identifier: z.string().min(1).max(500),
  sender: z.string().max(500),
  sent: epochMs,
  msgType: z.enum(['Alert', 'Update', 'Cancel', 'Ack', 'Error']),
  severity: z.enum(CAP_SEVERITIES),
  urgency: z.enum(['Immediate', 'Expected', 'Future', 'Past', 'Unknown']),
  certainty: z.enum(['Observed', 'Likely', 'Possible', 'Unlikely', 'Unknown']),
  effective: epochMs.optional(),
  expires: epochMs.optional(),
  infos: z.array(alertInfoData).min(1).max(20),
  /** Areas as GeoJSON-ordered polygons (circles are approximated as polygons by the adapter). */
  polygons: z.array(ringSchema).max(100),
  geocodes: z.array(z.object({ valueName: z.string().max(200), value: z.string().max(200) })).max(200),
  references: z.array(z.string().max(1000)).max(100).optional(),
  /** CAP `status`: a wall can mark Test/Exercise alerts apart from Actual ones. */
  status: z.enum(['Actual', 'Exercise', 'System', 'Test', 'Draft']).optional(),
  attrs: sourceAttrs.optional(),
});

// ── real-source observations without a demo-city counterpart (NGSI-LD) ────
/** GeoJSON geometry as NGSI-LD GeoProperties carry it (`[lon, lat]`). */
export const geometrySchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('Point'), coordinates: lonLatSchema }),
  z.object({ type: z.literal('LineString'), coordinates: lineSchema }),
  z.object({ type: z.literal('Polygon'), coordinates: z.array(ringSchema).min(1).max(100) }),
]);
export type Geometry = z.infer<typeof geometrySchema>;
/**
 * One observed entity of a real source (FIWARE TrafficFlowObserved, RoadSegment, WeatherObserved,
 * OffStreetParking, Streetlight, Device, or an environment reading that does not fill `sensor.reading`):
 * numeric attributes in `measures`, everything else verbatim in `attrs`.
 */
export const observedEntityData = z.object({
  /** The source's entity type, e.g. `WeatherObserved`. */
  sourceType: label,
  name: label.optional(),
  geometry: geometrySchema.optional(),
  /** A representative point of `geometry` (its first position), for point layers. */
  position: lonLatSchema.optional(),
  status: label.optional(),
  measures: z.record(z.string().max(200), finiteNumber),
  attrs: sourceAttrs,
  observedAt,
});

/** A removed entity: `<kind>.removed`, with the reason when one is known. */
export const removedData = z.object({ reason: freeText.optional() });

/** Every event type the feed carries: its stream and its data schema. */
export const EVENT_TYPES = {
  'segment.speed': { stream: 'traffic', data: segmentSpeedData },
  'segment.removed': { stream: 'traffic', data: removedData },
  'camera.status': { stream: 'security', data: cameraStatusData },
  'camera.removed': { stream: 'security', data: removedData },
  'alarm.raised': { stream: 'security', data: alarmRaisedData },
  'alarm.acknowledged': { stream: 'security', data: alarmAcknowledgedData },
  'alarm.cleared': { stream: 'security', data: alarmClearedData },
  'alarm.removed': { stream: 'security', data: removedData },
  'sensor.reading': { stream: 'environment', data: sensorReadingData },
  'sensor.removed': { stream: 'environment', data: removedData },
  'unit.position': { stream: 'units', data: unitPositionData },
  'unit.removed': { stream: 'units', data: removedData },
  'incident.updated': { stream: 'incidents', data: incidentUpdatedData },
  'incident.removed': { stream: 'incidents', data: removedData },
  'report.created': { stream: 'reports', data: reportData },
  'report.updated': { stream: 'reports', data: reportData },
  'report.removed': { stream: 'reports', data: removedData },
  'alert.issued': { stream: 'alerts', data: alertIssuedData },
  'alert.removed': { stream: 'alerts', data: removedData },
  // Real sources (NGSI-LD) — the NGSI type → event table is in docs/SOURCES.md.
  'flow.observed': { stream: 'traffic', data: observedEntityData },
  'flow.removed': { stream: 'traffic', data: removedData },
  'road.status': { stream: 'traffic', data: observedEntityData },
  'road.removed': { stream: 'traffic', data: removedData },
  'parking.status': { stream: 'traffic', data: observedEntityData },
  'parking.removed': { stream: 'traffic', data: removedData },
  'sensor.observed': { stream: 'environment', data: observedEntityData },
  'weather.observed': { stream: 'environment', data: observedEntityData },
  'weather.removed': { stream: 'environment', data: removedData },
  'streetlight.status': { stream: 'environment', data: observedEntityData },
  'streetlight.removed': { stream: 'environment', data: removedData },
  'device.status': { stream: 'environment', data: observedEntityData },
  'device.removed': { stream: 'environment', data: removedData },
} as const satisfies Record<string, { stream: StreamName; data: z.ZodType }>;

export type EventType = keyof typeof EVENT_TYPES;
export type EventDataOf<T extends EventType> = z.infer<(typeof EVENT_TYPES)[T]['data']>;

/** A Set, not `Object.hasOwn` on the type table: this runs for every feed event. */
const EVENT_TYPE_NAMES: ReadonlySet<string> = new Set(Object.keys(EVENT_TYPES));

export function isEventType(value: unknown): value is EventType {
  return typeof value === 'string' && EVENT_TYPE_NAMES.has(value);
}
