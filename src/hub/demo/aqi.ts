/**
 * Vietnamese VN_AQI (Decision 1459/QĐ-TCMT, 2019), hourly form: each pollutant's concentration is
 * mapped linearly within its breakpoint band to a sub-index, and the AQI is the largest sub-index.
 * Concentrations in µg/m³ (CO too, as the decision tabulates it). The decision uses the 12-hour NowCast
 * for PM; the demo feeds the instantaneous value, which is close enough for a simulated city.
 */

const INDEX = [0, 50, 100, 150, 200, 300, 400, 500] as const;

/** Breakpoints BP_i for I_i above (1-hour values; PM as NowCast). */
export const VN_AQI_BREAKPOINTS = {
  o3: [0, 160, 200, 300, 400, 800, 1000, 1200],
  no2: [0, 100, 200, 700, 1200, 2350, 3100, 3850],
  co: [0, 10_000, 30_000, 45_000, 60_000, 90_000, 120_000, 150_000],
  pm10: [0, 50, 150, 250, 350, 420, 500, 600],
  pm25: [0, 25, 50, 80, 150, 250, 350, 500],
} as const;

export type Pollutant = keyof typeof VN_AQI_BREAKPOINTS;

export function subIndex(pollutant: Pollutant, concentration: number): number {
  const bp = VN_AQI_BREAKPOINTS[pollutant];
  if (!(concentration > 0)) return 0;
  for (let i = 0; i < bp.length - 1; i++) {
    const lo = bp[i] as number;
    const hi = bp[i + 1] as number;
    if (concentration <= hi) {
      const iLo = INDEX[i] as number;
      const iHi = INDEX[i + 1] as number;
      return ((iHi - iLo) / (hi - lo)) * (concentration - lo) + iLo;
    }
  }
  return 500;
}

export interface AirSample {
  pm25: number;
  pm10: number;
  no2: number;
  o3: number;
  co: number;
}

/** VN_AQI, rounded to an integer as published (0..500). */
export function vnAqi(s: AirSample): number {
  const v = Math.max(
    subIndex('pm25', s.pm25),
    subIndex('pm10', s.pm10),
    subIndex('no2', s.no2),
    subIndex('o3', s.o3),
    subIndex('co', s.co),
  );
  return Math.min(500, Math.round(v));
}
