/**
 * Daily shapes in local time (Asia/Ho_Chi_Minh, UTC+7, no daylight saving). The traffic shape follows
 * what loop-detector data shows (deep dips around 07–08 h and 17–18 h, a shallow one mid-day, free
 * flow at night); Vietnamese cities add a lunchtime trip home, hence the 11–12 h dip.
 */

const HOUR_MS = 3_600_000;
const VN_OFFSET_MS = 7 * HOUR_MS;

/** Local hour of day as a fraction, 0 ≤ h < 24. */
export function localHour(t: number): number {
  const ms = (((t + VN_OFFSET_MS) % (24 * HOUR_MS)) + 24 * HOUR_MS) % (24 * HOUR_MS);
  return ms / HOUR_MS;
}

function bump(h: number, centre: number, width: number): number {
  // Distance on the 24 h circle.
  let d = Math.abs(h - centre);
  if (d > 12) d = 24 - d;
  return Math.exp(-(d * d) / (2 * width * width));
}

/** Traffic demand 0..1 over the day (1 = the evening peak). */
export function trafficDemand(h: number): number {
  return Math.min(
    1,
    0.05 + 0.9 * bump(h, 7.4, 0.8) + 0.5 * bump(h, 11.6, 0.7) + 0.35 * bump(h, 14.5, 2) + 1.0 * bump(h, 17.5, 1.0) + 0.25 * bump(h, 20, 1.5),
  );
}

/**
 * Speed as a fraction of free flow for a road class index (0 trunk … 4 residential): bigger roads
 * carry the commute and dip deeper; residential streets barely change.
 */
export const CLASS_SENSITIVITY = [0.5, 0.55, 0.5, 0.4, 0.25] as const;

export function speedFactor(h: number, classIndex: number): number {
  const s = CLASS_SENSITIVITY[classIndex] ?? 0.4;
  return 0.97 - s * trafficDemand(h);
}

/** Noise LAeq baseline in dB(A): quiet nights, traffic-driven days. */
export function noiseBaseline(h: number, roadside: number): number {
  return 46 + 8 * roadside + 18 * Math.min(1, 0.35 + trafficDemand(h)) * (h >= 5 && h < 23 ? 1 : 0.5);
}

/** Relative traffic pollution (NO2, CO, PM): commute peaks plus the night inversion that traps it. */
export function trafficPollution(h: number): number {
  return 0.55 + 0.6 * trafficDemand(h) + 0.25 * bump(h, 23, 2.5);
}

/** Ozone follows the sun: near zero at night, peak in early afternoon. */
export function sunshine(h: number): number {
  return bump(h, 13.5, 2.3);
}
