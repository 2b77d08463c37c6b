import type { Layer } from '@deck.gl/core';
import { describe, expect, it } from 'vitest';
import { basemapLabels, type BasemapParts } from '../../../src/renderer/layers/basemap.ts';
import {
  boxesIntersect,
  declutter,
  labelBox,
  labelSource,
  placeLabels,
  Placement,
  textEm,
  type Box,
  type LabelCandidate,
  type LabelDef,
} from '../../../src/renderer/layers/declutter.ts';
import { LAYER_SPECS } from '../../../src/renderer/layers/registry.ts';
import { unitsLayer } from '../../../src/renderer/layers/units.ts';
import type { LayerContext } from '../../../src/renderer/layers/types.ts';
import { LAYER_IDS, type LayerId, type UnitRec } from '../../../src/renderer/state/records.ts';
import { applyBatch, createWallState, type WallState } from '../../../src/renderer/state/wallState.ts';
import { placeForView } from '../../../src/renderer/wall/WallMap.tsx';
import { CITY_CENTRE } from '../../../src/renderer/wall/screenPresets.ts';
import { envelope } from './fixtures.ts';

const allOn = Object.fromEntries(LAYER_IDS.map((l) => [l, true])) as Record<LayerId, boolean>;

/** A plate `w` × `h` centred on (x, y). */
function cand(key: string, x: number, y: number, priority: number, w = 100, h = 30): LabelCandidate {
  return {
    key,
    x,
    y,
    width: w,
    height: h,
    offsetX: 0,
    offsetY: 0,
    textAnchor: 'middle',
    baseline: 'center',
    priority,
  };
}

