import { TextLayer } from '@deck.gl/layers';
import type { Rgba } from '../domain/palette.ts';
import { baselineOf, type LabelDef, type Placement } from './declutter.ts';
import { FONT_FAMILY, LABEL_BACKGROUND, LABEL_PADDING, LIVE_CHARACTER_SET } from './types.ts';

/** A live label layer: where its plates go (for placement) plus how they look. */
export interface LiveLabelDef<D> extends LabelDef<D> {
  /** The data's version: text and position are both live values of it. */
  trigger: number | string;
  color?: Rgba;
}

/**
 * Live wall labels: the bundled Vietnamese font, a Vietnamese character set (the default ASCII atlas
 * drops every Vietnamese letter; see LIVE_CHARACTER_SET for why not `'auto'`), a dark background plate
 * so marks survive over busy layers. With a placement, only the labels that have room are drawn.
 */
export function labelLayer<D>(def: LiveLabelDef<D>, placement?: Placement): TextLayer<D> {
  return new TextLayer<D>({
    id: def.id,
    data: placement ? placement.select(def, def.trigger) : def.data,
    visible: def.visible,
    getText: def.getText,
    getPosition: def.getPosition,
    getSize: def.size,
    sizeUnits: 'pixels',
    getColor: def.color ?? [255, 255, 255, 255],
    getPixelOffset: [0, def.offsetY ?? 0],
    getTextAnchor: 'middle',
    getAlignmentBaseline: baselineOf(def),
    fontFamily: FONT_FAMILY,
    fontWeight: 600,
    characterSet: LIVE_CHARACTER_SET,
    background: true,
    getBackgroundColor: LABEL_BACKGROUND,
    backgroundPadding: LABEL_PADDING,
    // Units move and records change: text and position are both live values of the same version.
    updateTriggers: { getText: def.trigger, getPosition: def.trigger },
  });
}
