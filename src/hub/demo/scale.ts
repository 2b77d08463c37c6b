import type { CatalogItemOf } from '../../shared/protocol/catalog.ts';
import type { LonLat } from '../../shared/protocol/geo.ts';
import { mToLonLat } from './geoMath.ts';
import type { CameraDraft, PointEntity } from './catalogBuild.ts';
import type { Rng } from './rng.ts';

/**
 * Scaling the city for benchmarks (`--entities 100000`): extra neighbourhoods (khu đô thị) with a grid
 * of numbered streets (đường số N), placed in rings around the real city so the hand-placed core stays
 * untouched. Each grid street block is two directed segments with proper upstream links, so the
 * simulator treats them exactly like the real streets.
 */

const PATCH_NODES = 20;
const SPACING_M = 110;
const PATCH_PITCH_M = 2_600;
const KEEP_CLEAR_M = 4_500;
const SEGMENTS_PER_PATCH = 4 * PATCH_NODES * (PATCH_NODES - 1);

const PLACE_NAMES = [
  'Phú Lộc', 'Nam Hoàng Đồng', 'Hoàng Đồng', 'Mai Pha', 'Yên Trạch', 'Gia Cát', 'Song Giáp', 'Hợp Thành',
  'Tân Liên', 'Thụy Hùng', 'Quảng Lạc', 'Xuân Long', 'Phú Xá', 'Gia Lộc', 'Hồng Phong', 'Bình Trung',
  'Thạch Đạn', 'Lộc Yên', 'Bảo Lâm', 'Tân Thành', 'Hoàng Văn Thụ', 'Tân Lang', 'Bắc La', 'Hoàng Việt',
];

interface Patch {
  name: string;
  x: number;
  y: number;
  cos: number;
  sin: number;
}

export interface ExtraInput {
  rng: Rng;
  extra: number;
  segmentItems: CatalogItemOf<'segment'>[];
  cameras: CameraDraft[];
  air: (PointEntity & { base: number })[];
  noise: (PointEntity & { roadside: number })[];
}

