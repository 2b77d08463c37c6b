import type { LonLat } from '../../shared/protocol/index.ts';
import type { LayerId } from '../state/records.ts';
import { LABEL_PADDING } from './types.ts';

/**
 * Label placement on the CPU: which labels the wall draws so that none covers another. deck.gl's
 * CollisionFilterExtension does this on the GPU, but on software WebGL it hid every live label, so the
 * wall projects the anchors itself and keeps labels greedily, the operator's most important first.
 */

export type TextAnchor = 'start' | 'middle' | 'end';
export type Baseline = 'top' | 'center' | 'bottom';

/** One label that wants to be drawn, in screen pixels. */
export interface LabelCandidate {
  key: string;
  /** The projected anchor (the label's position). */
  x: number;
  y: number;
  /** The whole plate: text plus background padding on both sides. */
  width: number;
  height: number;
  /** deck.gl's getPixelOffset. */
  offsetX: number;
  offsetY: number;
  textAnchor: TextAnchor;
  baseline: Baseline;
  /** Background padding [x, y] inside width/height: the anchor refers to the text, not the plate. */
  padding?: readonly [number, number];
  /** Higher wins. */
  priority: number;
}

export interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

export function labelBox(c: LabelCandidate): Box {
  const [px, py] = c.padding ?? LABEL_PADDING;
  const textW = c.width - 2 * px;
  const textH = c.height - 2 * py;
  const ax = c.x + c.offsetX;
  const ay = c.y + c.offsetY;
  const textLeft = c.textAnchor === 'start' ? ax : c.textAnchor === 'end' ? ax - textW : ax - textW / 2;
  const textTop = c.baseline === 'top' ? ay : c.baseline === 'bottom' ? ay - textH : ay - textH / 2;
  return {
    left: textLeft - px,
    top: textTop - py,
    right: textLeft - px + c.width,
    bottom: textTop - py + c.height,
  };
}

export function boxesIntersect(a: Box, b: Box): boolean {
  return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
}

export interface DeclutterOptions {
  /** Minimum gap between two kept plates, px. */
  margin?: number;
  /** Grid cell, px: about a short label's width keeps both the cells per label and the boxes per cell few. */
  cellPx?: number;
  /** Only labels whose plate reaches into this area are considered; the others are neither drawn nor in the way. */
  bounds?: Box;
}

// Cell indices are clamped so the numeric cell key stays exact however far out a label projects; a
// clamped cell only brings more boxes to compare, never a wrong answer (boxes are compared exactly).
const CELL_LIMIT = 1 << 24;
const CELL_SPAN = 2 * CELL_LIMIT + 1;
const cellIndex = (px: number, cell: number): number =>
  Math.max(-CELL_LIMIT, Math.min(CELL_LIMIT, Math.floor(px / cell)));

export function byPriority(a: LabelCandidate, b: LabelCandidate): number {
  if (a.priority !== b.priority) return b.priority - a.priority;
  return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}

/**
 * The keys of the labels to draw: in priority order (ties by key, so the same input always gives the same
 * wall), a label is kept when its plate, grown by the margin, touches no plate already kept.
 */
export function declutter(candidates: readonly LabelCandidate[], opts: DeclutterOptions = {}): Set<string> {
  const margin = opts.margin ?? 2;
  const cell = opts.cellPx ?? 64;
  const bounds = opts.bounds;
  const order = candidates.filter((c) => Number.isFinite(c.x) && Number.isFinite(c.y)).sort(byPriority);
  const grid = new Map<number, Box[]>();
  const kept = new Set<string>();
  for (const c of order) {
    if (kept.has(c.key)) continue;
    const box = labelBox(c);
    if (bounds && !boxesIntersect(box, bounds)) continue;
    const probe: Box = {
      left: box.left - margin,
      top: box.top - margin,
      right: box.right + margin,
      bottom: box.bottom + margin,
    };
    const x0 = cellIndex(probe.left, cell);
    const x1 = cellIndex(probe.right, cell);
    const y0 = cellIndex(probe.top, cell);
    const y1 = cellIndex(probe.bottom, cell);
    let free = true;
    for (let cx = x0; cx <= x1 && free; cx++) {
      for (let cy = y0; cy <= y1 && free; cy++) {
        for (const other of grid.get(cx * CELL_SPAN + cy) ?? []) {
          if (boxesIntersect(probe, other)) {
            free = false;
            break;
          }
        }
      }
    }
    if (!free) continue;
    kept.add(c.key);
    // Stored unexpanded and found through the probe's wider cell range: the margin counts once.
    for (let cx = cellIndex(box.left, cell); cx <= cellIndex(box.right, cell); cx++) {
      for (let cy = cellIndex(box.top, cell); cy <= cellIndex(box.bottom, cell); cy++) {
        const k = cx * CELL_SPAN + cy;
        const list = grid.get(k);
        if (list) list.push(box);
        else grid.set(k, [box]);
      }
    }
  }
  return kept;
}

// ---------------------------------------------------------------------------------------------------
// Text width. deck.gl lays glyphs out by each character's own advance (no kerning), so a per-character
// estimate is close; the classes take roughly the widest member of each (Be Vietnam Pro 600, in em,
// measured in Chromium), so an estimate errs wide rather than letting two plates touch.

const NARROW = new Set(' !\'"`,.:;|()[]{}1fijlrtI');
const WIDE = new Set('MWmw@%#');
const EM_NARROW = 0.46;
const EM_REGULAR = 0.72;
const EM_UPPER = 0.84;
const EM_WIDE = 1.06;

const emCache = new Map<string, number>();
const EM_CACHE_MAX = 4096;

