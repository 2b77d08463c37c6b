import type { Envelope, EventDataOf, EventType, LonLat } from '../../shared/protocol/index.ts';
import { isEventType } from '../../shared/protocol/eventData.ts';
import type { FeedBatch } from '../../shared/ipc/contract.ts';
import { applyAcknowledged, applyCleared, applyRaised, forgetAlarm } from './alarms.ts';
import type { AlertArea, LayerId } from './records.ts';
import { deleteRecord, putRecord, touch, type Table } from './table.ts';
import { clearSpeed, setSpeed } from './traffic.ts';
import type { WallState } from './wallState.ts';

// How each feed event type lands in the wall's tables: one switch, one map lookup per envelope.

type EnvelopeIn = FeedBatch['upserts'][number];

function isLonLat(v: unknown): v is LonLat {
  return Array.isArray(v) && v.length === 2 && Number.isFinite(v[0]) && Number.isFinite(v[1]);
}

function asEnvelope(env: EnvelopeIn): Envelope | null {
  // main parsed every envelope with the protocol's schemas before sending it; the renderer only
  // narrows by type here (parsing 100k envelopes again per bootstrap would cost the first frame).
  return isEventType(env.type) ? (env as Envelope) : null;
}

/** Applies one envelope; returns the layer it changed, or null when the wall cannot place it. */
export function applyEnvelope(state: WallState, raw: EnvelopeIn): LayerId | null {
  const env = asEnvelope(raw);
  if (!env) return null;
  if (env.ts > state.newestTs) state.newestTs = env.ts;
  switch (env.type) {
    case 'segment.speed':
      return setSpeed(state.traffic, env.id, env.data.congestion, env.data.speedKmh, env.ts)
        ? 'traffic'
        : null;
    case 'camera.status': {
      const cam = state.cameras.byId.get(env.id);
      if (!cam) {
        // Real sources (NGSI-LD Camera) may name a camera the catalog does not have, with its position.
        const pos: unknown = 'position' in env.data ? env.data.position : undefined;
        if (!isLonLat(pos)) return null;
        putRecord(state.cameras, {
          id: env.id,
          name: env.id,
          position: pos,
          headingDeg: 0,
          fovDeg: 360,
          rangeM: 0,
          ptz: false,
          cone: [],
          status: env.data.status,
          ts: env.ts,
        });
        return 'cameras';
      }
      cam.status = env.data.status;
      cam.ts = env.ts;
      touch(state.cameras);
      return 'cameras';
    }
    case 'alarm.raised':
      // A raise older than the alarm's clear changes nothing; still placed, so not counted as dropped.
      applyRaised(state.alarms, state.alarmMarks, env);
      return 'alarms';
    case 'alarm.acknowledged':
      applyAcknowledged(state.alarms, state.alarmMarks, env);
      return 'alarms';
    case 'alarm.cleared':
      applyCleared(state.alarms, state.alarmMarks, env);
      return 'alarms';
    case 'sensor.reading':
      return applyReading(state, env);
    case 'unit.position':
      putOrAssign(state.units, { id: env.id, ts: env.ts, ...env.data });
      return 'units';
    case 'incident.updated':
      // Closed incidents leave the wall; resolved ones stay (dimmed) until closed.
      if (env.data.status === 'closed') deleteRecord(state.incidents, env.id);
      else putOrAssign(state.incidents, { id: env.id, ts: env.ts, ...env.data });
      return 'incidents';
    case 'report.created':
    case 'report.updated':
      if (env.data.status === 'closed') deleteRecord(state.reports, env.id);
      else putOrAssign(state.reports, { id: env.id, ts: env.ts, source: env.source, ...env.data });
      return 'reports';
    case 'alert.issued':
      applyAlert(state, env.id, env.ts, env.source, env.data);
      return 'alerts';
    case 'segment.removed':
      clearSpeed(state.traffic, env.id);
      return 'traffic';
    default: {
      const layers = removalLayers(env.type);
      if (layers.length === 0) return null;
      for (const l of layers) removeFrom(state, l, env.id);
      return layers[0] ?? null;
    }
  }
}

/** Updates in place when the entity exists (so deck.gl keeps its data array), inserts otherwise. */
function putOrAssign<R extends { id: string }>(table: Table<R>, rec: R): void {
  const old = table.byId.get(rec.id);
  if (old) {
    // Optional fields absent from the newer event must not survive from the older one.
    for (const key of Object.keys(old)) if (!(key in rec)) Reflect.deleteProperty(old, key);
    Object.assign(old, rec);
    touch(table);
  } else putRecord(table, rec);
}

