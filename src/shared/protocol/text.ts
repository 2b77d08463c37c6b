import { z } from 'zod';

/** Short labels: names, callsigns, codes. Capped so one hostile message cannot bloat every window. */
export const label = z.string().min(1).max(200);
/** Free text from operators or citizens. */
export const freeText = z.string().max(4000);
/** Entity ids: stable strings such as `camera:ls-017`. */
export const entityId = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[\p{L}\p{N}_.:\-/@#]+$/u, 'id may contain letters, digits and _ . : - / @ # only');
