import type { Layer } from '@deck.gl/core';
import type { LabelSource, Placement } from './declutter.ts';
import type { LayerId } from '../state/records.ts';
import type { WallState } from '../state/wallState.ts';

/** What every layer builder gets: the state, the operator's choices, and the clock. */
export interface LayerContext {
  state: WallState;
  visible: Readonly<Record<LayerId, boolean>>;
  /** Wall clock, ms (SLA states and alert expiry). */
  now: number;
  /** 0..1 animation phase for alarms that still need an operator. */
  pulse: number;
  /** Operator language, for alert texts picked from CAP `infos[]`. */
  language: string;
  /** Which labels have room on screen; without one (tests, first build) every label is drawn. */
  placement?: Placement;
}

/** One wall layer: a pure function from context to deck.gl layers (config + data selector, no class). */
export interface LayerSpec {
  id: LayerId;
  build(ctx: LayerContext): Layer[];
  /** The labels `build` would draw, for placement; layers without labels leave it out. */
  labels?(ctx: LayerContext): LabelSource[];
}

export const FONT_FAMILY = '"Be Vietnam Pro", "Noto Sans", sans-serif';
/** Wall labels: ≥ 24 px keeps Vietnamese dot-below marks readable over busy layers (TOOLCHAIN.md). */
export const LABEL_SIZE = 24;
export const LABEL_BACKGROUND: [number, number, number, number] = [6, 10, 18, 215];
export const LABEL_PADDING: [number, number] = [6, 3];

const VN_LOWER =
  'aàáảãạăằắẳẵặâầấẩẫậbcdđeèéẻẽẹêềếểễệfghiìíỉĩịjklmnoòóỏõọôồốổỗộơờớởỡợpqrstuùúủũụưừứửữựvwxyỳýỷỹỵz';
const ASCII = Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)).join('');

/**
 * Glyphs for labels whose text changes at run time: printable ASCII, the whole Vietnamese alphabet in both
 * cases, and the few symbols the wall writes. A fixed set builds the glyph atlas once; deck.gl's `'auto'`
 * rebuilds it as new letters arrive, and on software GL that left labels drawn as empty plates
 * ("texSubImage2D: no canvas"). Static labels (the basemap) keep `'auto'`.
 */
export const LIVE_CHARACTER_SET = `${ASCII}${VN_LOWER}${VN_LOWER.toUpperCase()}…–—°µ³·`;

/** Layer ids are `<wall layer>:<part>`; picking maps back to the wall layer with this. */
export function wallLayerOf(deckLayerId: string): LayerId | null {
  const head = deckLayerId.split(':')[0];
  return (head ?? null) as LayerId | null;
}
