import type { EventDraft } from '../../../shared/protocol/envelope.ts';
import { EVENT_TYPES, geometrySchema, type Geometry } from '../../../shared/protocol/eventData.ts';
import type { LonLat } from '../../../shared/protocol/geo.ts';
import { circleRing } from '../cap/geometry.ts';
import { cleanText, entityIdFrom, parseTime } from '../util.ts';
import type { NgsiRecord } from './normalize.ts';

/**
 * NGSI-LD type → feed event (the table is published in docs/SOURCES.md). Entities that fit a demo-city
 * event exactly (a noise reading with LAeq, an air reading with all five pollutants and an index, a
 * camera, an alert) use it so the wall draws them with no extra code; the rest use the generic
 * `observedEntityData` events. Numbers go to `measures`, everything else verbatim to `attrs`: nothing the
 * broker sent is dropped.
 */

type Mapper = (r: NgsiRecord, common: Common) => EventDraft | { reason: string };

type Common = {
  geometry?: Geometry;
  position?: LonLat;
  observedAt?: number;
  name?: string;
  measures: Record<string, number>;
  /** Non-numeric attributes (and `location` when it is no Point/LineString/Polygon). */
  attrs: Record<string, unknown>;
  /** Every attribute but a parsed `location`, for events without `measures`. */
  allAttrs: Record<string, unknown>;
};

/** Short id after the conventional `urn:ngsi-ld:<Type>:` prefix, so `urn:ngsi-ld:Camera:ls-017` → `camera:ls-017`. */
function idFor(prefix: string, r: NgsiRecord): string {
  const conventional = `urn:ngsi-ld:${r.type}:`;
  return entityIdFrom(prefix, r.id.startsWith(conventional) ? r.id.slice(conventional.length) : r.id);
}

function firstPosition(g: Geometry): LonLat | undefined {
  if (g.type === 'Point') return g.coordinates;
  if (g.type === 'LineString') return g.coordinates[0];
  return g.coordinates[0]?.[0];
}

/** `dateObserved` may be an interval ("from/to"): the end is when the observation was complete. */
function observedAtOf(attrs: Record<string, unknown>): number | undefined {
  for (const key of ['dateObserved', 'observationDateTime', 'dateObservedTo', 'dateIssued', 'dateModified']) {
    const v = attrs[key];
    if (typeof v !== 'string') continue;
    const t = parseTime(v.includes('/') ? v.slice(v.lastIndexOf('/') + 1) : v);
    if (t !== undefined) return t;
  }
  return undefined;
}

export function commonOf(r: NgsiRecord): Common {
  const measures: Record<string, number> = {};
  const attrs: Record<string, unknown> = {};
  const allAttrs: Record<string, unknown> = {};
  const geo = geometrySchema.safeParse(r.attrs['location']);
  for (const [key, value] of Object.entries(r.attrs)) {
    if (key === 'location' && geo.success) continue;
    allAttrs[key] = typeof value === 'number' && !Number.isFinite(value) ? null : value;
    if (typeof value === 'number' && Number.isFinite(value)) measures[key] = value;
    // JSON.parse('1e999') is Infinity: kept as null, which is what it would serialise to anyway.
    else attrs[key] = typeof value === 'number' ? null : value;
  }
  const nameRaw = r.attrs['name'] ?? r.attrs['cameraName'];
  const name = typeof nameRaw === 'string' && nameRaw.trim() !== '' ? cleanText(nameRaw, 200) : undefined;
  const observedAt = observedAtOf(r.attrs);
  const position = geo.success ? firstPosition(geo.data) : undefined;
  return {
    ...(geo.success ? { geometry: geo.data } : {}),
    ...(position ? { position } : {}),
    ...(observedAt !== undefined ? { observedAt } : {}),
    ...(name ? { name } : {}),
    measures,
    attrs,
    allAttrs,
  };
}

function observed(type: EventDraft['type'], prefix: string, statusKeys: string[] = []): Mapper {
  return (r, c) => {
    const statusRaw = statusKeys.map((k) => r.attrs[k]).find((v) => typeof v === 'string' && v.trim() !== '');
    return {
      type,
      id: idFor(prefix, r),
      data: {
        sourceType: r.type,
        ...(c.name ? { name: c.name } : {}),
        ...(c.geometry ? { geometry: c.geometry } : {}),
        ...(c.position ? { position: c.position } : {}),
        ...(typeof statusRaw === 'string' ? { status: cleanText(statusRaw, 200) } : {}),
        measures: c.measures,
        attrs: c.attrs,
        ...(c.observedAt !== undefined ? { observedAt: c.observedAt } : {}),
      },
    } as EventDraft;
  };
}

/** A reading that fills `sensor.reading` exactly; otherwise the generic `sensor.observed`. */
function reading(
  prefix: string,
  build: (r: NgsiRecord, c: Common) => Record<string, unknown> | undefined,
): Mapper {
  const fallback = observed('sensor.observed', prefix);
  return (r, c) => {
    const data = c.position ? build(r, c) : undefined;
    if (data) {
      const full = {
        ...data,
        position: c.position,
        attrs: c.allAttrs,
        ...(c.observedAt !== undefined ? { observedAt: c.observedAt } : {}),
      };
      if (EVENT_TYPES['sensor.reading'].data.safeParse(full).success) {
        return { type: 'sensor.reading', id: idFor(prefix, r), data: full } as EventDraft;
      }
    }
    return fallback(r, c);
  };
}