/** Deterministic pseudo-random numbers (mulberry32), so a failure can be replayed. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const grow = (b: Box, m: number): Box => ({
  left: b.left - m,
  top: b.top - m,
  right: b.right + m,
  bottom: b.bottom + m,
});

describe('declutter', () => {
  it('of two overlapping labels keeps the more important one, whatever the input order', () => {
    const a = cand('a', 100, 100, 1);
    const b = cand('b', 130, 110, 5);
    expect([...declutter([a, b])]).toEqual(['b']);
    expect([...declutter([b, a])]).toEqual(['b']);
  });

  it('keeps both of two labels apart; the margin counts', () => {
    expect(declutter([cand('a', 100, 100, 1), cand('b', 300, 100, 1)]).size).toBe(2);
    // Plates 100 px wide: centres 101 px apart leave a 1 px gap, under the 2 px margin.
    expect(declutter([cand('a', 100, 100, 1), cand('b', 201, 100, 1)]).size).toBe(1);
    expect(declutter([cand('a', 100, 100, 1), cand('b', 203, 100, 1)]).size).toBe(2);
    expect(declutter([cand('a', 100, 100, 1), cand('b', 201, 100, 1)], { margin: 0 }).size).toBe(2);
  });

  it('breaks ties by key, so the same labels give the same wall in any order', () => {
    const labels = [cand('u:2', 100, 100, 3), cand('u:1', 110, 100, 3), cand('u:3', 120, 100, 3)];
    const orders = [labels, [...labels].reverse(), [labels[1]!, labels[2]!, labels[0]!]];
    for (const order of orders) expect([...declutter(order)]).toEqual(['u:1']);
  });

  it('reads the anchor as deck.gl does: offset, text anchor, baseline, padding outside the text', () => {
    const c: LabelCandidate = {
      ...cand('k', 100, 100, 1, 112, 30),
      offsetY: 16,
      baseline: 'top',
      padding: [6, 3],
    };
    // Text 100 × 24 hangs from y = 116; the plate reaches 6 px out sideways and 3 px up and down.
    expect(labelBox(c)).toEqual({ left: 44, top: 113, right: 156, bottom: 143 });
    expect(labelBox({ ...c, textAnchor: 'start', baseline: 'bottom', offsetY: -22 })).toEqual({
      left: 94,
      top: 51,
      right: 206,
      bottom: 81,
    });
  });

  it('drops labels with no screen position and labels outside the bounds', () => {
    const kept = declutter(
      [cand('nan', Number.NaN, 0, 9), cand('far', 5000, 100, 9), cand('in', 100, 100, 1)],
      {
        bounds: { left: 0, top: 0, right: 1920, bottom: 1080 },
      },
    );
    expect([...kept]).toEqual(['in']);
  });

  it("10k random labels: no two kept plates touch, and every dropped one was in a kept one's way", () => {
    const rand = rng(42);
    const labels: LabelCandidate[] = [];
    for (let i = 0; i < 10_000; i++) {
      const w = 20 + rand() * 300;
      const c = cand(
        `l${i}`,
        rand() * 4000 - 500,
        rand() * 3000 - 500,
        Math.floor(rand() * 50),
        w,
        16 + rand() * 20,
      );
      // A few plates off to the side of their anchor, as units and air stations draw them.
      labels.push(i % 3 === 0 ? { ...c, textAnchor: 'start', baseline: 'top', offsetY: 20 } : c);
    }
    const margin = 2;
    const kept = declutter(labels, { margin });
    expect(kept.size).toBeGreaterThan(100);
    expect(kept.size).toBeLessThan(labels.length);
    const keptBoxes = labels.filter((l) => kept.has(l.key)).map(labelBox);
    for (let i = 0; i < keptBoxes.length; i++) {
      for (let j = i + 1; j < keptBoxes.length; j++) {
        if (boxesIntersect(grow(keptBoxes[i]!, margin), keptBoxes[j]!)) {
          throw new Error(`kept plates ${i} and ${j} overlap`);
        }
      }
    }
    // Greedy, not lossy: the grid must not forget a box and so drop a label that had room.
    for (const l of labels) {
      if (kept.has(l.key)) continue;
      const probe = grow(labelBox(l), margin);
      expect(keptBoxes.some((b) => boxesIntersect(probe, b))).toBe(true);
    }
  });
});

describe('label width estimate', () => {
  // Be Vietnam Pro 600, width / size as Chromium's canvas measures it: the estimate must not be narrower.
  const measured: [string, number][] = [
    ['249.84 m', 4.864],
    ['AQI 36', 3.426],
    ['114-08', 3.456],
    ['CSGT-01', 4.62],
    ['UBND tỉnh Lạng Sơn', 9.972],
    ['Bệnh viện đa khoa tỉnh', 11.22],
    ['ĐỘNG TAM THANH', 9.45],
    ['WWWWWW', 6.312],
  ];
  it.each(measured)('%s is estimated at least as wide as drawn', (text, em) => {
    expect(textEm(text)).toBeGreaterThanOrEqual(em);
    // …and not absurdly wider, or dense areas would lose labels for nothing.
    expect(textEm(text)).toBeLessThan(em * 1.35);
  });
});

function unit(
  id: string,
  callsign: string,
  position: [number, number],
  status: UnitRec['status'] = 'available',
) {
  return envelope('unit.position', id, {
    unitType: 'police',
    callsign,
    status,
    position,
    headingDeg: 0,
    speedKmh: 0,
    observedAt: 1_700_000_000_000,
  });
}

function cityWith(...upserts: ReturnType<typeof unit>[]): WallState {
  const s = createWallState();
  applyBatch(s, { upserts, removals: [] });
  return s;
}

const ctx = (state: WallState, over: Partial<LayerContext> = {}): LayerContext => ({
  state,
  visible: allOn,
  now: 5000,
  pulse: 0,
  language: 'vi',
  ...over,
});

const VIEW = {
  longitude: CITY_CENTRE.longitude,
  latitude: CITY_CENTRE.latitude,
  zoom: 13.5,
  pitch: 0,
  bearing: 0,
};
const SIZE = { width: 1920, height: 1080 };
// About 1 m east at 21.85° N.
const ONE_METRE_LON = 1 / (111_320 * Math.cos((21.853 * Math.PI) / 180));

function dataOf(layers: Layer[], id: string): readonly unknown[] {
  const l = layers.find((x) => x.id === id);
  if (!l) throw new Error(`no layer ${id}`);
  return l.props.data as readonly unknown[];
}

describe('placement on the wall', () => {
  it('two units 1 m apart at the city centre draw one callsign, and both points', () => {
    const { longitude: lon, latitude: lat } = CITY_CENTRE;
    const s = cityWith(
      unit('unit:a', '114-08', [lon, lat]),
      unit('unit:b', '114-09', [lon + ONE_METRE_LON, lat]),
    );
    const sources = LAYER_SPECS.flatMap((spec) => spec.labels?.(ctx(s)) ?? []);
    const placement = placeForView(sources, VIEW, SIZE);
    expect([...placement.keys]).toEqual(['units:labels/unit:a']);
    const layers = unitsLayer.build(ctx(s, { placement }));
    expect(dataOf(layers, 'units:labels')).toHaveLength(1);
    expect(dataOf(layers, 'units:points')).toHaveLength(2);
    // Without a placement (no map yet, or another caller) every label is drawn.
    expect(dataOf(unitsLayer.build(ctx(s)), 'units:labels')).toHaveLength(2);
  });

  it('a unit 800 m away (130 px at this zoom) keeps its own callsign', () => {
    const { longitude: lon, latitude: lat } = CITY_CENTRE;
    const s = cityWith(
      unit('unit:a', '114-08', [lon, lat]),
      unit('unit:b', '114-09', [lon + 800 * ONE_METRE_LON, lat]),
    );
    const placement = placeForView(unitsLayer.labels?.(ctx(s)) ?? [], VIEW, SIZE);
    expect(placement.keys.size).toBe(2);
  });

  it('a committed unit wins over an idle one; live labels win over place names', () => {
    const { longitude: lon, latitude: lat } = CITY_CENTRE;
    const s = cityWith(
      unit('unit:a', '113-01', [lon, lat]),
      unit('unit:b', '113-02', [lon + ONE_METRE_LON, lat], 'on_scene'),
    );
    const parts: BasemapParts = {
      wards: [],
      rivers: [],
      roads: [],
      labels: [{ name: 'Ga Lạng Sơn', position: [lon, lat - 0.0002], rank: 2 }],
    };
    const sources = [labelSource(basemapLabels(parts)), ...(unitsLayer.labels?.(ctx(s)) ?? [])];
    expect([...placeForView(sources, VIEW, SIZE).keys]).toEqual(['units:labels/unit:b']);
  });

  it("a hidden layer's labels take no room", () => {
    const { longitude: lon, latitude: lat } = CITY_CENTRE;
    const s = cityWith(unit('unit:a', '114-08', [lon, lat]));
    const parts: BasemapParts = {
      wards: [],
      rivers: [],
      roads: [],
      labels: [{ name: 'Cầu Đông Kinh', position: [lon, lat - 0.0002], rank: 3 }],
    };
    const base = labelSource(basemapLabels(parts));
    const shown = placeForView([base, ...(unitsLayer.labels?.(ctx(s)) ?? [])], VIEW, SIZE);
    expect([...shown.keys]).toEqual(['units:labels/unit:a']);
    const hidden = ctx(s, { visible: { ...allOn, units: false } });
    const placed = placeForView([base, ...(unitsLayer.labels?.(hidden) ?? [])], VIEW, SIZE);
    expect([...placed.keys]).toEqual(['basemap:labels/0']);
  });

  it('keeps the same placement and the same data array while nothing changed', () => {
    const items = [{ id: 'a' }, { id: 'b' }];
    const def: LabelDef<{ id: string }> = {
      id: 'x:labels',
      data: items,
      visible: true,
      keyOf: (d) => d.id,
      getText: (d) => d.id,
      getPosition: () => [0, 0],
      size: 20,
      priority: 1,
    };
    const project = (): number[] => [100, 100];
    const first = placeLabels([labelSource(def)], project);
    expect(first.keys.size).toBe(1);
    const again = placeLabels([labelSource(def)], project, {}, first);
    expect(again).toBe(first);
    const picked = again.select(def, 1);
    expect(picked).toEqual([{ id: 'a' }]);
    expect(again.select(def, 1)).toBe(picked);
    // A new version of the data is filtered afresh.
    expect(again.select(def, 2)).not.toBe(picked);
    expect(new Placement(new Set()).select(def, 1)).toEqual([]);
  });
});
