import { z } from 'zod';

/**
 * `[lon, lat]` in GeoJSON order. `JSON.parse('1e999')` is Infinity, so finiteness is checked
 * explicitly before the range.
 */
export const lonLatSchema = z
  .tuple([z.number(), z.number()])
  .refine(([lon, lat]) => Number.isFinite(lon) && Number.isFinite(lat), 'coordinates must be finite numbers')
  .refine(([lon, lat]) => lon >= -180 && lon <= 180 && lat >= -90 && lat <= 90, 'coordinates out of range');
export type LonLat = [number, number];

/** A line of at least two positions (road segments, unit routes). */
export const lineSchema = z.array(lonLatSchema).min(2).max(10_000);

/** A closed ring of at least four positions (first = last), as in GeoJSON polygons. */
export const ringSchema = z
  .array(lonLatSchema)
  .min(4)
  .max(10_000)
  .refine((ring) => {
    const a = ring[0];
    const b = ring[ring.length - 1];
    return a !== undefined && b !== undefined && a[0] === b[0] && a[1] === b[1];
  }, 'polygon ring must be closed (first position = last)');

// zod 4's z.number() already refuses Infinity and NaN, and .int() refuses integers beyond 2^53: no extra
// refinements, which cost a call per value on the feed's hot path (tests/unit/shared/envelope.test.ts
// keeps the non-finite cases refused).
export const finiteNumber = z.number();
export const nonNegative = z.number().min(0, 'must be ≥ 0');
/** Epoch milliseconds. */
export const epochMs = z.number().int().nonnegative();