const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

const CAMERA_ONLINE = new Set(['ok', 'online', 'on', 'working', 'active', 'running', 'true']);
const CAMERA_OFFLINE = new Set([
  'offline',
  'off',
  'notworking',
  'disconnected',
  'inactive',
  'broken',
  'false',
]);

function cameraStatus(attrs: Record<string, unknown>): 'online' | 'offline' | 'degraded' {
  if (attrs['on'] === false) return 'offline';
  for (const key of ['status', 'deviceState', 'cameraStatus']) {
    const v = attrs[key];
    if (typeof v !== 'string') continue;
    const s = v.toLowerCase().replace(/[\s_-]/g, '');
    if (CAMERA_ONLINE.has(s)) return 'online';
    if (CAMERA_OFFLINE.has(s)) return 'offline';
    return 'degraded';
  }
  // A camera the broker reports, with no state saying otherwise, is taken as online.
  return 'online';
}

const FIWARE_SEVERITY: Readonly<Record<string, 'Extreme' | 'Severe' | 'Moderate' | 'Minor' | 'Unknown'>> = {
  informational: 'Minor',
  low: 'Minor',
  medium: 'Moderate',
  high: 'Severe',
  critical: 'Extreme',
};
/** A point alert still needs an area on the wall. */
const ALERT_POINT_RADIUS_KM = 0.2;

const alertMapper: Mapper = (r, c) => {
  const a = r.attrs;
  const sent = parseTime(a['dateIssued']) ?? parseTime(a['validFrom']) ?? c.observedAt;
  if (sent === undefined) return { reason: 'Alert without dateIssued' };
  const str = (k: string): string | undefined =>
    typeof a[k] === 'string' && (a[k] as string).trim() !== '' ? (a[k] as string) : undefined;
  const polygons =
    c.geometry?.type === 'Polygon'
      ? c.geometry.coordinates.slice(0, 1)
      : c.position
        ? [circleRing(c.position, ALERT_POINT_RADIUS_KM)]
        : [];
  const validFrom = parseTime(a['validFrom']);
  const validTo = parseTime(a['validTo']);
  const description = str('description');
  return {
    type: 'alert.issued',
    id: idFor('alert', r),
    data: {
      identifier: r.id.slice(0, 500),
      sender: cleanText(str('alertSource') ?? 'ngsi-ld', 500),
      sent,
      msgType: 'Alert',
      severity: FIWARE_SEVERITY[str('severity')?.toLowerCase() ?? ''] ?? 'Unknown',
      urgency: 'Unknown',
      certainty: 'Unknown',
      ...(validFrom !== undefined ? { effective: validFrom } : {}),
      ...(validTo !== undefined ? { expires: validTo } : {}),
      // FIWARE Alerts carry no language: "und" (BCP 47 undetermined).
      infos: [
        {
          language: 'und',
          event: cleanText(str('subCategory') ?? str('category') ?? 'Alert', 200),
          ...(description ? { description: cleanText(description, 4000) } : {}),
        },
      ],
      polygons,
      geocodes: [],
      attrs: c.allAttrs,
    },
  } as EventDraft;
};

export const NGSI_MAPPERS: Readonly<Record<string, Mapper>> = {
  TrafficFlowObserved: observed('flow.observed', 'flow'),
  RoadSegment: observed('road.status', 'road', ['status']),
  OffStreetParking: observed('parking.status', 'parking', ['status']),
  Camera: (r, c) =>
    ({
      type: 'camera.status',
      id: idFor('camera', r),
      data: {
        status: cameraStatus(r.attrs),
        ...(c.position ? { position: c.position } : {}),
        ...(c.observedAt !== undefined ? { observedAt: c.observedAt } : {}),
        attrs: c.allAttrs,
      },
    }) as EventDraft,
  Alert: alertMapper,
  AirQualityObserved: reading('air', (r) => {
    const a = r.attrs;
    return {
      kind: 'air',
      pm25: num(a['pm25']),
      pm10: num(a['pm10']),
      no2: num(a['no2']),
      o3: num(a['o3']),
      co: num(a['co']),
      aqi: num(a['airQualityIndex']),
    };
  }),
  NoiseLevelObserved: reading('noise', (r) => ({ kind: 'noise', laeqDb: num(r.attrs['LAeq']) })),
  WaterQualityObserved: observed('sensor.observed', 'water'),
  WeatherObserved: observed('weather.observed', 'weather'),
  Streetlight: observed('streetlight.status', 'streetlight', ['powerState', 'status']),
  Device: observed('device.status', 'device', ['deviceState', 'status']),
};

export const NGSI_TYPES: ReadonlySet<string> = new Set(Object.keys(NGSI_MAPPERS));

export function ngsiDraft(record: NgsiRecord): EventDraft | { reason: string } {
  const mapper = NGSI_MAPPERS[record.type];
  if (!mapper) return { reason: `unsupported NGSI-LD type "${record.type}"` };
  return mapper(record, commonOf(record));
}
