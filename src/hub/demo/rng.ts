/**
 * Seeded randomness for the demo city. Never Math.random: the same seed must give the same city and
 * the same events. Each simulated process owns its own stream (forked by name), so how the hub slices
 * simulated time into steps does not change what happens.
 */

/** Mixes a 32-bit integer (a finaliser in the style of murmur3): stateless hashing for noise fields. */
export function mix32(x: number): number {
  let h = x | 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Hash of two integers to [0, 1): used for value noise keyed by (entity, time bucket). */
export function hash01(a: number, b: number): number {
  return mix32(mix32(a) ^ Math.imul(b | 0, 0x9e3779b1)) / 4294967296;
}

function hashString(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Integer in [0, n). */
  int(n: number): number;
  range(min: number, max: number): number;
  chance(p: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** Exponentially distributed with the given mean (inter-arrival times of a Poisson process). */
  exp(mean: number): number;
  /** Standard normal (Box–Muller). */
  normal(): number;
  /** An independent stream derived from this seed and a name. */
  fork(name: string): Rng;
}

/** sfc32-like small fast generator over four 32-bit words. */
export function createRng(seed: number, salt = ''): Rng {
  let a = mix32(seed ^ 0x9e3779b9);
  let b = mix32(a ^ hashString(salt));
  let c = mix32(b ^ 0x243f6a88);
  let d = mix32(c ^ 0xb7e15162);
  const rootSeed = seed;
  const rootSalt = salt;
  const next = (): number => {
    a >>>= 0;
    b >>>= 0;
    c >>>= 0;
    d >>>= 0;
    let t = (a + b) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    d = (d + 1) | 0;
    t = (t + d) | 0;
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  // Warm up so nearby seeds diverge immediately.
  for (let i = 0; i < 12; i++) next();
  const rng: Rng = {
    next,
    int: (n) => Math.floor(next() * n),
    range: (min, max) => min + (max - min) * next(),
    chance: (p) => next() < p,
    pick<T>(items: readonly T[]): T {
      const item = items[Math.floor(next() * items.length)];
      if (item === undefined) throw new Error('pick from an empty list');
      return item;
    },
    exp: (mean) => -Math.log(1 - next()) * mean,
    normal: () => {
      const u = 1 - next();
      const v = next();
      return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    },
    fork: (name) => createRng(rootSeed, `${rootSalt}/${name}`),
  };
  return rng;
}

/** Smooth value noise in [-1, 1] for an entity over time: linear blend between hashed knots. */
export function valueNoise(key: number, t: number, periodMs: number): number {
  const x = t / periodMs;
  const i = Math.floor(x);
  const f = x - i;
  const s = f * f * (3 - 2 * f);
  const a = hash01(key, i) * 2 - 1;
  const b = hash01(key, i + 1) * 2 - 1;
  return a + (b - a) * s;
}
