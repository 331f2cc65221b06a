import { beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/core/db/connection.ts';
import { wgs84ToGcj02 } from '../../src/core/geo/gcj02.ts';
import type { App } from '../../src/http/server.ts';
import { openTestDatabase } from '../db.ts';
import { buildTestApp, loginAs } from '../factories.ts';
import { call, pointIn } from './helpers.ts';

let database: Database;
let app: App;
let hotline: string;
const GRID = '110107001003001';

beforeAll(async () => {
  database = await openTestDatabase({ demo: true });
  ({ app } = await buildTestApp(database));
  hotline = await loginAs(app, 'hotline');
});

describe('points from Chinese map apps (GCJ-02)', () => {
  it('are converted to WGS-84 before geolocation and stored in WGS-84', async () => {
    const wgs = await pointIn(database, GRID);
    const gcj = wgs84ToGcj02(wgs);
    // the same place in GCJ-02 is hundreds of metres off when read as WGS-84
    expect(Math.hypot(gcj.lng - wgs.lng, gcj.lat - wgs.lat)).toBeGreaterThan(0.003);
    const content = '小区门口的垃圾桶满了好几天没人清运，气味很大，请尽快处理';
    const s = await call(app, hotline, 'POST', '/api/demands/suggest', {
      content,
      point: { ...gcj, crs: 'gcj02' },
    });
    expect(s.location).toMatchObject({ method: 'point', grid: { code: GRID } });
    const created = await call(
      app,
      hotline,
      'POST',
      '/api/demands',
      { caller: {}, content, type: '投诉', point: { ...gcj, crs: 'gcj02' }, action: { kind: 'record' } },
      201,
    );
    const stored = created.demand ?? created;
    expect(stored.point.lng).toBeCloseTo(wgs.lng, 7);
    expect(stored.point.lat).toBeCloseTo(wgs.lat, 7);
  });

  it('refuses an unknown datum with a clear 400', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/demands/suggest',
      headers: { cookie: hotline },
      payload: { content: '路灯不亮', point: { lng: 116.2, lat: 39.9, crs: 'bd09' } },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('VALIDATION_FAILED');
  });
});
