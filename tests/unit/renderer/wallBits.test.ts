import type { PickingInfo } from '@deck.gl/core';
import { describe, expect, it } from 'vitest';
import { fovCone } from '../../../src/renderer/state/geometry.ts';
import { parsePreset, parseScreen } from '../../../src/renderer/wall/screen.ts';
import { PRESETS } from '../../../src/renderer/wall/screenPresets.ts';
import { pickedSelection } from '../../../src/renderer/wall/WallMap.tsx';

const pick = (layerId: string | null, object: unknown): PickingInfo =>
  ({ layer: layerId ? { id: layerId } : null, object }) as unknown as PickingInfo;

describe('wall plumbing', () => {
  it('?screen=N picks the display, anything odd is screen 0', () => {
    expect(parseScreen('')).toBe(0);
    expect(parseScreen('?screen=3')).toBe(3);
    expect(parseScreen('?screen=-1')).toBe(0);
    expect(parseScreen('?screen=abc')).toBe(0);
  });

  it('each display gets a preset by its index, ?preset= overrides, a wall of more screens starts over', () => {
    expect([0, 1, 2, 3, 4].map((n) => parsePreset('', n))).toEqual(['overview', 'traffic', 'security', 'environment', 'overview']);
    expect(parsePreset('?preset=environment', 0)).toBe('environment');
    expect(parsePreset('?preset=bogus', 2)).toBe('security');
    expect(PRESETS.security.visible.cameras).toBe(true);
    expect(PRESETS.security.visible.air).toBe(false);
    expect(Object.values(PRESETS.overview.visible).every(Boolean)).toBe(true);
    // Every preset shows something and is centred within the demo city.
    for (const p of Object.values(PRESETS)) {
      expect(Object.values(p.visible).some(Boolean)).toBe(true);
      expect(p.view.longitude).toBeGreaterThan(106.7);
      expect(p.view.longitude).toBeLessThan(106.85);
    }
  });

  it('a pick maps back to the wall layer and entity; alert areas to their alert', () => {
    expect(pickedSelection(pick('units:points', { id: 'unit:1' }))).toEqual({ layer: 'units', id: 'unit:1' });
    expect(pickedSelection(pick('alerts:areas', { id: 'alert:1#0', alertId: 'alert:1' }))).toEqual({
      layer: 'alerts',
      id: 'alert:1',
    });
    expect(pickedSelection(pick(null, null))).toBeNull();
  });

  it('camera cones are closed rings starting at the camera', () => {
    const cone = fovCone([106.76, 21.85], 90, 60, 100);
    expect(cone[0]).toEqual([106.76, 21.85]);
    expect(cone.at(-1)).toEqual(cone[0]);
    // Heading east: the arc lies east of the camera.
    expect(Math.min(...cone.slice(1, -1).map((p) => p[0]))).toBeGreaterThan(106.76);
    const full = fovCone([106.76, 21.85], 0, 360, 100);
    expect(full.at(-1)).toEqual(full[0]);
  });
});
