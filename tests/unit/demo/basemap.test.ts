import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { basemapJson, type Basemap } from '../../../src/hub/demo/basemap.ts';
import { distanceM } from '../../../src/hub/demo/geoMath.ts';
import type { LonLat } from '../../../src/shared/protocol/geo.ts';

const file = join(import.meta.dirname, '../../../resources/geo/langson-basemap.json');
const committed = readFileSync(file, 'utf8');
const map = JSON.parse(committed) as Basemap;

describe('offline basemap (resources/geo/langson-basemap.json)', () => {
  it('is exactly what scripts/genGeo.ts generates (run `node scripts/genGeo.ts` after changing the geometry)', () => {
    expect(committed === basemapJson()).toBe(true);
  });

  it('is compact, NFC, with 6-decimal coordinates', () => {
    expect(Buffer.byteLength(committed)).toBeLessThan(1_000_000);
    expect(committed).toBe(committed.normalize('NFC'));
    expect(committed).not.toMatch(/\d\.\d{7,}/);
  });

  it('holds the facts: QL1A, QL4A, QL4B, the Kỳ Cùng, the four old-city wards, the landmarks', () => {
    const names = (kind: string): string[] => map.features.filter((f) => f.properties.kind === kind).map((f) => f.properties.name);
    expect(names('road')).toEqual(expect.arrayContaining(['Quốc lộ 1A', 'Quốc lộ 4A', 'Quốc lộ 4B', 'Đường Trần Đăng Ninh']));
    expect(names('river')).toEqual(['Sông Kỳ Cùng']);
    expect(names('ward')).toEqual(expect.arrayContaining(['Đông Kinh', 'Lương Văn Tri', 'Tam Thanh', 'Kỳ Lừa']));
    expect(names('label')).toEqual(expect.arrayContaining(['Chợ Đông Kinh', 'Ga Lạng Sơn', 'Động Tam Thanh', 'Cầu Kỳ Lừa', 'UBND tỉnh Lạng Sơn', 'Phường Kỳ Lừa']));
    for (const f of map.features) {
      if (f.geometry.type === 'Polygon') {
        const ring = f.geometry.coordinates[0] ?? [];
        expect(ring[0]).toEqual(ring[ring.length - 1]);
      }
    }
  });

  it('is centred on 21.853 N 106.761 E: the four core wards meet there and the streets lie around it', () => {
    const core = map.features.filter((f) => f.properties.kind === 'ward' && f.properties.core);
    expect(core).toHaveLength(4);
    const rings = core.map((f) => (f.geometry.type === 'Polygon' ? (f.geometry.coordinates[0] ?? []) : []));
    const shared = (rings[0] ?? []).filter((p) => rings.every((r) => r.some((q) => q[0] === p[0] && q[1] === p[1])));
    expect(shared.length).toBeGreaterThan(0);
    expect(distanceM(shared[0] as LonLat, [106.761, 21.853])).toBeLessThan(1000);
    const streets = map.features.flatMap((f) =>
      f.properties.kind === 'road' && f.properties.roadClass !== 'trunk' && f.geometry.type === 'LineString' ? f.geometry.coordinates : [],
    );
    const lon = streets.reduce((a, p) => a + p[0], 0) / streets.length;
    const lat = streets.reduce((a, p) => a + p[1], 0) / streets.length;
    expect(distanceM([lon, lat], [106.761, 21.853])).toBeLessThan(3000);
    const ql1a = map.features.find((f) => f.properties.kind === 'road' && f.properties.name === 'Quốc lộ 1A');
    const path = ql1a?.geometry.type === 'LineString' ? ql1a.geometry.coordinates : [];
    // QL1A runs north–south through the city: from north of it to south of it, passing within 1.5 km.
    expect((path[0] as LonLat)[1]).toBeGreaterThan(21.9);
    expect((path[path.length - 1] as LonLat)[1]).toBeLessThan(21.78);
    expect(Math.min(...path.map((p) => distanceM(p, [106.761, 21.853])))).toBeLessThan(1500);
  });
});