/** Width of `text` in em (multiply by the font size for pixels). */
export function textEm(text: string): number {
  const hit = emCache.get(text);
  if (hit !== undefined) return hit;
  let em = 0;
  // Decomposed, a Vietnamese letter is its base letter plus marks that take no width of their own.
  for (const ch of text.normalize('NFD')) {
    const code = ch.codePointAt(0) ?? 0;
    if (code >= 0x300 && code <= 0x36f) continue;
    if (NARROW.has(ch)) em += EM_NARROW;
    else if (WIDE.has(ch)) em += EM_WIDE;
    else if (ch !== ch.toLowerCase()) em += ch === 'I' ? EM_NARROW : EM_UPPER;
    else em += EM_REGULAR;
  }
  if (emCache.size >= EM_CACHE_MAX) emCache.clear();
  emCache.set(text, em);
  return em;
}

// ---------------------------------------------------------------------------------------------------
// From layer data to candidates.

/**
 * Operator importance, by layer: CAP alerts, then incidents, alarms, units, river gauges, air stations,
 * any other live label, and the basemap last (its own rank below that). Per-item refinements stay
 * within a tier's hundreds.
 */
export const LABEL_TIER: Readonly<Record<LayerId | 'basemap', number>> = {
  alerts: 7000,
  incidents: 6000,
  alarms: 5000,
  units: 4000,
  water: 3000,
  air: 2000,
  cameras: 1000,
  reports: 1000,
  noise: 1000,
  traffic: 1000,
  basemap: 0,
};

/** How one deck.gl text layer draws its labels: enough to know where each plate would go. */
export interface LabelDef<D> {
  /** The deck.gl layer id, e.g. `units:labels`. */
  id: string;
  data: readonly D[];
  visible: boolean;
  /** Unique within the layer and stable across updates (an entity id). */
  keyOf: (d: D, index: number) => string;
  getText: (d: D) => string;
  getPosition: (d: D) => LonLat;
  size: number | ((d: D) => number);
  offsetY?: number;
  /** Defaults to hanging below the anchor, or standing on it when the offset points up. */
  baseline?: Baseline;
  priority: number | ((d: D) => number);
}

export function baselineOf(def: Pick<LabelDef<unknown>, 'baseline' | 'offsetY'>): Baseline {
  return def.baseline ?? (def.offsetY !== undefined && def.offsetY < 0 ? 'bottom' : 'top');
}

export function labelKey(layerId: string, itemKey: string): string {
  return `${layerId}/${itemKey}`;
}

/** Screen position [x, y] of a lon/lat, px. */
export type Project = (position: LonLat) => readonly number[];
/** A LabelDef with its element type erased, so the layers' sources fit in one list. */
export type LabelSource = (project: Project, out: LabelCandidate[]) => void;

export function labelSource<D>(def: LabelDef<D>): LabelSource {
  return (project, out) => {
    // A hidden layer's labels take no room.
    if (!def.visible) return;
    const baseline = baselineOf(def);
    const [padX, padY] = LABEL_PADDING;
    def.data.forEach((d, i) => {
      const text = def.getText(d);
      if (!text) return;
      const [x = Number.NaN, y = Number.NaN] = project(def.getPosition(d));
      const size = typeof def.size === 'number' ? def.size : def.size(d);
      out.push({
        key: labelKey(def.id, def.keyOf(d, i)),
        x,
        y,
        width: Math.ceil(textEm(text) * size) + 2 * padX,
        height: size + 2 * padY,
        offsetX: 0,
        offsetY: def.offsetY ?? 0,
        textAnchor: 'middle',
        baseline,
        padding: LABEL_PADDING,
        priority: typeof def.priority === 'number' ? def.priority : def.priority(d),
      });
    });
  };
}

/**
 * A placement: which labels are drawn. It hands each text layer the placed part of its data and keeps that
 * array while neither the data, its version nor the placement changes, so deck.gl sees the same `data`
 * and uploads nothing.
 */
export class Placement {
  readonly keys: ReadonlySet<string>;
  private readonly picked = new Map<
    string,
    { data: readonly unknown[]; trigger: unknown; out: readonly unknown[] }
  >();

  constructor(keys: ReadonlySet<string>) {
    this.keys = keys;
  }

  has(layerId: string, itemKey: string): boolean {
    return this.keys.has(labelKey(layerId, itemKey));
  }

  sameAs(keys: ReadonlySet<string>): boolean {
    if (keys.size !== this.keys.size) return false;
    for (const k of keys) if (!this.keys.has(k)) return false;
    return true;
  }

  select<D>(def: Pick<LabelDef<D>, 'id' | 'data' | 'keyOf'>, trigger: unknown): readonly D[] {
    const hit = this.picked.get(def.id);
    // Sound: an entry is only returned for the very array it was filtered from, so its elements are D.
    if (hit && hit.data === def.data && hit.trigger === trigger) return hit.out as readonly D[];
    const out = def.data.filter((d, i) => this.has(def.id, def.keyOf(d, i)));
    this.picked.set(def.id, { data: def.data, trigger, out });
    return out;
  }
}

/**
 * Candidates from every source, decluttered. Returns `previous` itself when the same labels are kept, so
 * nothing downstream rebuilds.
 */
export function placeLabels(
  sources: readonly LabelSource[],
  project: Project,
  opts: DeclutterOptions = {},
  previous: Placement | null = null,
): Placement {
  const candidates: LabelCandidate[] = [];
  for (const source of sources) source(project, candidates);
  const keys = declutter(candidates, opts);
  return previous?.sameAs(keys) ? previous : new Placement(keys);
}
