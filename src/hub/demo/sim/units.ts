import type { EventDraft } from '../../../shared/protocol/envelope.ts';
import type { UNIT_STATUSES, UNIT_TYPES } from '../../../shared/protocol/eventData.ts';
import type { LonLat } from '../../../shared/protocol/geo.ts';
import { BASES } from '../geometryData.ts';
import { distanceM } from '../geoMath.ts';
import type { Rng } from '../rng.ts';
import { MINUTE, PRIORITY_UNIT, SOURCE, type SimContext } from './context.ts';
import { along, nearestNode, route, type Route } from './routing.ts';

/**
 * Response units: police and traffic police patrol the streets, fire engines and ambulances wait at
 * their base. Dispatched units drive the shortest road path to the incident, stay on scene, then
 * return. Positions are computed from the route and its start time, never stepped.
 */

export type UnitType = (typeof UNIT_TYPES)[number];
type UnitStatus = (typeof UNIT_STATUSES)[number];

export interface Unit {
  id: string;
  type: UnitType;
  callsign: string;
  status: UnitStatus;
  baseNode: number;
  route: Route | null;
  routeStart: number;
  speedMps: number;
  /** Bumped whenever the route changes, so a stale arrival does nothing. */
  token: number;
  incidentId?: string;
  onArrive?: (at: number) => void;
}

/** Fleet: 6 police (113), 6 traffic police (CSGT), 5 fire (114), 7 ambulances (115). */
const FLEET: { type: UnitType; count: number; prefix: string }[] = [
  { type: 'police', count: 6, prefix: '113' },
  { type: 'traffic_police', count: 6, prefix: 'CSGT' },
  { type: 'fire', count: 5, prefix: '114' },
  { type: 'ambulance', count: 7, prefix: '115' },
];

const KMH = 1 / 3.6;

export interface Units {
  list: Unit[];
  event(u: Unit, t: number): EventDraft<'unit.position'>;
  position(u: Unit, t: number): LonLat;
  /** Nearest available units of a type to a place (by straight-line distance). */
  available(type: UnitType, near: LonLat, t: number, count: number): Unit[];
  dispatch(u: Unit, incidentId: string, to: LonLat, t: number, onArrive: (at: number) => void): void;
  release(u: Unit, t: number): void;
}

export function createUnits(ctx: SimContext, rng: Rng, startAt: number): Units {
  const net = ctx.model.network;
  const list: Unit[] = [];
  for (const f of FLEET) {
    const baseNode = nearestNode(net, BASES[f.type].position);
    for (let i = 1; i <= f.count; i++) {
      const n = String(i).padStart(2, '0');
      list.push({ id: `unit:ls-${f.prefix.toLowerCase()}-${n}`, type: f.type, callsign: `${f.prefix}-${n}`, status: 'available', baseNode, route: null, routeStart: 0, speedMps: 0, token: 0 });
    }
  }

  const currentNode = (u: Unit, t: number): number => nearestNode(net, position(u, t));
  const position = (u: Unit, t: number): LonLat => {
    if (!u.route) return net.nodes[u.baseNode]?.position ?? [0, 0];
    return along(u.route, (t - u.routeStart) * u.speedMps * 0.001).position;
  };
  const drive = (u: Unit, t: number, to: number, kmh: number, onArrive: (at: number) => void): void => {
    const r = route(net, currentNode(u, t), to);
    u.route = r;
    u.routeStart = t;
    u.speedMps = kmh * KMH;
    const token = ++u.token;
    ctx.schedule(t + Math.round((r.total / u.speedMps) * 1000) + 1, (at) => {
      if (u.token === token) onArrive(at);
    });
  };
  const patrol = (u: Unit, t: number): void => {
    if (u.type !== 'police' && u.type !== 'traffic_police') return;
    const target = rng.int(net.nodes.length);
    if ((net.outgoing[target]?.length ?? 0) === 0 || distanceM(net.nodes[target]?.position ?? [0, 0], net.nodes[u.baseNode]?.position ?? [0, 0]) > 4000) {
      ctx.schedule(t + MINUTE, (at) => patrol(u, at));
      return;
    }
    drive(u, t, target, 25, (at) => {
      if (u.status === 'available') ctx.schedule(at + Math.round(rng.range(0.5, 3) * MINUTE), (at2) => u.status === 'available' && patrol(u, at2));
    });
  };
  const publish = (u: Unit, t: number): void => ctx.emit(PRIORITY_UNIT, units.event(u, t));

  const units: Units = {
    list,
    position,
    event(u, t) {
      let headingDeg = 0;
      let speedKmh = 0;
      let pos: LonLat;
      if (u.route) {
        const d = (t - u.routeStart) * u.speedMps * 0.001;
        const a = along(u.route, d);
        pos = a.position;
        headingDeg = a.headingDeg;
        speedKmh = d < u.route.total ? Math.round(u.speedMps * 3.6) : 0;
      } else {
        pos = net.nodes[u.baseNode]?.position ?? [0, 0];
      }
      return {
        type: 'unit.position',
        id: u.id,
        source: SOURCE,
        data: {
          unitType: u.type,
          callsign: u.callsign,
          status: u.status,
          position: pos,
          headingDeg,
          speedKmh,
          ...(u.incidentId ? { incidentId: u.incidentId } : {}),
          observedAt: t,
        },
      };
    },
    available(type, near, t, count) {
      return list
        .filter((u) => u.type === type && u.status === 'available')
        .map((u) => ({ u, d: distanceM(position(u, t), near) }))
        .sort((a, b) => a.d - b.d || (a.u.id < b.u.id ? -1 : 1))
        .slice(0, count)
        .map((x) => x.u);
    },
    dispatch(u, incidentId, to, t, onArrive) {
      u.status = 'dispatched';
      u.incidentId = incidentId;
      drive(u, t, nearestNode(net, to), 45, (at) => {
        u.status = 'on_scene';
        publish(u, at);
        onArrive(at);
      });
      publish(u, t);
    },
    release(u, t) {
      u.status = 'returning';
      drive(u, t, u.baseNode, 35, (at) => {
        u.status = 'available';
        delete u.incidentId;
        publish(u, at);
        patrol(u, at);
      });
      publish(u, t);
    },
  };

  // Patrols start staggered so they do not all leave base together.
  for (const u of list) ctx.schedule(startAt + Math.round(rng.range(0, 5) * MINUTE), (at) => patrol(u, at));
  return units;
}
