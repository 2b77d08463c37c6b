import { TextLayer } from '@deck.gl/layers';
import type { LonLat } from '../../shared/protocol/index.ts';
import type { Rgba } from '../domain/palette.ts';
import { FONT_FAMILY, LABEL_BACKGROUND, LABEL_PADDING, LABEL_SIZE, LIVE_CHARACTER_SET } from './types.ts';

/**
 * Live wall labels: the bundled Vietnamese font, a Vietnamese character set (the default ASCII atlas
 * drops every Vietnamese letter; see LIVE_CHARACTER_SET for why not `'auto'`), a dark background plate
 * so marks survive over busy layers.
 */
export function labelLayer<D>(opts: {
  id: string;
  data: readonly D[];
  visible: boolean;
  getText: (d: D) => string;
  getPosition: (d: D) => LonLat;
  trigger: number | string;
  size?: number;
  color?: Rgba;
  offsetY?: number;
}): TextLayer<D> {
  return new TextLayer<D>({
    id: opts.id,
    data: opts.data,
    visible: opts.visible,
    getText: opts.getText,
    getPosition: opts.getPosition,
    getSize: opts.size ?? LABEL_SIZE,
    sizeUnits: 'pixels',
    getColor: opts.color ?? [255, 255, 255, 255],
    getPixelOffset: [0, opts.offsetY ?? 0],
    getTextAnchor: 'middle',
    getAlignmentBaseline: opts.offsetY && opts.offsetY < 0 ? 'bottom' : 'top',
    fontFamily: FONT_FAMILY,
    fontWeight: 600,
    characterSet: LIVE_CHARACTER_SET,
    background: true,
    getBackgroundColor: LABEL_BACKGROUND,
    backgroundPadding: LABEL_PADDING,
    // Units move and records change: text and position are both live values of the same version.
    updateTriggers: { getText: opts.trigger, getPosition: opts.trigger },
  });
}
