import type { EventDraft } from '../../../shared/protocol/envelope.ts';
import type { INCIDENT_CATEGORIES, INCIDENT_STATUSES } from '../../../shared/protocol/eventData.ts';
import type { LonLat } from '../../../shared/protocol/geo.ts';
import { pad } from '../catalogBuild.ts';
import type { Rng } from '../rng.ts';
import { MINUTE, PRIORITY_INCIDENT, PRIORITY_TRAFFIC, SOURCE, type SimContext } from './context.ts';
import type { Traffic } from './traffic.ts';
import type { Unit, Units, UnitType } from './units.ts';

/**
 * Incidents: raised from alarms and scenarios, then new → acknowledged → dispatched → on_scene →
 * resolved → closed over simulated minutes. Dispatch sends the nearest available units of the right
 * kinds; a traffic accident slows its segment and the segments upstream until it is resolved.
 */

export type IncidentCategory = (typeof INCIDENT_CATEGORIES)[number];
type IncidentStatus = (typeof INCIDENT_STATUSES)[number];
export type Severity = 'low' | 'medium' | 'high' | 'critical';

export interface IncidentSpec {
  title: string;
  category: IncidentCategory;
  severity: Severity;
  position: LonLat;
  sourceAlarmId?: string;
  /** Accident segment (index), for the slowdown. */
  segment?: number;
}

interface Incident extends IncidentSpec {
  id: string;
  serial: number;
  status: IncidentStatus;
  createdAt: number;
  updatedAt: number;
  units: Unit[];
}

const NEEDS: Record<IncidentCategory, [UnitType, number][]> = {
  traffic_accident: [['traffic_police', 1], ['ambulance', 1]],
  fire: [['fire', 2], ['ambulance', 1], ['police', 1]],
  flood: [['police', 1], ['fire', 1]],
  public_order: [['police', 2]],
  other: [['police', 1]],
};

/** Minutes on scene before the incident is resolved. */
const ON_SCENE_MIN: Record<IncidentCategory, [number, number]> = {
  traffic_accident: [8, 25],
  fire: [15, 45],
  flood: [30, 90],
  public_order: [5, 20],
  other: [5, 15],
};

export interface Incidents {
  raise(spec: IncidentSpec, t: number): string;
  readonly activeCount: number;
}

export function createIncidents(ctx: SimContext, rng: Rng, units: Units, traffic: Traffic): Incidents {
  const active = new Map<string, Incident>();
  let serial = 0;

  const publish = (inc: Incident, t: number): void => {
    inc.updatedAt = t;
    const draft: EventDraft<'incident.updated'> = {
      type: 'incident.updated',
      id: inc.id,
      source: SOURCE,
      data: {
        title: inc.title,
        category: inc.category,
        severity: inc.severity,
        status: inc.status,
        position: inc.position,
        units: inc.units.map((u) => u.id),
        createdAt: inc.createdAt,
        updatedAt: t,
        ...(inc.sourceAlarmId ? { sourceAlarmId: inc.sourceAlarmId } : {}),
      },
    };
    ctx.emit(PRIORITY_INCIDENT, draft);
  };
  const pushSpeeds = (segments: number[], t: number): void => {
    // The jam shows at once, not when the round-robin next reaches these segments.
    traffic.prepare(t);
    for (const s of segments.slice(0, 64)) ctx.emit(PRIORITY_TRAFFIC, traffic.speedEvent(s));
  };
  const later = (t: number, minMin: number, maxMin: number): number => t + Math.round(rng.range(minMin, maxMin) * MINUTE);

  const onScene = (inc: Incident, t: number): void => {
    if (inc.status !== 'dispatched') return;
    inc.status = 'on_scene';
    publish(inc, t);
    const [lo, hi] = ON_SCENE_MIN[inc.category];
    ctx.schedule(later(t, lo, hi), (at) => resolve(inc, at));
  };
  const resolve = (inc: Incident, t: number): void => {
    inc.status = 'resolved';
    publish(inc, t);
    for (const u of inc.units) if (u.incidentId === inc.id) units.release(u, t);
    if (inc.segment !== undefined) pushSpeeds(traffic.clearAccident(inc.serial), t);
    ctx.schedule(later(t, 3, 8), (at) => {
      inc.status = 'closed';
      publish(inc, at);
      active.delete(inc.id);
    });
  };
  const dispatch = (inc: Incident, t: number): void => {
    inc.status = 'dispatched';
    for (const [type, count] of NEEDS[inc.category]) {
      for (const u of units.available(type, inc.position, t, count)) {
        inc.units.push(u);
        units.dispatch(u, inc.id, inc.position, t, (at) => onScene(inc, at));
      }
    }
    publish(inc, t);
    // Nobody free (or a unit that never arrives): someone local gets there eventually.
    ctx.schedule(later(t, 12, 20), (at) => onScene(inc, at));
  };

  return {
    get activeCount() {
      return active.size;
    },
    raise(spec, t) {
      serial++;
      const inc: Incident = { ...spec, id: `incident:ls-${pad(serial, 5)}`, serial, status: 'new', createdAt: t, updatedAt: t, units: [] };
      active.set(inc.id, inc);
      publish(inc, t);
      if (spec.segment !== undefined) pushSpeeds(traffic.addAccident(serial, spec.segment), t);
      ctx.schedule(later(t, 0.3, 1.5), (at) => {
        inc.status = 'acknowledged';
        publish(inc, at);
        ctx.schedule(later(at, 0.5, 2), (at2) => dispatch(inc, at2));
      });
      return inc.id;
    },
  };
}
