/**
 * A cheap structural check run on untrusted JSON before zod sees it. zod walks what it is given, and
 * `z.unknown()` fields (`attrs`, a command's `payload`) accept anything, so without this a hostile
 * message could nest 100k levels deep (stack overflow in every later walk), carry megabytes of text into
 * SQLite and every window, or smuggle `__proto__` / `constructor` keys that a later spread or merge
 * would treat as the prototype. Iterative (an explicit stack), so depth itself cannot overflow it.
 */
export interface GuardLimits {
  /** Nesting of objects and arrays; GeoJSON multipolygons in `data` need 5, NGSI-LD attrs a few more. */
  maxDepth: number;
  /** Object keys + array items in total: a 10,000-position line fits, a flood does not. */
  maxNodes: number;
  /** Any single string (typed fields have tighter caps in their schemas). */
  maxStringLength: number;
}

export const DEFAULT_GUARD_LIMITS: GuardLimits = { maxDepth: 32, maxNodes: 100_000, maxStringLength: 16_384 };

/** Keys that reach an object's prototype when an object is later spread, merged or assigned. */
const PROTOTYPE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** Returns null when the value is within limits, otherwise the reason (short, without the value). */
export function guardUntrusted(value: unknown, limits: GuardLimits = DEFAULT_GUARD_LIMITS): string | null {
  // Two parallel stacks instead of one of {value, depth} objects: this runs on every feed event, and the
  // pairs were garbage the collector had to chase.
  const values: unknown[] = [value];
  const depths: number[] = [0];
  let nodes = 0;
  while (values.length > 0) {
    const v = values.pop();
    const depth = depths.pop() as number;
    if (typeof v === 'string') {
      if (v.length > limits.maxStringLength) return `string longer than ${limits.maxStringLength} characters`;
      continue;
    }
    if (typeof v !== 'object' || v === null) continue;
    if (depth >= limits.maxDepth) return `nested deeper than ${limits.maxDepth} levels`;
    if (Array.isArray(v)) {
      nodes += v.length;
      if (nodes > limits.maxNodes) return `more than ${limits.maxNodes} values`;
      for (const item of v as unknown[]) {
        values.push(item);
        depths.push(depth + 1);
      }
      continue;
    }
    // Own keys only: JSON.parse makes `__proto__` an own key, which is exactly what must be caught.
    const keys = Object.keys(v);
    nodes += keys.length;
    if (nodes > limits.maxNodes) return `more than ${limits.maxNodes} values`;
    for (const key of keys) {
      if (PROTOTYPE_KEYS.has(key)) return `prototype key ${key} not allowed`;
      if (key.length > limits.maxStringLength) return `key longer than ${limits.maxStringLength} characters`;
      values.push((v as Record<string, unknown>)[key]);
      depths.push(depth + 1);
    }
  }
  return null;
}
