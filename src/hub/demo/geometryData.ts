import type { LonLat } from '../../shared/protocol/geo.ts';
import type { ROAD_CLASSES } from '../../shared/protocol/catalog.ts';

/**
 * Hand-placed facts about Lạng Sơn: a few waypoints per road, river and ward boundary, written by us
 * from public facts (the centre near 21.853 N 106.761 E; QL1A running north to Đồng Đăng and south
 * toward Chi Lăng; QL4A leaving north-west; QL4B leaving south-east toward Lộc Bình; the Kỳ Cùng
 * crossing the city; the four wards of the old city since 2025). Detail (curves, wiggles) is generated
 * in geometry.ts. Street placement is plausible, not surveyed.
 */

export type RoadClass = (typeof ROAD_CLASSES)[number];

export interface RoadFact {
  name: string;
  /** Short code used in the `road` field (QL1A) or the street name itself. */
  road: string;
  roadClass: RoadClass;
  lanes: number;
  points: LonLat[];
}

/** National roads, north/west end first. */
export const ARTERIALS: RoadFact[] = [
  {
    name: 'Quốc lộ 1A',
    road: 'QL1A',
    roadClass: 'trunk',
    lanes: 4,
    points: [
      [106.705, 21.94], // toward Đồng Đăng
      [106.722, 21.915],
      [106.735, 21.899],
      [106.75, 21.881],
      [106.754, 21.869], // junction with QL4A and Hùng Vương
      [106.766, 21.867],
      [106.771, 21.858], // Cầu Kỳ Lừa
      [106.773, 21.853], // junction with QL4B
      [106.78, 21.84],
      [106.776, 21.827],
      [106.768, 21.816],
      [106.756, 21.797],
      [106.744, 21.788],
      [106.742, 21.771],
      [106.727, 21.76],
      [106.715, 21.744],
      [106.699, 21.733], // toward Chi Lăng
    ],
  },
  {
    name: 'Quốc lộ 4A',
    road: 'QL4A',
    roadClass: 'trunk',
    lanes: 2,
    points: [
      [106.754, 21.869],
      [106.743, 21.875],
      [106.728, 21.882],
      [106.712, 21.892],
      [106.695, 21.903],
      [106.675, 21.915], // toward Văn Lãng and Cao Bằng
    ],
  },
  {
    name: 'Quốc lộ 4B',
    road: 'QL4B',
    roadClass: 'trunk',
    lanes: 2,
    points: [
      [106.773, 21.853],
      [106.785, 21.8555],
      [106.797, 21.852],
      [106.807, 21.844],
      [106.816, 21.836],
      [106.825, 21.827],
      [106.838, 21.819],
      [106.852, 21.812],
      [106.872, 21.803],
      [106.895, 21.795], // toward Lộc Bình
    ],
  },
];

const street = (name: string, roadClass: RoadClass, lanes: number, points: LonLat[]): RoadFact => ({
  name: `Đường ${name}`,
  road: name,
  roadClass,
  lanes,
  points,
});

