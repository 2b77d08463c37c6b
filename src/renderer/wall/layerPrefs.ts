import { z } from 'zod';
import { LAYER_IDS, type LayerId } from '../state/records.ts';
import type { ScreenPreset } from './screen.ts';

const stored = z.record(z.string().max(40), z.boolean());

/** Per display and preset: a screen that changes preset does not inherit another concern's switches. */
const keyOf = (screen: number, preset: ScreenPreset) => `watchfloor.layers.v1.screen-${screen}.${preset}`;

/**
 * The layers the operator switched on this display, kept across restarts (a wall runs for months and is
 * restarted by people who did not set it up). Anything unreadable in storage falls back to the preset.
 */
export function loadLayerPrefs(screen: number, preset: ScreenPreset, fallback: Record<LayerId, boolean>): Record<LayerId, boolean> {
  let raw: string | null;
  try {
    raw = window.localStorage.getItem(keyOf(screen, preset));
  } catch {
    return fallback;
  }
  if (raw === null) return fallback;
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return fallback;
  }
  const result = stored.safeParse(parsed);
  if (!result.success) return fallback;
  const out = { ...fallback };
  for (const layer of LAYER_IDS) {
    const v = result.data[layer];
    if (v !== undefined) out[layer] = v;
  }
  return out;
}

export function saveLayerPrefs(screen: number, preset: ScreenPreset, visible: Record<LayerId, boolean>): void {
  try {
    window.localStorage.setItem(keyOf(screen, preset), JSON.stringify(visible));
  } catch {
    // Storage full or disabled: the switches still work for this session.
  }
}
