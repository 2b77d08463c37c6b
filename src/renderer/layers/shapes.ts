import type { IconLayerProps } from '@deck.gl/layers';

type Texture = NonNullable<Exclude<IconLayerProps['iconAtlas'], string>>;

/**
 * Marker shapes drawn once into a small canvas and used as a masked IconLayer atlas (tinted by
 * getColor). Shape tells kinds apart where colours are shared: a red square is an overdue citizen
 * report, a red ring an unacknowledged alarm, a red diamond a critical incident. Drawn locally, so
 * nothing is fetched (the CSP allows no data: fetches).
 */
export type Shape = 'square' | 'diamond';

const CELL = 64;
export const SHAPE_MAPPING: Record<
  Shape,
  { x: number; y: number; width: number; height: number; mask: true; anchorY: number }
> = {
  square: { x: 0, y: 0, width: CELL, height: CELL, mask: true, anchorY: CELL / 2 },
  diamond: { x: CELL, y: 0, width: CELL, height: CELL, mask: true, anchorY: CELL / 2 },
};

let atlas: HTMLCanvasElement | null | undefined;

/** The atlas canvas, or null outside a browser (unit tests build layers without drawing them). */
export function shapeAtlas(): HTMLCanvasElement | null {
  if (atlas !== undefined) return atlas;
  if (typeof document === 'undefined') return (atlas = null);
  const canvas = document.createElement('canvas');
  canvas.width = CELL * 2;
  canvas.height = CELL;
  const ctx = canvas.getContext('2d');
  if (!ctx) return (atlas = null);
  ctx.fillStyle = '#fff';
  // Square with a transparent inner border, so neighbouring markers stay apart.
  ctx.fillRect(6, 6, CELL - 12, CELL - 12);
  ctx.beginPath();
  ctx.moveTo(CELL + CELL / 2, 2);
  ctx.lineTo(CELL * 2 - 2, CELL / 2);
  ctx.lineTo(CELL + CELL / 2, CELL - 2);
  ctx.lineTo(CELL + 2, CELL / 2);
  ctx.closePath();
  ctx.fill();
  return (atlas = canvas);
}

/** deck.gl's `image` prop type turns a canvas into a texture; its TypeScript type only names Texture. */
export function atlasProp(): Texture | undefined {
  return (shapeAtlas() ?? undefined) as unknown as Texture | undefined;
}