/** Urban streets: the south-bank core (Đông Kinh), the north bank (Kỳ Lừa, Tam Thanh), the east and west. */
export const STREETS: RoadFact[] = [
  // south bank, west → east streets from the river southward
  street('Bà Triệu', 'tertiary', 2, [[106.7475, 21.8555], [106.758, 21.8558], [106.769, 21.8562]]),
  street('Lê Lợi', 'secondary', 4, [[106.736, 21.852], [106.755, 21.8522], [106.7725, 21.8518], [106.785, 21.849], [106.8, 21.845], [106.812, 21.838]]),
  street('Trần Hưng Đạo', 'secondary', 2, [[106.7415, 21.8485], [106.758, 21.8487], [106.776, 21.8484]]),
  street('Lý Thái Tổ', 'secondary', 4, [[106.736, 21.845], [106.757, 21.8452], [106.7778, 21.8449]]),
  street('Nguyễn Du', 'tertiary', 2, [[106.7415, 21.8415], [106.76, 21.8417], [106.7797, 21.8414]]),
  street('Ngô Quyền', 'tertiary', 2, [[106.7475, 21.838], [106.764, 21.8382], [106.7797, 21.838]]),
  street('Lê Đại Hành', 'tertiary', 2, [[106.7415, 21.834], [106.76, 21.8342], [106.7787, 21.834]]),
  street('Hoàng Hoa Thám', 'residential', 2, [[106.745, 21.826], [106.76, 21.824], [106.7735, 21.8222]]),
  // south bank, north → south streets
  street('Chu Văn An', 'tertiary', 2, [[106.736, 21.8615], [106.7355, 21.852], [106.737, 21.842]]),
  street('Quang Trung', 'residential', 2, [[106.7415, 21.8585], [106.7415, 21.8485], [106.7415, 21.834]]),
  street('Văn Vỉ', 'tertiary', 2, [[106.7475, 21.8555], [106.7475, 21.845], [106.7475, 21.834]]),
  street('Hùng Vương', 'primary', 4, [[106.754, 21.869], [106.7545, 21.8625], [106.755, 21.856], [106.7565, 21.848], [106.757, 21.84], [106.758, 21.8315]]),
  street('Phai Vệ', 'tertiary', 2, [[106.7625, 21.8562], [106.7625, 21.845], [106.7625, 21.833]]),
  street('Tông Đản', 'tertiary', 2, [[106.7685, 21.8563], [106.768, 21.846], [106.768, 21.8342]]),
  street('Minh Khai', 'residential', 2, [[106.7475, 21.8555], [106.742, 21.858], [106.736, 21.8615]]),
  street('Lê Lai', 'residential', 2, [[106.736, 21.852], [106.728, 21.853], [106.72, 21.856]]),
  street('Ngô Gia Tự', 'tertiary', 2, [[106.758, 21.8315], [106.76, 21.822], [106.763, 21.813]]),
  // north bank between the river and QL1A (Kỳ Lừa market quarter)
  street('Trần Đăng Ninh', 'secondary', 2, [[106.7546, 21.864], [106.761, 21.8634], [106.7688, 21.8624]]),
  street('Kỳ Lừa', 'tertiary', 2, [[106.7625, 21.8598], [106.7625, 21.8635], [106.7625, 21.8676]]),
  street('Hoàng Văn Thụ', 'residential', 2, [[106.758, 21.8597], [106.758, 21.864], [106.758, 21.8682]]),
  street('Tam Thanh', 'tertiary', 2, [[106.7546, 21.864], [106.749, 21.8655], [106.744, 21.8672]]),
  // north of QL1A
  street('Bắc Sơn', 'secondary', 2, [[106.7625, 21.8676], [106.762, 21.877], [106.76, 21.887]]),
  street('Lê Hồng Phong', 'tertiary', 2, [[106.766, 21.867], [106.772, 21.874], [106.778, 21.882]]),
  street('Nhị Thanh', 'residential', 2, [[106.7525, 21.876], [106.748, 21.879], [106.744, 21.882]]),
  street('Tô Thị', 'residential', 2, [[106.744, 21.882], [106.74, 21.8855], [106.736, 21.889]]),
  street('Phai Luông', 'tertiary', 2, [[106.772, 21.874], [106.785, 21.873], [106.8, 21.871], [106.812, 21.868]]),
  street('Ba Sơn', 'tertiary', 2, [[106.812, 21.868], [106.825, 21.875], [106.84, 21.878]]),
  // east of QL1A, south of the river (toward Mai Pha)
  street('Đinh Tiên Hoàng', 'tertiary', 2, [[106.789, 21.8552], [106.789, 21.849], [106.788, 21.838]]),
  street('Nguyễn Đình Chiểu', 'residential', 2, [[106.798, 21.8515], [106.797, 21.845], [106.795, 21.836]]),
  street('Lý Thường Kiệt', 'tertiary', 2, [[106.78, 21.8402], [106.795, 21.84], [106.808, 21.8378]]),
];

/** The Kỳ Cùng through the city, west → east, with its bends. Mean width in metres. */
export const RIVER = {
  name: 'Sông Kỳ Cùng',
  widthM: 90,
  points: [
    [106.69, 21.89],
    [106.705, 21.878],
    [106.72, 21.8705],
    [106.735, 21.8665],
    [106.748, 21.863],
    [106.758, 21.8595],
    [106.768, 21.8582],
    [106.78, 21.861],
    [106.795, 21.8655],
    [106.812, 21.862],
    [106.835, 21.848],
    [106.86, 21.835],
  ] as LonLat[],
};

/** Shared boundary vertices, so neighbouring wards meet exactly. */
const V = {
  c: [106.757, 21.857],
  n1: [106.756, 21.874],
  n1b: [106.76, 21.888],
  n2: [106.764, 21.903],
  n3: [106.741, 21.927],
  n3b: [106.753, 21.922],
  n4: [106.735, 21.91],
  n4b: [106.731, 21.894],
  n5: [106.72, 21.883],
  w1: [106.708, 21.87],
  tl: [106.722, 21.866],
  w2: [106.733, 21.845],
  lw1: [106.712, 21.85],
  w4: [106.712, 21.825],
  w3: [106.703, 21.8],
  ls1: [106.719, 21.783],
  s3: [106.73, 21.79],
  s2: [106.746, 21.814],
  s1: [106.757, 21.833],
  e1: [106.775, 21.859],
  e2: [106.795, 21.848],
  e3: [106.8, 21.815],
  e4: [106.822, 21.792],
  sd1: [106.803, 21.786],
  sd2: [106.773, 21.767],
  sd3: [106.749, 21.764],
  k2: [106.785, 21.88],
  k1: [106.81, 21.866],
  k3: [106.83, 21.878],
  k4: [106.843, 21.858],
  k5: [106.875, 21.848],
  k6: [106.855, 21.823],
  k7: [106.837, 21.795],
  cs1: [106.79, 21.907],
  cs2: [106.835, 21.903],
} as const satisfies Record<string, LonLat>;

