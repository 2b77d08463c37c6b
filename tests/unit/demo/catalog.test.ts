import { describe, expect, it } from 'vitest';
import { createDemoCity } from '../../../src/hub/demo/city.ts';
import { distanceM } from '../../../src/hub/demo/geoMath.ts';
import { catalogItemSchema, type CatalogItem, type CatalogItemOf } from '../../../src/shared/protocol/catalog.ts';
import { START } from './helpers.ts';

const city = createDemoCity({ seed: 1, startAt: START });
const of = <K extends CatalogItem['kind']>(kind: K): CatalogItemOf<K>[] => city.catalog.filter((c): c is CatalogItemOf<K> => c.kind === kind);

describe('demo city catalog (natural Lạng Sơn)', () => {
  it('passes the catalog schema, with unique ids', () => {
    for (const item of city.catalog) expect(catalogItemSchema.safeParse(item).success, item.id).toBe(true);
    expect(new Set(city.catalog.map((c) => c.id)).size).toBe(city.catalog.length);
  });

  it('has the counts the issue asks for', () => {
    expect(of('segment').length).toBeGreaterThanOrEqual(300);
    expect(of('camera').length).toBeGreaterThanOrEqual(60);
    expect(of('airStation').length).toBeGreaterThanOrEqual(5);
    expect(of('riverGauge').length).toBeGreaterThanOrEqual(3);
    expect(of('noiseSensor').length).toBeGreaterThanOrEqual(6);
  });

  it('names ids as the protocol documents them', () => {
    expect(of('segment')[0]?.id).toBe('segment:ls-0001');
    expect(of('camera')[0]?.id).toBe('camera:ls-001');
  });

  it('carries the national roads and real street names', () => {
    const roads = new Set(of('segment').map((s) => s.road));
    for (const r of ['QL1A', 'QL4A', 'QL4B', 'Trần Đăng Ninh', 'Lê Lợi', 'Bà Triệu', 'Hùng Vương', 'Bắc Sơn', 'Phai Vệ']) expect(roads, r).toContain(r);
    expect(roads.size).toBeGreaterThanOrEqual(30);
  });

  it('links every upstream id to a segment that ends where this one starts', () => {
    const segments = of('segment');
    const byId = new Map(segments.map((s) => [s.id, s]));
    let links = 0;
    for (const s of segments) {
      for (const u of s.upstream) {
        const up = byId.get(u);
        expect(up, `${s.id} ← ${u}`).toBeDefined();
        if (!up) continue;
        // The lanes are offset a few metres right of the centreline, so ends meet within ~15 m.
        expect(distanceM(up.path[up.path.length - 1] ?? [0, 0], s.path[0] ?? [0, 0])).toBeLessThan(15);
        links++;
      }
    }
    expect(links).toBeGreaterThan(segments.length);
  });

  it('gives road classes sensible free-flow speeds and lengths', () => {
    for (const s of of('segment')) {
      expect(s.lengthM).toBeGreaterThan(0);
      expect(s.lengthM).toBeLessThan(600);
      if (s.roadClass === 'trunk') expect(s.freeFlowKmh).toBeGreaterThanOrEqual(60);
      if (s.roadClass === 'residential') expect(s.freeFlowKmh).toBeLessThanOrEqual(30);
    }
  });

  it('puts the city around 21.853 N 106.761 E', () => {
    const cams = of('camera');
    const lon = cams.reduce((a, c) => a + c.position[0], 0) / cams.length;
    const lat = cams.reduce((a, c) => a + c.position[1], 0) / cams.length;
    expect(distanceM([lon, lat], [106.761, 21.853])).toBeLessThan(3000);
  });

  it('writes Vietnamese names in NFC, cameras named after junctions', () => {
    for (const c of city.catalog) expect(c.name).toBe(c.name.normalize('NFC'));
    const names = of('camera').map((c) => c.name);
    expect(names).toContain('Camera Ngã tư Đông Kinh');
    expect(names.filter((n) => n.startsWith('Camera Ngã')).length).toBeGreaterThan(30);
  });

  it('gives river gauges ascending warning levels on the Kỳ Cùng', () => {
    for (const g of of('riverGauge')) {
      expect(g.river).toBe('Sông Kỳ Cùng');
      const [a, b, c] = g.warningLevelsM;
      expect(a).toBeLessThan(b);
      expect(b).toBeLessThan(c);
    }
  });
});
