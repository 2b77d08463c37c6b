// @vitest-environment jsdom
import { beforeEach, describe, expect, it } from 'vitest';
import { loadLayerPrefs, saveLayerPrefs } from '../../../src/renderer/wall/layerPrefs.ts';
import { PRESETS } from '../../../src/renderer/wall/screenPresets.ts';

const security = PRESETS.security.visible;

describe('layer switches kept per display', () => {
  beforeEach(() => window.localStorage.clear());

  it('starts from the preset, then keeps what the operator switched, per screen and preset', () => {
    expect(loadLayerPrefs(2, 'security', security)).toEqual(security);
    saveLayerPrefs(2, 'security', { ...security, air: true, cameras: false });
    expect(loadLayerPrefs(2, 'security', security)).toMatchObject({ air: true, cameras: false, alarms: true });
    // Another display, or this one given another preset, does not inherit the switches.
    expect(loadLayerPrefs(3, 'security', security)).toEqual(security);
    expect(loadLayerPrefs(2, 'environment', PRESETS.environment.visible)).toEqual(PRESETS.environment.visible);
  });

  it('falls back to the preset on anything unreadable, and ignores unknown layers', () => {
    window.localStorage.setItem('watchfloor.layers.v1.screen-2.security', '{not json');
    expect(loadLayerPrefs(2, 'security', security)).toEqual(security);
    window.localStorage.setItem('watchfloor.layers.v1.screen-2.security', JSON.stringify({ air: 'yes' }));
    expect(loadLayerPrefs(2, 'security', security)).toEqual(security);
    window.localStorage.setItem('watchfloor.layers.v1.screen-2.security', JSON.stringify({ air: true, teleport: true, __proto__: true }));
    const loaded = loadLayerPrefs(2, 'security', security);
    expect(loaded.air).toBe(true);
    expect(Object.keys(loaded).sort()).toEqual(Object.keys(security).sort());
  });
});
