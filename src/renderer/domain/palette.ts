// Colours chosen for a dark wall seen from 5 m: saturated, distinct in hue and in lightness so the
// bands still separate for colour-blind operators, and never darker than the basemap they sit on.
export type Rgba = [number, number, number, number];

export const BACKGROUND: Rgba = [8, 12, 20, 255];

export type CongestionBand = 'free' | 'slow' | 'heavy' | 'jam' | 'unknown';
export const CONGESTION_COLORS: Record<CongestionBand, Rgba> = {
  free: [0, 214, 110, 255],
  slow: [255, 214, 0, 255],
  heavy: [255, 120, 0, 255],
  jam: [235, 20, 40, 255],
  unknown: [96, 108, 128, 255],
};

/** Stepped bands (not a gradient): the legend then names exactly what the operator sees. */
export function congestionBand(congestion: number): CongestionBand {
  if (!Number.isFinite(congestion)) return 'unknown';
  if (congestion < 0.25) return 'free';
  if (congestion < 0.5) return 'slow';
  if (congestion < 0.75) return 'heavy';
  return 'jam';
}

/** VN_AQI bands (Decision 1459/QĐ-TCMT) and their official colours. */
export type AqiBand = 'good' | 'moderate' | 'poor' | 'bad' | 'veryBad' | 'hazardous';
export const AQI_COLORS: Record<AqiBand, Rgba> = {
  good: [0, 228, 0, 255],
  moderate: [255, 255, 0, 255],
  poor: [255, 126, 0, 255],
  bad: [255, 0, 0, 255],
  veryBad: [143, 63, 151, 255],
  hazardous: [126, 0, 35, 255],
};
export function aqiBand(aqi: number): AqiBand {
  if (aqi <= 50) return 'good';
  if (aqi <= 100) return 'moderate';
  if (aqi <= 150) return 'poor';
  if (aqi <= 200) return 'bad';
  if (aqi <= 300) return 'veryBad';
  return 'hazardous';
}

/** River gauge against its alarm levels I/II/III (báo động 1/2/3). */
export type WaterBand = 'normal' | 'level1' | 'level2' | 'level3';
export const WATER_COLORS: Record<WaterBand, Rgba> = {
  normal: [64, 160, 255, 255],
  level1: [255, 214, 0, 255],
  level2: [255, 120, 0, 255],
  level3: [235, 20, 40, 255],
};
export function waterBand(levelM: number, warnings: readonly [number, number, number]): WaterBand {
  if (levelM >= warnings[2]) return 'level3';
  if (levelM >= warnings[1]) return 'level2';
  if (levelM >= warnings[0]) return 'level1';
  return 'normal';
}

/** Noise: QCVN 26:2010 sets 70 dB(A) by day for ordinary areas, 55 dB(A) for quiet ones. */
export type NoiseBand = 'quiet' | 'normal' | 'loud' | 'veryLoud';
export const NOISE_COLORS: Record<NoiseBand, Rgba> = {
  quiet: [120, 220, 200, 255],
  normal: [200, 230, 90, 255],
  loud: [255, 150, 40, 255],
  veryLoud: [235, 40, 90, 255],
};
export function noiseBand(db: number): NoiseBand {
  if (db < 55) return 'quiet';
  if (db < 70) return 'normal';
  if (db < 85) return 'loud';
  return 'veryLoud';
}

export const CAMERA_COLORS: Record<'online' | 'degraded' | 'offline' | 'unknown', Rgba> = {
  online: [90, 200, 255, 255],
  degraded: [255, 190, 0, 255],
  offline: [150, 150, 160, 255],
  unknown: [110, 130, 160, 255],
};

export const SEVERITY_COLORS: Record<'low' | 'medium' | 'high' | 'critical', Rgba> = {
  low: [120, 200, 255, 255],
  medium: [255, 214, 0, 255],
  high: [255, 120, 0, 255],
  critical: [255, 30, 60, 255],
};

export const ALARM_COLOR: Rgba = [255, 40, 80, 255];
export const ALARM_ACK_COLOR: Rgba = [255, 170, 190, 255];

export const UNIT_COLORS: Record<'police' | 'fire' | 'ambulance' | 'traffic_police', Rgba> = {
  police: [70, 130, 255, 255],
  fire: [255, 90, 30, 255],
  ambulance: [250, 250, 250, 255],
  traffic_police: [190, 255, 60, 255],
};

export type SlaState = 'onTime' | 'dueSoon' | 'overdue' | 'done';
export const SLA_COLORS: Record<SlaState, Rgba> = {
  onTime: [0, 214, 110, 255],
  dueSoon: [255, 190, 0, 255],
  overdue: [255, 30, 60, 255],
  done: [130, 140, 155, 255],
};

/** CAP 1.2 severity. Fill is translucent so the city underneath stays readable. */
export const CAP_COLORS: Record<'Extreme' | 'Severe' | 'Moderate' | 'Minor' | 'Unknown', Rgba> = {
  Extreme: [200, 0, 120, 255],
  Severe: [235, 20, 40, 255],
  Moderate: [255, 140, 0, 255],
  Minor: [255, 214, 0, 255],
  Unknown: [150, 150, 170, 255],
};

export function withAlpha(c: Rgba, a: number): Rgba {
  return [c[0], c[1], c[2], a];
}

export function cssColor(c: Rgba): string {
  return `rgb(${c[0]} ${c[1]} ${c[2]})`;
}
