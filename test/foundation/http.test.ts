import { beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/core/db/connection.ts';
import type { App } from '../../src/http/server.ts';
import { openTestDatabase } from '../db.ts';
import { buildDemoDistrict, buildTestApp, centreOf, loginAs, unitByCode } from '../factories.ts';

let database: Database;
let app: App;
beforeAll(async () => {
  database = await openTestDatabase({ demo: true });
  await buildDemoDistrict(database);
  ({ app } = await buildTestApp(database));
});

describe('HTTP conventions', () => {
  it('GET /api/health names the backend', async () => {
    const res = await app.inject({ url: '/api/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      status: 'ok',
      db: process.env.DATABASE_URL ? 'postgres' : 'pglite',
      version: expect.any(String),
    });
  });

  it('gives every response a request id, and keeps a sane one the client sent', async () => {
    const res = await app.inject({ url: '/api/health' });
    expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const given = await app.inject({ url: '/api/health', headers: { 'x-request-id': 'client-req-12345' } });
    expect(given.headers['x-request-id']).toBe('client-req-12345');
  });

  it('renders unknown routes, bad JSON and schema failures in the one error shape', async () => {
    const missing = await app.inject({ url: '/api/nope' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toEqual({
      error: { code: 'NOT_FOUND', message: expect.stringContaining('接口不存在') },
    });

    const badJson = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: '{"username": ',
    });
    expect(badJson.statusCode).toBe(400);
    expect(badJson.json().error.code).toBe('BAD_REQUEST');

    const invalid = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: '' } });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json().error).toMatchObject({
      code: 'VALIDATION_FAILED',
      details: { issues: expect.any(Array) },
    });
  });

  it('publishes an OpenAPI document at /api/docs', async () => {
    const doc = await app.inject({ url: '/api/docs/json' });
    expect(doc.statusCode).toBe(200);
    const paths = Object.keys(doc.json().paths);
    expect(paths).toEqual(
      expect.arrayContaining([
        '/api/health',
        '/api/auth/login',
        '/api/org-units/{code}',
        '/api/grids/import',
      ]),
    );
    const ui = await app.inject({ url: '/api/docs/' });
    expect(ui.statusCode).toBe(200);
  });

  it('locates a point through the API and says so when it is in no grid', async () => {
    const cookie = await loginAs(app, 'hotline');
    const grid = await unitByCode(database, '110107011001001'.slice(0, 12).concat('001'));
    const [lng, lat] = centreOf(grid);
    const res = await app.inject({ url: `/api/geo/locate?lng=${lng}&lat=${lat}`, headers: { cookie } });
    expect(res.statusCode).toBe(200);
    expect(res.json().street.name).toBe('鲁谷街道');
    const nowhere = await app.inject({ url: '/api/geo/locate?lng=10&lat=10', headers: { cookie } });
    expect(nowhere.statusCode).toBe(404);
    expect(nowhere.json().error.message).toContain('不在本区任何网格内');
  });

  it('lists the demo departments, stationed units and 24/7 utilities', async () => {
    const cookie = await loginAs(app, 'street');
    const items = (await app.inject({ url: '/api/departments', headers: { cookie } })).json().items as {
      shortName: string;
      level: string;
      flags: string[];
    }[];
    const names = items.map((d) => d.shortName);
    expect(names).toEqual(
      expect.arrayContaining([
        '区城市管理委',
        '区住房城市建设委',
        '区城管执法局',
        '石景山公安分局',
        '区市场监管局',
        '区民政局',
        '八宝山派出所',
      ]),
    );
    expect(items.filter((d) => d.flags.includes('24x7')).length).toBe(4);
    expect(items.filter((d) => d.level === 'stationed').length).toBe(9 * 4);
  });
});
