import type { FeedBatch } from '../../../src/shared/ipc/contract.ts';
import type { CatalogItem, EventDataOf, EventType } from '../../../src/shared/protocol/index.ts';

type Upsert = FeedBatch['upserts'][number];
let seq = 0;

/** A wire envelope as main sends it in `feed.batch` / `wall.bootstrap`. */
export function envelope<T extends EventType>(
  type: T,
  id: string,
  data: EventDataOf<T>,
  ts = 1_700_000_000_000,
  source?: string,
): Upsert {
  seq += 1;
  const stream = {
    segment: 'traffic',
    camera: 'security',
    alarm: 'security',
    sensor: 'environment',
    unit: 'units',
    incident: 'incidents',
    report: 'reports',
    alert: 'alerts',
  }[type.split('.')[0] ?? ''] as Upsert['stream'];
  return source === undefined
    ? { stream, seq, ts, type, id, data }
    : { stream, seq, ts, type, id, data, source };
}

export function segment(id: string, lon = 106.76, lat = 21.85): CatalogItem {
  return {
    kind: 'segment',
    id,
    name: `Đường ${id}`,
    road: 'QL1A',
    roadClass: 'primary',
    lanes: 2,
    freeFlowKmh: 50,
    lengthM: 100,
    upstream: [],
    path: [
      [lon, lat],
      [lon + 0.001, lat + 0.001],
    ],
  };
}

export function camera(id: string): CatalogItem {
  return {
    kind: 'camera',
    id,
    name: `Camera ${id}`,
    position: [106.76, 21.85],
    headingDeg: 90,
    fovDeg: 60,
    rangeM: 100,
    ptz: false,
  };
}

export const smallCatalog: CatalogItem[] = [
  segment('segment:1'),
  segment('segment:2'),
  camera('camera:1'),
  { kind: 'airStation', id: 'air:1', name: 'Trạm Đông Kinh', position: [106.76, 21.85] },
  {
    kind: 'riverGauge',
    id: 'gauge:1',
    name: 'Kỳ Cùng',
    river: 'Kỳ Cùng',
    position: [106.76, 21.86],
    warningLevelsM: [2, 3, 4],
  },
  { kind: 'noiseSensor', id: 'noise:1', name: 'Ồn 1', position: [106.75, 21.85] },
];

export const report = (over: Partial<EventDataOf<'report.created'>> = {}): EventDataOf<'report.created'> => ({
  category: 'Môi trường',
  title: 'Rác thải',
  description: 'Rác tồn đọng',
  position: [106.76, 21.85],
  status: 'open',
  createdAt: 0,
  updatedAt: 0,
  slaDeadline: 10 * 3600_000,
  ...over,
});
