import type { EventDraft } from '../../../shared/protocol/envelope.ts';
import type { AlarmKind } from '../../../shared/protocol/eventData.ts';
import type { LonLat } from '../../../shared/protocol/geo.ts';
import { pad } from '../catalogBuild.ts';
import { placeLabel } from '../places.ts';
import type { Rng } from '../rng.ts';
import { MINUTE, PRIORITY_ALARM, PRIORITY_CAMERA, SOURCE, poisson, type SimContext } from './context.ts';
import type { Incidents, Severity } from './incidents.ts';

/**
 * Cameras and their video analytics: rare online/offline/degraded flips, and AI alarms (a few per
 * simulated minute) that clear after a while (`alarm.cleared`, then `alarm.removed`). Some alarms turn
 * into incidents: smoke/fire into a fire, a crowd into a public-order incident.
 */

const STATUS = ['online', 'offline', 'degraded'] as const;
const ALARM_MEAN_MS = 20_000;

/**
 * Mix of analytics alarms, and the chance one becomes an incident. Tuned so ~3 alarms a minute give a
 * handful of incidents an hour (with the scenario accidents, ~8 an hour for 24 units).
 */
const KINDS: { kind: AlarmKind; weight: number; severity: Severity[]; incident: number }[] = [
  { kind: 'intrusion', weight: 0.18, severity: ['medium', 'high'], incident: 0.03 },
  { kind: 'crowd', weight: 0.18, severity: ['low', 'medium', 'high'], incident: 0.06 },
  { kind: 'smoke_fire', weight: 0.05, severity: ['high', 'critical'], incident: 0.15 },
  { kind: 'wrong_way', weight: 0.15, severity: ['medium', 'high'], incident: 0.03 },
  { kind: 'red_light', weight: 0.26, severity: ['low', 'medium'], incident: 0 },
  { kind: 'plate_match', weight: 0.18, severity: ['medium', 'high', 'critical'], incident: 0 },
];

/** Vietnamese plates: province code (12 = Lạng Sơn), series letter, 3 + 2 digits: "12A-345.67". */
const PLATE_CODES = ['12', '12', '12', '12', '29', '30', '14', '20', '98', '99'];
const PLATE_SERIES = ['A', 'B', 'C', 'D', 'F', 'H', 'K', 'LD'];

export function plateNumber(rng: Rng): string {
  return `${rng.pick(PLATE_CODES)}${rng.pick(PLATE_SERIES)}-${pad(rng.int(1000), 3)}.${pad(rng.int(100), 2)}`;
}

export interface Cameras {
  /** 0 online, 1 offline, 2 degraded. */
  status: Uint8Array;
  statusEvent(i: number, t: number): EventDraft<'camera.status'>;
}

export function createCameras(ctx: SimContext, rng: Rng, startAt: number, incidents: Incidents): Cameras {
  const cams = ctx.model.cameras;
  const status = new Uint8Array(cams.length);
  const statusEvent = (i: number, t: number): EventDraft<'camera.status'> => ({
    type: 'camera.status',
    id: cams[i]?.id ?? '',
    source: SOURCE,
    data: { status: STATUS[status[i] as number] ?? 'online', observedAt: t },
  });

  // A camera fails about every 12 hours, so a city of ~90 cameras sees a flip every ~8 minutes.
  const flipRng = rng.fork('flips');
  poisson(ctx, flipRng, startAt, () => Math.max(5_000, (12 * 60 * MINUTE) / Math.max(1, cams.length)), (t) => {
    const i = flipRng.int(cams.length);
    if (status[i] !== 0) return;
    status[i] = flipRng.chance(0.7) ? 1 : 2;
    ctx.emit(PRIORITY_CAMERA, statusEvent(i, t));
    ctx.schedule(t + Math.round(flipRng.range(3, 40) * MINUTE), (at) => {
      status[i] = 0;
      ctx.emit(PRIORITY_CAMERA, statusEvent(i, at));
    });
  });

  const alarmRng = rng.fork('alarms');
  let serial = 0;
  poisson(ctx, alarmRng, startAt, () => ALARM_MEAN_MS, (t) => {
    const i = alarmRng.int(cams.length);
    const cam = cams[i];
    if (!cam || status[i] === 1) return;
    let x = alarmRng.next();
    let spec = KINDS[0] as (typeof KINDS)[number];
    for (const k of KINDS) {
      spec = k;
      if ((x -= k.weight) < 0) break;
    }
    serial++;
    const id = `alarm:ls-${pad(serial, 6)}`;
    const severity = alarmRng.pick(spec.severity);
    const position = nudge(cam.position, alarmRng);
    const vehicle = spec.kind === 'plate_match' || spec.kind === 'red_light' || spec.kind === 'wrong_way';
    const plate = vehicle ? plateNumber(alarmRng) : undefined;
    ctx.emit(PRIORITY_ALARM, {
      type: 'alarm.raised',
      id,
      source: SOURCE,
      data: {
        kind: spec.kind,
        cameraId: cam.id,
        position,
        severity,
        confidence: Math.round(alarmRng.range(0.62, 0.99) * 100) / 100,
        ...(plate ? { plate } : {}),
        observedAt: t,
      },
    });
    const clearAt = t + Math.round(alarmRng.range(2, 8) * MINUTE);
    ctx.schedule(clearAt, (at) => {
      ctx.emit(PRIORITY_ALARM, { type: 'alarm.cleared', id, source: SOURCE, data: { at } });
      ctx.schedule(at + Math.round(alarmRng.range(1, 3) * MINUTE), () =>
        ctx.emit(PRIORITY_ALARM, { type: 'alarm.removed', id, source: SOURCE, data: { reason: 'Đã xử lý, hết hiệu lực' } }),
      );
    });
    if (spec.incident > 0 && alarmRng.chance(spec.incident)) {
      const place = placeLabel(position);
      if (spec.kind === 'smoke_fire') {
        incidents.raise({ title: `Cháy tại ${place}`, category: 'fire', severity: severity === 'critical' ? 'critical' : 'high', position, sourceAlarmId: id }, t);
      } else if (spec.kind === 'wrong_way') {
        incidents.raise({ title: `Va chạm do đi ngược chiều tại ${place}`, category: 'traffic_accident', severity: 'medium', position, sourceAlarmId: id }, t);
      } else {
        incidents.raise({ title: `Gây rối trật tự công cộng tại ${place}`, category: 'public_order', severity: severity === 'high' ? 'high' : 'medium', position, sourceAlarmId: id }, t);
      }
    }
  });
  return { status, statusEvent };
}

/** What the camera sees is a little way in front of it. */
function nudge(p: LonLat, rng: Rng): LonLat {
  return [Math.round((p[0] + rng.range(-0.0003, 0.0003)) * 1e6) / 1e6, Math.round((p[1] + rng.range(-0.0003, 0.0003)) * 1e6) / 1e6];
}
