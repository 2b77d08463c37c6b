/** `?screen=N`: which display of the wall this window drives (0 = the main one). */
export function parseScreen(search: string): number {
  const raw = new URLSearchParams(search).get('screen');
  const n = raw === null ? 0 : Number(raw);
  return Number.isInteger(n) && n >= 0 && n < 64 ? n : 0;
}

/**
 * What each display of the wall watches. The shell opens one window per display in the order the
 * system lists them, so a four-screen wall gets all four; with more screens the list starts over.
 */
export const SCREEN_PRESETS = ['overview', 'traffic', 'security', 'environment'] as const;
export type ScreenPreset = (typeof SCREEN_PRESETS)[number];

function isPreset(value: string | null): value is ScreenPreset {
  return value !== null && (SCREEN_PRESETS as readonly string[]).includes(value);
}

/** `?preset=security` wins (a wall whose displays are listed in another order); else by screen index. */
export function parsePreset(search: string, screen: number): ScreenPreset {
  const asked = new URLSearchParams(search).get('preset');
  return isPreset(asked) ? asked : (SCREEN_PRESETS[screen % SCREEN_PRESETS.length] as ScreenPreset);
}
