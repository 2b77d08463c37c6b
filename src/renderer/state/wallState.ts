import type { CatalogItem } from '../../shared/protocol/index.ts';
import type { FeedBatch, FeedHealth } from '../../shared/ipc/contract.ts';
import type { AlarmMarksById } from './alarms.ts';
import { applyEnvelope, rebuildAlertAreas, removeEntity } from './applyEnvelope.ts';
import { fovCone } from './geometry.ts';
import type {
  AirRec,
  AlarmRec,
  AlertArea,
  AlertRec,
  CameraRec,
  IncidentRec,
  LayerId,
  NoiseRec,
  ReportRec,
  SegmentItem,
  UnitRec,
  WaterRec,
} from './records.ts';
import { clearTable, commitTable, createTable, deleteRecord, putRecord, type Table } from './table.ts';
import { createTraffic, setSegments, type TrafficState } from './traffic.ts';

/** Everything the wall draws, fed by `wall.bootstrap` and then `feed.batch` deltas. */
export interface WallState {
  traffic: TrafficState;
  cameras: Table<CameraRec>;
  alarms: Table<AlarmRec>;
  air: Table<AirRec>;
  water: Table<WaterRec>;
  noise: Table<NoiseRec>;
  units: Table<UnitRec>;
  incidents: Table<IncidentRec>;
  reports: Table<ReportRec>;
  alerts: Table<AlertRec>;
  /** Acks held for alarms whose raise has not arrived, and clears (see alarms.ts). */
  alarmMarks: AlarmMarksById;
  /** Flattened alert polygons, rebuilt with the alerts table's membership. */
  alertAreas: readonly AlertArea[];
  health: FeedHealth | null;
  /** Envelopes this window could not place (unknown type, no geometry): a diagnostics counter. */
  dropped: number;
  /** Newest hub `ts` seen, the wall's notion of "now" for SLA when the clock is unknown. */
  newestTs: number;
}

export function createWallState(): WallState {
  return {
    traffic: createTraffic(),
    cameras: createTable(),
    alarms: createTable(),
    air: createTable(),
    water: createTable(),
    noise: createTable(),
    units: createTable(),
    incidents: createTable(),
    reports: createTable(),
    alerts: createTable(),
    alarmMarks: new Map(),
    alertAreas: [],
    health: null,
    dropped: 0,
    newestTs: 0,
  };
}

const NO_READING = Number.NaN;

/**
 * Installs the catalog: static geometry for segments, cameras and stations, so the city is drawn before
 * any live value. Live values already held for entities that survive are kept.
 */
export function applyCatalog(state: WallState, catalog: readonly CatalogItem[]): void {
  const segments: SegmentItem[] = [];
  for (const item of catalog) {
    switch (item.kind) {
      case 'segment':
        segments.push(item);
        break;
      case 'camera': {
        const old = state.cameras.byId.get(item.id);
        putRecord(state.cameras, {
          id: item.id,
          name: item.name,
          position: item.position,
          headingDeg: item.headingDeg,
          fovDeg: item.fovDeg,
          rangeM: item.rangeM,
          ptz: item.ptz,
          cone: fovCone(item.position, item.headingDeg, item.fovDeg, item.rangeM),
          status: old?.status ?? 'unknown',
          ts: old?.ts ?? null,
        });
        break;
      }
      case 'airStation': {
        const old = state.air.byId.get(item.id);
        putRecord(
          state.air,
          old
            ? { ...old, name: item.name, position: item.position }
            : {
                id: item.id,
                name: item.name,
                position: item.position,
                aqi: NO_READING,
                pm25: NO_READING,
                pm10: NO_READING,
                ts: null,
                source: undefined,
              },
        );
        break;
      }
      case 'riverGauge': {
        const old = state.water.byId.get(item.id);
        putRecord(
          state.water,
          old
            ? {
                ...old,
                name: item.name,
                river: item.river,
                position: item.position,
                warningLevelsM: item.warningLevelsM,
              }
            : {
                id: item.id,
                name: item.name,
                river: item.river,
                position: item.position,
                levelM: NO_READING,
                warningLevelsM: item.warningLevelsM,
                ts: null,
                source: undefined,
              },
        );
        break;
      }
      case 'noiseSensor': {
        const old = state.noise.byId.get(item.id);
        putRecord(
          state.noise,
          old
            ? { ...old, name: item.name, position: item.position }
            : {
                id: item.id,
                name: item.name,
                position: item.position,
                laeqDb: NO_READING,
                ts: null,
                source: undefined,
              },
        );
        break;
      }
    }
  }
  setSegments(state.traffic, segments);
  // A catalog that shrank: its static entries go, unless a live reading still places them.
  const ids = new Set(catalog.map((i) => i.id));
  const catalogTables: Table<{ id: string; ts: number | null }>[] = [
    state.cameras,
    state.air,
    state.water,
    state.noise,
  ];
  for (const t of catalogTables) {
    for (const r of [...t.byId.values()]) if (!ids.has(r.id) && r.ts === null) deleteRecord(t, r.id);
  }
  commitAll(state);
}