/**
 * A reading refreshes its station in place; a station the catalog never named is added with the
 * reading's own fields and `fresh` defaults (its id as name). Catalog names are never overwritten.
 */
function upsertReading<R extends { id: string }>(
  table: Table<R>,
  id: string,
  fields: Partial<R>,
  fresh: Partial<R> & { id: string },
): void {
  const old = table.byId.get(id);
  if (old) {
    Object.assign(old, fields);
    touch(table);
  } else putRecord(table, { ...fresh, ...fields } as R);
}

function applyReading(state: WallState, env: Envelope<'sensor.reading'>): LayerId {
  const d = env.data;
  const common = { position: d.position, ts: env.ts, source: env.source };
  switch (d.kind) {
    case 'air':
      upsertReading(
        state.air,
        env.id,
        { ...common, aqi: d.aqi, pm25: d.pm25, pm10: d.pm10 },
        { id: env.id, name: env.id },
      );
      return 'air';
    case 'water':
      upsertReading(
        state.water,
        env.id,
        { ...common, levelM: d.levelM, warningLevelsM: d.warningLevelsM },
        { id: env.id, name: env.id, river: '' },
      );
      return 'water';
    case 'noise':
      upsertReading(state.noise, env.id, { ...common, laeqDb: d.laeqDb }, { id: env.id, name: env.id });
      return 'noise';
  }
}

function applyAlert(
  state: WallState,
  id: string,
  ts: number,
  source: string | undefined,
  data: EventDataOf<'alert.issued'>,
): void {
  // CAP references are "sender,identifier,sent": an Update or Cancel supersedes the alerts it names.
  for (const ref of data.references ?? []) {
    const identifier = ref.split(',')[1]?.trim();
    if (!identifier) continue;
    for (const a of state.alerts.byId.values()) {
      if (a.identifier === identifier && a.id !== id) deleteRecord(state.alerts, a.id);
    }
  }
  if (data.msgType === 'Cancel') deleteRecord(state.alerts, id);
  else {
    const old = state.alerts.byId.get(id);
    if (old) deleteRecord(state.alerts, id); // polygons may change: treat as a membership change
    putRecord(state.alerts, { id, ts, source, ...data });
  }
}

/** Flattens every alert's polygons into drawable areas (rebuilt when alerts change). */
export function rebuildAlertAreas(state: WallState): void {
  const areas: AlertArea[] = [];
  for (const a of state.alerts.byId.values()) {
    a.polygons.forEach((polygon, i) => {
      areas.push({ id: `${a.id}#${i}`, alertId: a.id, severity: a.severity, polygon: polygon as LonLat[] });
    });
  }
  state.alertAreas = areas;
}

const REMOVAL_LAYERS: Partial<Record<EventType, LayerId[]>> = {
  'camera.removed': ['cameras'],
  'alarm.removed': ['alarms'],
  'sensor.removed': ['air', 'water', 'noise'],
  'unit.removed': ['units'],
  'incident.removed': ['incidents'],
  'report.removed': ['reports'],
  'alert.removed': ['alerts'],
};

function removalLayers(type: EventType): LayerId[] {
  return REMOVAL_LAYERS[type] ?? [];
}

const STREAM_LAYERS: Record<string, LayerId[]> = {
  traffic: ['traffic'],
  security: ['cameras', 'alarms'],
  environment: ['air', 'water', 'noise'],
  units: ['units'],
  incidents: ['incidents'],
  reports: ['reports'],
  alerts: ['alerts'],
};

/** A removal from a batch: the entity leaves every layer of its stream. */
export function removeEntity(state: WallState, stream: string, id: string): LayerId[] {
  const hit: LayerId[] = [];
  for (const layer of STREAM_LAYERS[stream] ?? []) if (removeFrom(state, layer, id)) hit.push(layer);
  if (hit.includes('alerts')) rebuildAlertAreas(state);
  return hit;
}

function removeFrom(state: WallState, layer: LayerId, id: string): boolean {
  switch (layer) {
    case 'traffic':
      clearSpeed(state.traffic, id);
      return true;
    case 'cameras':
      return deleteRecord(state.cameras, id);
    case 'alarms':
      return forgetAlarm(state.alarms, state.alarmMarks, id);
    default:
      return deleteRecord(state[layer] as Table<{ id: string }>, id);
  }
}
