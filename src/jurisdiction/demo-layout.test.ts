import { describe, expect, it } from 'vitest';
import { layoutDemoDistrict } from './demo-layout.ts';
import type { DivisionDistrict } from './division-data.ts';
import { bbox } from './geometry.ts';

const district: DivisionDistrict = {
  code6: '110107',
  code: '110107000000',
  name: '石景山区',
  fullName: '北京市石景山区',
  provinceName: '北京市',
  cityName: '北京市',
  streets: [1, 2, 3].map((s) => ({
    code: `1101070${String(s).padStart(2, '0')}000`,
    name: `街道${s}`,
    communities: Array.from({ length: s * 4 + 1 }, (_, c) => ({
      code: `1101070${String(s).padStart(2, '0')}${String(c + 1).padStart(3, '0')}`,
      name: `社区${c}`,
    })),
  })),
};

const inside = (inner: number[], outer: number[]) =>
  (inner[0] as number) >= (outer[0] as number) - 1e-6 &&
  (inner[1] as number) >= (outer[1] as number) - 1e-6 &&
  (inner[2] as number) <= (outer[2] as number) + 1e-6 &&
  (inner[3] as number) <= (outer[3] as number) + 1e-6;

describe('demo tessellation', () => {
  const layout = layoutDemoDistrict(district);

  it('nests grids in communities in streets in the district', () => {
    const d = bbox(layout.district.boundary);
    for (const street of district.streets) {
      const s = bbox(layout.streets.get(street.code)?.boundary ?? layout.district.boundary);
      expect(inside(s, d)).toBe(true);
      for (const c of street.communities) {
        const community = layout.communities.get(c.code);
        expect(community).toBeDefined();
        const cb = bbox(community?.boundary ?? layout.district.boundary);
        expect(inside(cb, s)).toBe(true);
        for (const g of community?.grids ?? []) expect(inside(bbox(g.boundary), cb)).toBe(true);
      }
    }
  });

  it('tiles each community completely with its grids (areas add up, no overlap)', () => {
    for (const community of layout.communities.values()) {
      const [x0, y0, x1, y1] = bbox(community.boundary);
      const total = (x1 - x0) * (y1 - y0);
      const sum = community.grids.reduce((acc, g) => {
        const [a, b, c, d] = bbox(g.boundary);
        return acc + (c - a) * (d - b);
      }, 0);
      expect(sum / total).toBeCloseTo(1, 6);
    }
  });

  it('codes grids as the community code + 3 digits, numbered west→east, north→south', () => {
    const community = layout.communities.get('110107001001');
    const grids = community?.grids ?? [];
    expect(grids.length).toBeGreaterThanOrEqual(2);
    expect(grids.map((g) => g.code)).toEqual(
      grids.map((_, i) => `110107001001${String(i + 1).padStart(3, '0')}`),
    );
    const [first, second] = grids.map((g) => bbox(g.boundary));
    // the first grid is the north-west one; the second lies east of it in the same row (or south of it)
    expect((first?.[3] ?? 0) >= (second?.[3] ?? 0)).toBe(true);
    if (first?.[3] === second?.[3]) expect((second?.[0] ?? 0) >= (first?.[2] ?? 0) - 1e-6).toBe(true);
  });

  it('gives plausible demo attributes, the same every time', () => {
    const again = layoutDemoDistrict(district);
    for (const [code, c] of layout.communities) {
      expect(c.households).toBeGreaterThanOrEqual(800);
      expect(c.households).toBeLessThanOrEqual(6000);
      expect(c.population).toBeGreaterThan(c.households);
      expect(again.communities.get(code)?.households).toBe(c.households);
    }
  });

  it('places the district near its province seat (Beijing for 11xxxx)', () => {
    const [x0, y0, x1, y1] = bbox(layout.district.boundary);
    expect((x0 + x1) / 2).toBeGreaterThan(115.9);
    expect((x0 + x1) / 2).toBeLessThan(116.9);
    expect((y0 + y1) / 2).toBeGreaterThan(39.5);
    expect((y0 + y1) / 2).toBeLessThan(40.3);
  });
});