type VertexName = keyof typeof V;

export interface WardFact {
  name: string;
  /** True for the four wards of the old city of Lạng Sơn. */
  core: boolean;
  /** Phường (urban ward) or xã (commune) since the 2025 reform. */
  unit: 'Phường' | 'Xã';
  /** Ring of vertex names or free vertices (outer edges nobody shares here). */
  ring: (VertexName | LonLat)[];
}

export const WARDS: WardFact[] = [
  { name: 'Tam Thanh', core: true, unit: 'Phường', ring: ['c', 'w2', 'tl', 'w1', 'n5', 'n4b', 'n4', 'n3', 'n3b', 'n2', 'n1b', 'n1'] },
  { name: 'Lương Văn Tri', core: true, unit: 'Phường', ring: ['c', 's1', 's2', 's3', 'ls1', 'w3', 'w4', 'lw1', 'w1', 'tl', 'w2'] },
  { name: 'Đông Kinh', core: true, unit: 'Phường', ring: ['c', 'e1', 'e2', 'e3', 'e4', 'sd1', 'sd2', 'sd3', 's3', 's2', 's1'] },
  { name: 'Kỳ Lừa', core: true, unit: 'Phường', ring: ['c', 'n1', 'n1b', 'n2', 'k2', 'k1', 'k3', 'k4', 'k5', 'k6', 'k7', 'e4', 'e3', 'e2', 'e1'] },
  {
    name: 'Cao Lộc',
    core: false,
    unit: 'Xã',
    ring: ['n2', 'n3b', 'n3', [106.75, 21.95], [106.774, 21.973], [106.797, 21.985], [106.848, 21.98], [106.883, 21.951], [106.874, 21.928], 'cs2', 'cs1'],
  },
  {
    name: 'Công Sơn',
    core: false,
    unit: 'Xã',
    ring: ['n2', 'cs1', 'cs2', [106.862, 21.914], [106.894, 21.892], [106.936, 21.883], [106.949, 21.843], 'k5', 'k4', 'k3', 'k1', 'k2'],
  },
  {
    name: 'Khánh Khê',
    core: false,
    unit: 'Xã',
    ring: ['w1', 'lw1', 'w4', 'w3', [106.674, 21.798], [106.642, 21.798], [106.628, 21.824], [106.631, 21.865], [106.629, 21.893], [106.656, 21.915], [106.687, 21.891], 'n5'],
  },
  {
    name: 'Chiến Thắng',
    core: false,
    unit: 'Xã',
    ring: ['s3', 'sd3', 'sd2', 'sd1', 'e4', [106.826, 21.781], [106.824, 21.746], [106.803, 21.715], [106.775, 21.703], [106.735, 21.69], [106.71, 21.712], [106.705, 21.742], [106.706, 21.77], 'ls1'],
  },
  {
    name: 'Đồng Đăng',
    core: false,
    unit: 'Xã',
    ring: ['n5', [106.687, 21.891], [106.664, 21.906], [106.661, 21.93], [106.693, 21.959], [106.713, 21.972], [106.737, 22.003], [106.767, 22.013], [106.791, 21.99], [106.774, 21.973], [106.75, 21.95], 'n3', 'n4', 'n4b'],
  },
];

export function vertex(v: VertexName | LonLat): LonLat {
  return typeof v === 'string' ? [V[v][0], V[v][1]] : v;
}

export interface LandmarkFact {
  name: string;
  position: LonLat;
  /** 1 = most important label. */
  rank: number;
}

export const LANDMARKS: LandmarkFact[] = [
  { name: 'Chợ Đông Kinh', position: [106.7598, 21.8537], rank: 1 },
  { name: 'Chợ Kỳ Lừa', position: [106.7648, 21.8642], rank: 1 },
  { name: 'Ga Lạng Sơn', position: [106.7738, 21.8462], rank: 1 },
  { name: 'Động Tam Thanh', position: [106.7452, 21.8683], rank: 1 },
  { name: 'Động Nhị Thanh', position: [106.7455, 21.8795], rank: 2 },
  { name: 'Núi Tô Thị', position: [106.7385, 21.8868], rank: 2 },
  { name: 'Cầu Kỳ Lừa', position: [106.7703, 21.8585], rank: 1 },
  { name: 'Cầu Đông Kinh', position: [106.7546, 21.8603], rank: 2 },
  { name: 'UBND tỉnh Lạng Sơn', position: [106.7592, 21.8458], rank: 1 },
  { name: 'Bệnh viện Đa khoa tỉnh', position: [106.7862, 21.8472], rank: 2 },
  { name: 'Hồ Phai Loạn', position: [106.7668, 21.8405], rank: 2 },
];

