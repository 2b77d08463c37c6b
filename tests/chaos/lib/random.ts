// Seeded randomness for fault schedules (mulberry32): a failing run is replayed with the printed seed.

export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A seed from the environment (CHAOS_SEED) or the clock, so every run prints the one it used. */
export function chaosSeed(): number {
  const fromEnv = Number(process.env.CHAOS_SEED);
  return Number.isInteger(fromEnv) && fromEnv > 0 ? fromEnv : Date.now() % 1_000_000_007;
}

export function between(random: () => number, min: number, max: number): number {
  return Math.round(min + random() * (max - min));
}
