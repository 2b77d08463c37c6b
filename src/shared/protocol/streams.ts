import { z } from 'zod';

/**
 * The feed's streams. Each has its own seq space on the hub. `alerts` carries CAP warnings
 * (added with the real-source adapters); the rest are the demo city's and the real sources' telemetry
 * and records.
 */
export const STREAMS = ['traffic', 'security', 'environment', 'units', 'incidents', 'reports', 'alerts'] as const;

export const streamNameSchema = z.enum(STREAMS);
export type StreamName = z.infer<typeof streamNameSchema>;

/**
 * Record streams hold hub-owned entities (incidents, citizen reports, alerts) that are never pruned;
 * retention by age/count applies to the telemetry streams only.
 */
export const RECORD_STREAMS: ReadonlySet<StreamName> = new Set<StreamName>(['incidents', 'reports', 'alerts']);

export function isStreamName(value: unknown): value is StreamName {
  return typeof value === 'string' && (STREAMS as readonly string[]).includes(value);
}
