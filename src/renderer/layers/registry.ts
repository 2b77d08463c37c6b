import type { Layer } from '@deck.gl/core';
import type { LayerId } from '../state/records.ts';
import { airLayer } from './air.ts';
import { alarmsLayer } from './alarms.ts';
import { alertsLayer } from './alerts.ts';
import { camerasLayer } from './cameras.ts';
import { incidentsLayer } from './incidents.ts';
import { noiseLayer } from './noise.ts';
import { reportsLayer } from './reports.ts';
import { trafficLayer } from './traffic.ts';
import type { LayerContext, LayerSpec } from './types.ts';
import { unitsLayer } from './units.ts';
import { waterLayer } from './water.ts';

/** Drawing order, bottom to top: areas under lines under points, the most urgent points last. */
export const LAYER_SPECS: readonly LayerSpec[] = [
  alertsLayer,
  trafficLayer,
  camerasLayer,
  noiseLayer,
  waterLayer,
  airLayer,
  reportsLayer,
  incidentsLayer,
  unitsLayer,
  alarmsLayer,
];

/** The toggle and legend order: the order operators scan a wall in, not the drawing order. */
export const PANEL_ORDER: readonly LayerId[] = [
  'traffic',
  'cameras',
  'alarms',
  'incidents',
  'units',
  'reports',
  'alerts',
  'air',
  'water',
  'noise',
];

export function buildLayers(ctx: LayerContext): Layer[] {
  return LAYER_SPECS.flatMap((spec) => spec.build(ctx));
}
