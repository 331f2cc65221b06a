import { z } from 'zod';
import { gcj02ToWgs84 } from './gcj02.ts';

/** The datums a caller may give a point in; everything is stored and matched in WGS-84. */
export const COORDINATE_SYSTEMS = ['wgs84', 'gcj02'] as const;

/**
 * A point as callers send it: WGS-84 degrees by default, or GCJ-02 (what AMap, Tencent Maps and WeChat
 * hand out) with `"crs": "gcj02"`, converted to WGS-84 here so that geolocation against the grid
 * boundaries is right. Non-finite and out-of-range values are refused (`VALIDATION_FAILED`).
 */
export const pointInputSchema = z
  .object({
    lng: z.number().min(-180, '经度应在 -180 到 180 之间').max(180, '经度应在 -180 到 180 之间'),
    lat: z.number().min(-90, '纬度应在 -90 到 90 之间').max(90, '纬度应在 -90 到 90 之间'),
    crs: z
      .enum(COORDINATE_SYSTEMS)
      .default('wgs84')
      .describe('坐标系：wgs84（默认，GPS）或 gcj02（高德/腾讯/微信）'),
  })
  .transform(({ lng, lat, crs }) => (crs === 'gcj02' ? gcj02ToWgs84({ lng, lat }) : { lng, lat }));
