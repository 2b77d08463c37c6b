import { slaState } from '../domain/sla.ts';
import { formatDateTime, formatTime } from '../i18n/format.ts';
import { pickInfo } from '../layers/alerts.ts';
import type { LayerId } from '../state/records.ts';
import type { WallState } from '../state/wallState.ts';

export interface Selection {
  layer: LayerId;
  id: string;
}

export type Translate = (key: string, params?: Record<string, string | number>) => string;

export interface Detail {
  title: string;
  /** Label / value pairs, rendered as text nodes only (feed text is never HTML). */
  rows: [string, string][];
}

const num = (n: number, digits = 0): string => (Number.isFinite(n) ? n.toFixed(digits) : '–');

/** What the detail panel shows for a selection, from the current state; null when it is gone. */
export function detailFor(
  state: WallState,
  sel: Selection,
  t: Translate,
  lng: string,
  now: number,
): Detail | null {
  const time = (ms: number | null | undefined): string => (ms ? formatTime(ms, lng) : '–');
  const when = (ms: number | null | undefined): string => (ms ? formatDateTime(ms, lng) : '–');
  switch (sel.layer) {
    case 'traffic': {
      const i = state.traffic.indexById.get(sel.id);
      const s = i === undefined ? undefined : state.traffic.segments[i];
      if (i === undefined || !s) return null;
      const c = state.traffic.congestion[i] ?? Number.NaN;
      return {
        title: s.name,
        rows: [
          [t('detail.road'), s.road],
          [t('detail.speed'), `${num(state.traffic.speedKmh[i] ?? Number.NaN)} km/h`],
          [t('detail.freeFlow'), `${num(s.freeFlowKmh)} km/h`],
          [t('detail.congestion'), Number.isFinite(c) ? `${Math.round(c * 100)} %` : '–'],
          [t('detail.updated'), time(state.traffic.ts[i])],
          [t('detail.id'), s.id],
        ],
      };
    }
    case 'cameras': {
      const c = state.cameras.byId.get(sel.id);
      if (!c) return null;
      return {
        title: c.name,
        rows: [
          [t('detail.status'), c.status === 'unknown' ? '–' : t(`camera.${c.status}`)],
          [t('detail.heading'), `${num(c.headingDeg)}°`],
          [t('detail.updated'), time(c.ts)],
          [t('detail.id'), c.id],
        ],
      };
    }
    case 'alarms': {
      const a = state.alarms.byId.get(sel.id);
      if (!a) return null;
      const rows: [string, string][] = [
        [t('detail.status'), t(a.acknowledged ? 'alarmState.acknowledged' : 'alarmState.raised')],
        [t('detail.severity'), t(`severity.${a.severity}`)],
        [t('detail.confidence'), `${Math.round(a.confidence * 100)} %`],
        [t('detail.camera'), state.cameras.byId.get(a.cameraId)?.name ?? a.cameraId],
        [t('detail.created'), time(a.raisedAt)],
      ];
      if (a.plate) rows.push([t('detail.plate'), a.plate]);
      if (a.ackBy) rows.push([t('alarmState.acknowledged'), a.ackBy]);
      return { title: t(`alarmKind.${a.kind}`), rows };
    }
    case 'air': {
      const a = state.air.byId.get(sel.id);
      if (!a) return null;
      return {
        title: a.name,
        rows: [
          [t('detail.aqi'), num(a.aqi)],
          ['PM2.5', `${num(a.pm25, 1)} µg/m³`],
          ['PM10', `${num(a.pm10, 1)} µg/m³`],
          [t('detail.updated'), time(a.ts)],
          [t('detail.source'), a.source ?? '–'],
        ],
      };
    }
    case 'water': {
      const w = state.water.byId.get(sel.id);
      if (!w) return null;
      return {
        title: w.name,
        rows: [
          [t('detail.river'), w.river || '–'],
          [t('detail.level'), `${num(w.levelM, 2)} m`],
          [t('detail.warnings'), w.warningLevelsM.map((l) => num(l, 1)).join(' / ') + ' m'],
          [t('detail.updated'), time(w.ts)],
        ],
      };
    }
    case 'noise': {
      const n = state.noise.byId.get(sel.id);
      if (!n) return null;
      return {
        title: n.name,
        rows: [
          [t('detail.noise'), `${num(n.laeqDb)} dB(A)`],
          [t('detail.updated'), time(n.ts)],
        ],
      };
    }
    case 'units': {
      const u = state.units.byId.get(sel.id);
      if (!u) return null;
      const rows: [string, string][] = [
        [t('detail.type'), t(`unitType.${u.unitType}`)],
        [t('detail.status'), t(`unitStatus.${u.status}`)],
        [t('detail.speed'), `${num(u.speedKmh)} km/h`],
        [t('detail.updated'), time(u.ts)],
      ];
      if (u.incidentId)
        rows.push([t('layers.incidents'), state.incidents.byId.get(u.incidentId)?.title ?? u.incidentId]);
      return { title: u.callsign, rows };
    }
    case 'incidents': {
      const i = state.incidents.byId.get(sel.id);
      if (!i) return null;
      return {
        title: i.title,
        rows: [
          [t('detail.category'), t(`incidentCategory.${i.category}`)],
          [t('detail.severity'), t(`severity.${i.severity}`)],
          [t('detail.status'), t(`incidentStatus.${i.status}`)],
          [
            t('detail.units'),
            i.units.map((id) => state.units.byId.get(id)?.callsign ?? id).join(', ') || '–',
          ],
          [t('detail.created'), when(i.createdAt)],
          [t('detail.updated'), when(i.updatedAt)],
        ],
      };
    }
    case 'reports': {
      const r = state.reports.byId.get(sel.id);
      if (!r) return null;
      return {
        title: r.title,
        rows: [
          [t('detail.category'), r.category],
          [t('detail.status'), t(`reportStatus.${r.status}`)],
          [t('detail.sla'), t(`sla.${slaState(r, now)}`)],
          [t('detail.deadline'), when(r.slaDeadline)],
          [t('detail.address'), r.address ?? '–'],
          [t('detail.description'), r.description],
          [t('detail.source'), r.source ?? '–'],
        ],
      };
    }
    case 'alerts': {
      const a = state.alerts.byId.get(sel.id);
      if (!a) return null;
      const info = pickInfo(a, lng);
      return {
        title: info?.event ?? a.identifier,
        rows: [
          [t('detail.severity'), t(`capSeverity.${a.severity}`)],
          [t('detail.urgency'), a.urgency],
          [t('detail.headline'), info?.headline ?? '–'],
          [t('detail.area'), info?.areaDesc ?? '–'],
          [t('detail.instruction'), info?.instruction ?? '–'],
          [t('detail.expires'), when(a.expires)],
          [t('detail.sender'), a.sender],
        ],
      };
    }
  }
}
