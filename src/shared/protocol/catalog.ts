import { z } from 'zod';
import { finiteNumber, lineSchema, lonLatSchema, nonNegative } from './geo.ts';
import { entityId, label } from './text.ts';

/**
 * The catalog: static entities with geometry, so a client can draw the city before any live data.
 * Answered in pages (`{ kind, cursor }`) so 100k entities never make one giant message.
 */
export const CATALOG_KINDS = ['segment', 'camera', 'airStation', 'riverGauge', 'noiseSensor'] as const;
export const catalogKindSchema = z.enum(CATALOG_KINDS);
export type CatalogKind = z.infer<typeof catalogKindSchema>;

export const ROAD_CLASSES = ['trunk', 'primary', 'secondary', 'tertiary', 'residential'] as const;

export const segmentItem = z.object({
  kind: z.literal('segment'),
  id: entityId,
  name: label,
  /** The road this segment belongs to (`QL1A`, `Trần Đăng Ninh`, …). */
  road: label,
  roadClass: z.enum(ROAD_CLASSES),
  path: lineSchema,
  lanes: z.number().int().min(1).max(12),
  freeFlowKmh: nonNegative,
  lengthM: nonNegative,
  /** Segment ids that flow into this one (congestion spreads upstream through them). */
  upstream: z.array(entityId).max(16),
});
export const cameraItem = z.object({
  kind: z.literal('camera'),
  id: entityId,
  name: label,
  position: lonLatSchema,
  headingDeg: finiteNumber,
  fovDeg: finiteNumber.refine((n) => n > 0 && n <= 360, 'fov must be within (0, 360]'),
  rangeM: nonNegative,
  ptz: z.boolean(),
});
export const airStationItem = z.object({ kind: z.literal('airStation'), id: entityId, name: label, position: lonLatSchema });
export const riverGaugeItem = z.object({
  kind: z.literal('riverGauge'),
  id: entityId,
  name: label,
  river: label,
  position: lonLatSchema,
  warningLevelsM: z.tuple([finiteNumber, finiteNumber, finiteNumber]),
});
export const noiseSensorItem = z.object({ kind: z.literal('noiseSensor'), id: entityId, name: label, position: lonLatSchema });

export const catalogItemSchema = z.discriminatedUnion('kind', [
  segmentItem,
  cameraItem,
  airStationItem,
  riverGaugeItem,
  noiseSensorItem,
]);
export type CatalogItem = z.infer<typeof catalogItemSchema>;
export type CatalogItemOf<K extends CatalogKind> = Extract<CatalogItem, { kind: K }>;
