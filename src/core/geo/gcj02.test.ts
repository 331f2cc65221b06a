import { describe, expect, it } from 'vitest';
import { gcj02ToWgs84, outsideMainlandChina, wgs84ToGcj02 } from './gcj02.ts';
import { pointInputSchema } from './point.ts';

// Reference vectors published with the widely used open implementations of the algorithm
// (WGS-84 lat/lng → GCJ-02 lat/lng).
const VECTORS = [
  { name: '上海', wgs: [31.1774276, 121.5272106], gcj: [31.17530398364597, 121.531541859215] },
  { name: '深圳', wgs: [22.543847, 113.912316], gcj: [22.540796131694766, 113.9171764808363] },
  { name: '北京', wgs: [39.911954, 116.377817], gcj: [39.91334545536069, 116.38404722455657] },
] as const;

describe('GCJ-02 ↔ WGS-84', () => {
  for (const v of VECTORS) {
    it(`${v.name}: forward matches the reference to 1e-9°, inverse returns the GPS point`, () => {
      const gcj = wgs84ToGcj02({ lat: v.wgs[0], lng: v.wgs[1] });
      expect(gcj.lat).toBeCloseTo(v.gcj[0], 9);
      expect(gcj.lng).toBeCloseTo(v.gcj[1], 9);
      const back = gcj02ToWgs84({ lat: v.gcj[0], lng: v.gcj[1] });
      expect(back.lat).toBeCloseTo(v.wgs[0], 8);
      expect(back.lng).toBeCloseTo(v.wgs[1], 8);
    });
  }

  it('leaves points outside mainland China as they are', () => {
    expect(outsideMainlandChina({ lng: 139.6917, lat: 35.6895 })).toBe(true); // 东京
    expect(gcj02ToWgs84({ lng: 139.6917, lat: 35.6895 })).toEqual({ lng: 139.6917, lat: 35.6895 });
    expect(wgs84ToGcj02({ lng: -74, lat: 40.7 })).toEqual({ lng: -74, lat: 40.7 });
  });

  it('the input schema converts gcj02, keeps wgs84 (the default) and refuses out-of-range values', () => {
    const gcj = pointInputSchema.parse({ lng: 116.38404722455657, lat: 39.91334545536069, crs: 'gcj02' });
    expect(gcj.lng).toBeCloseTo(116.377817, 8);
    expect(pointInputSchema.parse({ lng: 116.4, lat: 39.9 })).toEqual({ lng: 116.4, lat: 39.9 });
    expect(pointInputSchema.safeParse({ lng: 181, lat: 0 }).success).toBe(false);
    expect(pointInputSchema.safeParse({ lng: Number.NaN, lat: 0 }).success).toBe(false);
    expect(pointInputSchema.safeParse({ lng: 116, lat: 39, crs: 'bd09' }).success).toBe(false);
  });
});