/** Unit bases: where fire engines and ambulances wait and where patrols start. */
export const BASES = {
  police: { name: 'Công an tỉnh', position: [106.7572, 21.8462] as LonLat },
  fire: { name: 'Đội Cảnh sát PCCC', position: [106.7662, 21.8392] as LonLat },
  ambulance: { name: 'Trung tâm Cấp cứu 115', position: [106.7858, 21.8468] as LonLat },
  traffic_police: { name: 'Đội CSGT', position: [106.7722, 21.8335] as LonLat },
};

/** Well-known junctions: the nearest road junction gets this name (cameras are named after it). */
export const NAMED_JUNCTIONS: { name: string; position: LonLat }[] = [
  { name: 'Ngã tư Đông Kinh', position: [106.7555, 21.8522] },
  { name: 'Ngã tư Kỳ Lừa', position: [106.7625, 21.8634] },
  { name: 'Nút giao Tam Thanh', position: [106.754, 21.869] },
  { name: 'Ngã ba Quốc lộ 4B', position: [106.773, 21.853] },
  { name: 'Ngã tư Ga Lạng Sơn', position: [106.7755, 21.8485] },
  { name: 'Ngã tư Phai Vệ', position: [106.7625, 21.845] },
];

/** Air-quality stations (automatic monitoring, trạm quan trắc tự động). */
export const AIR_STATIONS: { name: string; position: LonLat }[] = [
  { name: 'Trạm quan trắc không khí Đông Kinh', position: [106.7605, 21.8512] },
  { name: 'Trạm quan trắc không khí UBND tỉnh', position: [106.7585, 21.8445] },
  { name: 'Trạm quan trắc không khí Tam Thanh', position: [106.7505, 21.8745] },
  { name: 'Trạm quan trắc không khí Kỳ Lừa', position: [106.7685, 21.8655] },
  { name: 'Trạm quan trắc không khí Mai Pha', position: [106.8015, 21.8455] },
  { name: 'Trạm quan trắc không khí Hoàng Đồng', position: [106.7585, 21.8855] },
];

/**
 * River gauges on the Kỳ Cùng, upstream (east) first. Alarm levels I/II/III in metres above sea level,
 * modelled on the Lạng Sơn hydrological station (báo động I 252 m, II 254 m, III 256 m); the others are
 * shifted by the river's fall along the reach.
 */
export const RIVER_GAUGES: { name: string; along: number; baseM: number; warningLevelsM: [number, number, number] }[] = [
  { name: 'Trạm thủy văn Mai Pha', along: 0.88, baseM: 250.6, warningLevelsM: [252.6, 254.6, 256.6] },
  { name: 'Trạm thủy văn Lạng Sơn', along: 0.5, baseM: 250.0, warningLevelsM: [252.0, 254.0, 256.0] },
  { name: 'Trạm đo mực nước Cầu Đông Kinh', along: 0.38, baseM: 249.8, warningLevelsM: [251.8, 253.8, 255.8] },
  { name: 'Trạm đo mực nước Tam Thanh', along: 0.22, baseM: 249.5, warningLevelsM: [251.5, 253.5, 255.5] },
];

/** Noise sensors at busy places; `roadside` 0..1 is how close they are to heavy traffic. */
export const NOISE_SENSORS: { name: string; position: LonLat; roadside: number }[] = [
  { name: 'Cảm biến tiếng ồn Chợ Đông Kinh', position: [106.7596, 21.8531], roadside: 0.7 },
  { name: 'Cảm biến tiếng ồn Chợ Kỳ Lừa', position: [106.7645, 21.8638], roadside: 0.7 },
  { name: 'Cảm biến tiếng ồn Nút giao Tam Thanh', position: [106.7545, 21.8688], roadside: 1 },
  { name: 'Cảm biến tiếng ồn Ga Lạng Sơn', position: [106.7742, 21.8466], roadside: 0.9 },
  { name: 'Cảm biến tiếng ồn Quốc lộ 4B', position: [106.7955, 21.8528], roadside: 1 },
  { name: 'Cảm biến tiếng ồn Hồ Phai Loạn', position: [106.7665, 21.8412], roadside: 0.2 },
  { name: 'Cảm biến tiếng ồn Trường THPT Việt Bắc', position: [106.7485, 21.8455], roadside: 0.3 },
  { name: 'Cảm biến tiếng ồn Phai Luông', position: [106.7855, 21.8728], roadside: 0.5 },
];
