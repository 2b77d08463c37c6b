import type { FeedBatch } from '../../../src/shared/ipc/contract.ts';
import type { CatalogItem, EventDataOf, EventType, LonLat } from '../../../src/shared/protocol/index.ts';
import { mToLonLat } from '../../../src/hub/demo/geoMath.ts';
import { cityGeometry } from '../../../src/hub/demo/geometry.ts';

/**
 * A deterministic little city for the renderer-only harness: the demo city's real road geometry cut into
 * segments, plus every entity kind the wall draws, so the wall can be looked at and tested before (or
 * without) a hub. Not a simulator: values are picked to cover every colour band.
 */
type Upsert = FeedBatch['upserts'][number];

let seq = 0;
function env<T extends EventType>(
  type: T,
  id: string,
  data: EventDataOf<T>,
  stream: Upsert['stream'],
  ts: number,
): Upsert {
  seq += 1;
  return { stream, seq, ts, type, id, data, source: 'harness' };
}

function rand(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

export function fakeCatalog(): CatalogItem[] {
  const geo = cityGeometry();
  const items: CatalogItem[] = [];
  let n = 0;
  for (const road of geo.roads) {
    const pts = road.pathM.map(([x, y]) => mToLonLat(x, y));
    for (let i = 0; i + 1 < pts.length; i += 4) {
      const path = pts.slice(i, Math.min(pts.length, i + 5));
      if (path.length < 2) continue;
      n += 1;
      items.push({
        kind: 'segment',
        id: `segment:${n}`,
        name: `${road.name} #${n}`,
        road: road.road,
        roadClass: road.roadClass,
        path,
        lanes: road.lanes,
        freeFlowKmh: 50,
        lengthM: 300,
        upstream: [],
      });
      if (n % 6 === 0) {
        const p = path[0] as LonLat;
        items.push({
          kind: 'camera',
          id: `camera:ls-${n}`,
          name: `Camera ${road.name}`,
          position: p,
          headingDeg: (n * 47) % 360,
          fovDeg: n % 24 === 0 ? 360 : 70,
          rangeM: 120,
          ptz: n % 24 === 0,
        });
      }
    }
  }
  const r = rand(7);
  const near = (): LonLat => [106.74 + r() * 0.045, 21.835 + r() * 0.04];
  for (let i = 0; i < 6; i++)
    items.push({ kind: 'airStation', id: `air:${i}`, name: `Trạm không khí ${i + 1}`, position: near() });
  const river = geo.river.centreM.map(([x, y]) => mToLonLat(x, y));
  for (let i = 0; i < 4; i++) {
    const p = river[Math.floor(((i + 0.5) / 4) * river.length)] ?? near();
    items.push({
      kind: 'riverGauge',
      id: `gauge:${i}`,
      name: `Trạm thủy văn ${i + 1}`,
      river: 'Kỳ Cùng',
      position: p,
      warningLevelsM: [2, 3, 4],
    });
  }
  for (let i = 0; i < 8; i++)
    items.push({ kind: 'noiseSensor', id: `noise:${i}`, name: `Ồn ${i + 1}`, position: near() });
  return items;
}

export function fakeEntities(catalog: readonly CatalogItem[], now: number): Upsert[] {
  const r = rand(11);
  const out: Upsert[] = [];
  const near = (): LonLat => [106.745 + r() * 0.035, 21.838 + r() * 0.032];
  for (const item of catalog) {
    if (item.kind === 'segment') {
      const c = r();
      out.push(
        env(
          'segment.speed',
          item.id,
          { speedKmh: 50 * (1 - c), freeFlowKmh: 50, congestion: c },
          'traffic',
          now,
        ),
      );
    } else if (item.kind === 'camera') {
      const status = r() < 0.8 ? 'online' : r() < 0.5 ? 'degraded' : 'offline';
      out.push(env('camera.status', item.id, { status }, 'security', now));
    } else if (item.kind === 'airStation') {
      const aqi = [35, 80, 130, 180, 250, 380][Number(item.id.split(':')[1]) % 6] ?? 40;
      out.push(
        env(
          'sensor.reading',
          item.id,
          { kind: 'air', position: item.position, pm25: aqi / 3, pm10: aqi / 2, no2: 10, o3: 20, co: 1, aqi },
          'environment',
          now,
        ),
      );
    } else if (item.kind === 'riverGauge') {
      const levelM = [1.2, 2.4, 3.3, 4.4][Number(item.id.split(':')[1]) % 4] ?? 1;
      out.push(
        env(
          'sensor.reading',
          item.id,
          { kind: 'water', position: item.position, levelM, warningLevelsM: item.warningLevelsM },
          'environment',
          now,
        ),
      );
    } else if (item.kind === 'noiseSensor') {
      out.push(
        env(
          'sensor.reading',
          item.id,
          { kind: 'noise', position: item.position, laeqDb: 45 + r() * 50 },
          'environment',
          now,
        ),
      );
    }
  }
  const cams = catalog.filter((c) => c.kind === 'camera');
  const kinds = ['intrusion', 'crowd', 'smoke_fire', 'wrong_way', 'plate_match'] as const;
  kinds.forEach((kind, i) => {
    const cam = cams[i * 3];
    if (!cam || cam.kind !== 'camera') return;
    out.push(
      env(
        'alarm.raised',
        `alarm:${i}`,
        {
          kind,
          cameraId: cam.id,
          position: cam.position,
          severity: i % 2 ? 'high' : 'critical',
          confidence: 0.9,
        },
        'security',
        now,
      ),
    );
    if (i >= 3)
      out.push(
        env(
          'alarm.acknowledged',
          `alarm:${i}`,
          { by: { operator: 'Nguyễn Văn An', station: 'ioc-1' }, at: now },
          'security',
          now,
        ),
      );
  });
  const types = ['police', 'fire', 'ambulance', 'traffic_police'] as const;
  const statuses = ['available', 'dispatched', 'on_scene', 'returning', 'off_duty'] as const;
  for (let i = 0; i < 20; i++) {
    const unitType = types[i % 4] ?? 'police';
    out.push(
      env(
        'unit.position',
        `unit:${i}`,
        {
          unitType,
          callsign: `${['CS', 'PCCC', '115', 'CSGT'][i % 4]}-${String(i + 1).padStart(2, '0')}`,
          status: statuses[i % 5] ?? 'available',
          position: near(),
          headingDeg: 0,
          speedKmh: 20,
        },
        'units',
        now,
      ),
    );
  }
  const cats = ['traffic_accident', 'fire', 'flood', 'public_order'] as const;
  const titles = [
    'Va chạm xe tải trên QL1A',
    'Cháy nhà dân phường Chi Lăng',
    'Ngập sâu đường Bà Triệu',
    'Tụ tập đông người chợ Đông Kinh',
  ];
  cats.forEach((category, i) => {
    out.push(
      env(
        'incident.updated',
        `incident:${i}`,
        {
          title: titles[i] ?? 'Sự cố',
          category,
          severity: (['medium', 'critical', 'high', 'low'] as const)[i] ?? 'low',
          status: (['new', 'dispatched', 'on_scene', 'acknowledged'] as const)[i] ?? 'new',
          position: near(),
          units: [`unit:${i}`],
          createdAt: now - 600_000,
          updatedAt: now,
        },
        'incidents',
        now,
      ),
    );
  });
  for (let i = 0; i < 12; i++) {
    const createdAt = now - 3 * 3600_000;
    const slaDeadline = [now + 20 * 3600_000, now + 30 * 60_000, now - 3600_000][i % 3] ?? now;
    out.push(
      env(
        'report.created',
        `report:${i}`,
        {
          category: 'Môi trường',
          title: `Phản ánh rác thải tồn đọng số ${i + 1}`,
          description: 'Người dân phản ánh <b>rác</b> chưa được thu gom.',
          position: near(),
          status: i === 11 ? 'resolved' : 'open',
          createdAt,
          updatedAt: now,
          slaDeadline,
        },
        'reports',
        now,
      ),
    );
  }
  const [cx, cy] = [106.752, 21.872];
  const ring: LonLat[] = [
    [cx - 0.012, cy - 0.006],
    [cx + 0.01, cy - 0.008],
    [cx + 0.014, cy + 0.006],
    [cx - 0.006, cy + 0.01],
    [cx - 0.012, cy - 0.006],
  ];
  out.push(
    env(
      'alert.issued',
      'alert:flood-1',
      {
        identifier: 'VN-KTTV-2026-001',
        sender: 'kttv@nchmf.gov.vn',
        sent: now,
        msgType: 'Alert',
        severity: 'Severe',
        urgency: 'Immediate',
        certainty: 'Likely',
        expires: now + 6 * 3600_000,
        infos: [
          { language: 'vi-VN', event: 'Lũ quét', headline: 'Cảnh báo lũ quét, sạt lở đất' },
          { language: 'en-US', event: 'Flash flood', headline: 'Flash flood and landslide warning' },
        ],
        polygons: [ring],
        geocodes: [],
      },
      'alerts',
      now,
    ),
  );
  return out;
}

/** A tick of live traffic and unit moves. */
export function fakeTick(catalog: readonly CatalogItem[], now: number, tick: number): Upsert[] {
  const r = rand(1000 + tick);
  const out: Upsert[] = [];
  const segs = catalog.filter((c) => c.kind === 'segment');
  for (let i = 0; i < 25; i++) {
    const s = segs[Math.floor(r() * segs.length)];
    if (!s) continue;
    const c = r();
    out.push(
      env('segment.speed', s.id, { speedKmh: 50 * (1 - c), freeFlowKmh: 50, congestion: c }, 'traffic', now),
    );
  }
  return out;
}