/** Which layers a batch touched: the React side rebuilds only those. */
export type ChangeSet = Set<LayerId>;

/**
 * Applies one coalesced `feed.batch` in place. Cost is one map lookup and a few field writes per
 * envelope; arrays handed to deck.gl are rebuilt only for tables whose membership changed.
 */
export function applyBatch(state: WallState, batch: FeedBatch): ChangeSet {
  const changed: ChangeSet = new Set();
  // Removals first: an entity removed and re-added within one tick is in both lists (feedBatcher.ts).
  for (const r of batch.removals) {
    for (const layer of removeEntity(state, r.stream, r.id)) changed.add(layer);
  }
  for (const env of inSeqOrder(batch.upserts)) {
    const layer = applyEnvelope(state, env);
    if (layer) changed.add(layer);
    else state.dropped++;
  }
  if (changed.has('alerts')) rebuildAlertAreas(state);
  commitAll(state);
  return changed;
}

type Upserts = FeedBatch['upserts'];

/**
 * Envelopes of one entity must apply in seq order (a raise before its ack, a report's creation before
 * its update). main sends batches and bootstraps sorted by (stream, seq); checking costs one pass, and
 * anything else is sorted rather than trusted.
 */
function inSeqOrder(upserts: Upserts): Upserts {
  for (let i = 1; i < upserts.length; i++) {
    const a = upserts[i - 1];
    const b = upserts[i];
    if (a && b && bySeq(a, b) > 0) return [...upserts].sort(bySeq);
  }
  return upserts;
}

function bySeq(a: Upserts[number], b: Upserts[number]): number {
  if (a.stream !== b.stream) return a.stream < b.stream ? -1 : 1;
  return a.seq - b.seq;
}

/** Replaces everything with a bootstrap answer (first frame, or after main re-seeded its cache). */
export function applyBootstrap(
  state: WallState,
  boot: { catalog: readonly CatalogItem[]; entities: FeedBatch['upserts']; health: FeedHealth },
): void {
  const records: Table<{ id: string }>[] = [
    state.alarms,
    state.units,
    state.incidents,
    state.reports,
    state.alerts,
  ];
  for (const t of records) clearTable(t);
  state.alarmMarks.clear();
  applyCatalog(state, boot.catalog);
  applyBatch(state, { upserts: boot.entities, removals: [] });
  rebuildAlertAreas(state);
  state.health = boot.health;
}

function commitAll(state: WallState): void {
  const tables: Table<{ id: string }>[] = [
    state.cameras,
    state.alarms,
    state.air,
    state.water,
    state.noise,
    state.units,
    state.incidents,
    state.reports,
    state.alerts,
  ];
  for (const t of tables) commitTable(t);
}

/** Entities each layer holds (the `layer-count-*` test hooks show these raw integers). */
export function layerCounts(state: WallState): Record<LayerId, number> {
  return {
    traffic: state.traffic.segments.length,
    cameras: state.cameras.byId.size,
    alarms: state.alarms.byId.size,
    air: state.air.byId.size,
    water: state.water.byId.size,
    noise: state.noise.byId.size,
    units: state.units.byId.size,
    incidents: state.incidents.byId.size,
    reports: state.reports.byId.size,
    alerts: state.alerts.byId.size,
  };
}
