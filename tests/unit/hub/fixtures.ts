// Valid drafts for every stream and a tiny deterministic city: hub tests need a feed that does not depend
// on the demo city's content.
import type { CatalogItem } from '../../../src/shared/protocol/catalog.ts';
import type { EventDraft } from '../../../src/shared/protocol/envelope.ts';
import type { StreamName } from '../../../src/shared/protocol/streams.ts';
import type { DemoCity } from '../../../src/hub/demo/types.ts';

const T0 = 1_764_000_000_000;
const at = (i: number): [number, number] => [106.76 + (i % 100) * 0.0001, 21.85 + (i % 50) * 0.0001];

export function speedDraft(i: number, id = `segment:t-${i % 7}`): EventDraft<'segment.speed'> {
  return { type: 'segment.speed', id, data: { speedKmh: 20 + (i % 40), freeFlowKmh: 60, congestion: (i % 10) / 10 } };
}

export function alarmDraft(i: number, id = `alarm:t-${i}`): EventDraft<'alarm.raised'> {
  return {
    type: 'alarm.raised',
    id,
    data: { kind: 'intrusion', cameraId: `camera:t-${i % 5}`, position: at(i), severity: 'high', confidence: 0.9 },
  };
}

export function incidentDraft(i: number, id = `incident:t-${i}`): EventDraft<'incident.updated'> {
  return {
    type: 'incident.updated',
    id,
    data: {
      title: `Va chạm giao thông ${i}`,
      category: 'traffic_accident',
      severity: 'medium',
      status: 'new',
      position: at(i),
      units: [],
      createdAt: T0,
      updatedAt: T0,
    },
  };
}

export function reportDraft(i: number, id = `report:t-${i}`): EventDraft<'report.created'> {
  return {
    type: 'report.created',
    id,
    data: {
      category: 'đường hỏng',
      title: `Ổ gà trên đường ${i}`,
      description: 'Ổ gà lớn giữa làn xe máy',
      position: at(i),
      status: 'open',
      createdAt: T0,
      updatedAt: T0,
      slaDeadline: T0 + 86_400_000,
    },
  };
}

/** One valid draft of stream `stream`, varied by `i`. */
export function draftFor(stream: StreamName, i: number): EventDraft {
  switch (stream) {
    case 'traffic':
      return speedDraft(i);
    case 'security':
      return { type: 'camera.status', id: `camera:t-${i % 5}`, data: { status: i % 3 === 0 ? 'offline' : 'online' } };
    case 'environment':
      return { type: 'sensor.reading', id: `sensor:noise-${i % 4}`, data: { kind: 'noise', position: at(i), laeqDb: 50 + (i % 30) } };
    case 'units':
      return {
        type: 'unit.position',
        id: `unit:t-${i % 3}`,
        data: { unitType: 'police', callsign: `CA-${i % 3}`, status: 'available', position: at(i), headingDeg: i % 360, speedKmh: 30 },
      };
    case 'incidents':
      return incidentDraft(i);
    case 'reports':
      return reportDraft(i);
    case 'alerts':
      return {
        type: 'alert.issued',
        id: `alert:t-${i}`,
        data: {
          identifier: `t-${i}`,
          sender: 'kttv@example.vn',
          sent: T0,
          msgType: 'Alert',
          severity: 'Severe',
          urgency: 'Expected',
          certainty: 'Likely',
          infos: [{ language: 'vi-VN', event: 'Lũ quét' }],
          polygons: [],
          geocodes: [],
        },
      };
  }
}

export function catalogFixture(segments: number, cameras: number): CatalogItem[] {
  const items: CatalogItem[] = [];
  for (let i = 0; i < segments; i += 1) {
    items.push({
      kind: 'segment',
      id: `segment:t-${i}`,
      name: `Đoạn ${i}`,
      road: 'QL1A',
      roadClass: 'trunk',
      path: [at(i), at(i + 1)],
      lanes: 2,
      freeFlowKmh: 60,
      lengthM: 120,
      upstream: [],
    });
  }
  for (let i = 0; i < cameras; i += 1) {
    items.push({ kind: 'camera', id: `camera:t-${i}`, name: `Camera ${i}`, position: at(i), headingDeg: 90, fovDeg: 60, rangeM: 80, ptz: false });
  }
  return items;
}

/** A city that emits round-robin across the streams it covers, as many events as the budget allows. */
export function testCity(streams: readonly StreamName[] = ['traffic', 'security', 'environment', 'units', 'incidents', 'reports']): DemoCity & {
  steps: number;
} {
  let n = 0;
  const city = {
    catalog: catalogFixture(25, 12),
    steps: 0,
    step(_simNow: number, budget: number): EventDraft[] {
      city.steps += 1;
      const out: EventDraft[] = [];
      for (let k = 0; k < budget; k += 1, n += 1) {
        const stream = streams[n % streams.length];
        if (stream) out.push(draftFor(stream, n));
      }
      return out;
    },
  };
  return city;
}
