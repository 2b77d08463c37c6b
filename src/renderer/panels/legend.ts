import {
  ALARM_ACK_COLOR,
  ALARM_COLOR,
  AQI_COLORS,
  CAMERA_COLORS,
  CAP_COLORS,
  CONGESTION_COLORS,
  NOISE_COLORS,
  SEVERITY_COLORS,
  SLA_COLORS,
  UNIT_COLORS,
  WATER_COLORS,
  type Rgba,
} from '../domain/palette.ts';
import type { LayerId } from '../state/records.ts';

export interface LegendEntry {
  key: string;
  color: Rgba;
  /** Hollow swatch for layers drawn as rings. */
  ring?: boolean;
  /** Diamond swatch for layers drawn as diamonds. */
  diamond?: boolean;
}

/** One legend per layer, from the same palette the layers draw with (one source of truth). */
export const LEGENDS: Record<LayerId, readonly LegendEntry[]> = {
  traffic: (['free', 'slow', 'heavy', 'jam', 'unknown'] as const).map((b) => ({
    key: `legend.traffic.${b}`,
    color: CONGESTION_COLORS[b],
  })),
  cameras: (['online', 'degraded', 'offline'] as const).map((s) => ({
    key: `camera.${s}`,
    color: CAMERA_COLORS[s],
  })),
  alarms: [
    { key: 'legend.alarm.pulsing', color: ALARM_COLOR },
    { key: 'legend.alarm.acknowledged', color: ALARM_ACK_COLOR },
  ],
  air: (['good', 'moderate', 'poor', 'bad', 'veryBad', 'hazardous'] as const).map((b) => ({
    key: `legend.aqi.${b}`,
    color: AQI_COLORS[b],
  })),
  water: (['normal', 'level1', 'level2', 'level3'] as const).map((b) => ({
    key: `legend.water.${b}`,
    color: WATER_COLORS[b],
  })),
  noise: (['quiet', 'normal', 'loud', 'veryLoud'] as const).map((b) => ({
    key: `legend.noise.${b}`,
    color: NOISE_COLORS[b],
    ring: true,
  })),
  units: (['police', 'fire', 'ambulance', 'traffic_police'] as const).map((u) => ({
    key: `unitType.${u}`,
    color: UNIT_COLORS[u],
  })),
  incidents: (['low', 'medium', 'high', 'critical'] as const).map((s) => ({
    key: `severity.${s}`,
    color: SEVERITY_COLORS[s],
    diamond: true,
  })),
  reports: (['onTime', 'dueSoon', 'overdue', 'done'] as const).map((s) => ({
    key: `sla.${s}`,
    color: SLA_COLORS[s],
  })),
  alerts: (['Extreme', 'Severe', 'Moderate', 'Minor'] as const).map((s) => ({
    key: `capSeverity.${s}`,
    color: CAP_COLORS[s],
  })),
};