/** Adds `extra` entities (78 % segments, 17 % cameras, 3 % noise, 2 % air); returns all segment items. */
export function addExtraEntities(input: ExtraInput): CatalogItemOf<'segment'>[] {
  const { rng, extra, segmentItems, cameras, air, noise } = input;
  if (extra <= 0) return segmentItems;
  const nAir = Math.floor(extra * 0.02);
  const nNoise = Math.floor(extra * 0.03);
  const nCam = Math.floor(extra * 0.17);
  const nSeg = extra - nAir - nNoise - nCam;
  const patches = placePatches(Math.max(1, Math.ceil(nSeg / SEGMENTS_PER_PATCH)), rng);
  const out = segmentItems.slice();
  const first = out.length;
  const total = first + nSeg;
  const idOf = (i: number): string => `segment:ls-${String(i + 1).padStart(4, '0')}`;

  for (let p = 0; p < patches.length && out.length < total; p++) {
    const patch = patches[p] as Patch;
    const base = first + p * SEGMENTS_PER_PATCH;
    const P = PATCH_NODES;
    // Directed segment index of from→to inside this patch (neighbouring grid nodes).
    const segIndex = (r1: number, c1: number, r2: number, c2: number): number => {
      const dir = r2 > r1 || c2 > c1 ? 0 : 1;
      const edge = r1 === r2 ? r1 * (P - 1) + Math.min(c1, c2) : P * (P - 1) + Math.min(r1, r2) * P + c1;
      return base + edge * 2 + dir;
    };
    const emit = (r1: number, c1: number, r2: number, c2: number, line: number, horizontal: boolean): void => {
      const index = segIndex(r1, c1, r2, c2);
      if (index >= total) return;
      const upstream: string[] = [];
      for (const [dr, dc] of [[1, 0], [-1, 0], [0, 1], [0, -1]] as const) {
        const rn = r1 + dr;
        const cn = c1 + dc;
        if (rn < 0 || cn < 0 || rn >= P || cn >= P || (rn === r2 && cn === c2)) continue;
        const u = segIndex(rn, cn, r1, c1);
        if (u < total) upstream.push(idOf(u));
      }
      const major = line % 5 === 0;
      const a = nodePos(patch, r1, c1);
      const b = nodePos(patch, r2, c2);
      const dirName = horizontal ? (c2 > c1 ? 'Đông' : 'Tây') : r2 > r1 ? 'Bắc' : 'Nam';
      const road = `${patch.name} – Đường số ${line}`;
      out[index] = {
        kind: 'segment',
        id: idOf(index),
        name: `KĐT ${road}, đoạn ${(horizontal ? Math.min(c1, c2) : Math.min(r1, r2)) + 1}, hướng ${dirName}`,
        road,
        roadClass: major ? 'tertiary' : 'residential',
        path: [a, b],
        lanes: 1,
        freeFlowKmh: major ? 35 : 25,
        lengthM: SPACING_M,
        upstream,
      };
    };
    for (let r = 0; r < P; r++) {
      for (let c = 0; c < P - 1; c++) {
        emit(r, c, r, c + 1, r + 1, true);
        emit(r, c + 1, r, c, r + 1, true);
      }
    }
    for (let r = 0; r < P - 1; r++) {
      for (let c = 0; c < P; c++) {
        emit(r, c, r + 1, c, P + c + 1, false);
        emit(r + 1, c, r, c, P + c + 1, false);
      }
    }
  }

  const randomNode = (): { patch: Patch; r: number; c: number; position: LonLat } => {
    const patch = patches[rng.int(patches.length)] as Patch;
    const r = rng.int(PATCH_NODES);
    const c = rng.int(PATCH_NODES);
    return { patch, r, c, position: nodePos(patch, r, c) };
  };
  for (let i = 0; i < nCam; i++) {
    const n = randomNode();
    cameras.push({
      item: {
        kind: 'camera',
        id: `camera:ls-${String(cameras.length + 1).padStart(3, '0')}`,
        name: `Camera KĐT ${n.patch.name}, ngã tư đường số ${n.r + 1} – số ${PATCH_NODES + n.c + 1}`,
        position: n.position,
        headingDeg: rng.int(4) * 90,
        fovDeg: 70,
        rangeM: 90,
        ptz: rng.chance(0.1),
      },
    });
  }
  for (let i = 0; i < nNoise; i++) {
    const n = randomNode();
    noise.push({ id: `noise:ls-${String(noise.length + 1).padStart(2, '0')}`, name: `Cảm biến tiếng ồn KĐT ${n.patch.name} số ${i + 1}`, position: n.position, roadside: rng.range(0.1, 0.8) });
  }
  for (let i = 0; i < nAir; i++) {
    const n = randomNode();
    air.push({ id: `air:ls-${String(air.length + 1).padStart(2, '0')}`, name: `Trạm quan trắc không khí KĐT ${n.patch.name} số ${i + 1}`, position: n.position, base: rng.range(0.7, 1.3) });
  }
  return out;
}

function nodePos(patch: Patch, r: number, c: number): LonLat {
  const half = ((PATCH_NODES - 1) * SPACING_M) / 2;
  const lx = c * SPACING_M - half;
  const ly = r * SPACING_M - half;
  return mToLonLat(patch.x + lx * patch.cos - ly * patch.sin, patch.y + lx * patch.sin + ly * patch.cos);
}

/** Lattice cells around the city, nearest first, leaving the real city clear. */
function placePatches(count: number, rng: Rng): Patch[] {
  const cells: { x: number; y: number; d: number; a: number }[] = [];
  const reach = Math.ceil(Math.sqrt(count) + 4);
  for (let i = -reach; i <= reach; i++) {
    for (let j = -reach; j <= reach; j++) {
      const x = i * PATCH_PITCH_M;
      const y = j * PATCH_PITCH_M;
      const d = Math.hypot(x, y);
      if (d >= KEEP_CLEAR_M) cells.push({ x, y, d, a: Math.atan2(y, x) });
    }
  }
  cells.sort((p, q) => p.d - q.d || p.a - q.a);
  return cells.slice(0, count).map((cell, i) => {
    const angle = rng.range(-0.35, 0.35);
    const name = PLACE_NAMES[i % PLACE_NAMES.length] as string;
    const round = Math.floor(i / PLACE_NAMES.length);
    return {
      name: (round === 0 ? name : `${name} ${round + 1}`).normalize('NFC'),
      x: cell.x,
      y: cell.y,
      cos: Math.cos(angle),
      sin: Math.sin(angle),
    };
  });
}
