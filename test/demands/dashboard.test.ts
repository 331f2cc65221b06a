import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/core/db/connection.ts';
import type { App } from '../../src/http/server.ts';
import { openTestDatabase } from '../db.ts';
import { buildDemoDistrict, buildTestApp, loginAs } from '../factories.ts';
import { call, pointIn } from './helpers.ts';

let database: Database;
let app: App;
let hotline: string;
let supervisor: string;
const GRID = '110107001003001'; // 玉泉路西社区第1网格, 八宝山街道
const period = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 7);

beforeAll(async () => {
  database = await openTestDatabase();
  await buildDemoDistrict(database);
  ({ app } = await buildTestApp(database));
  hotline = await loginAs(app, 'hotline');
  supervisor = await loginAs(app, 'supervisor');
  const point = await pointIn(database, GRID);
  for (const content of ['楼道里杂物乱堆乱放，占用楼道', '小区垃圾桶满溢无人清运', '路灯坏了晚上很黑']) {
    await call(app, hotline, 'POST', '/api/demands', { content, type: '投诉', point }, 201);
  }
});

describe('GET /api/demands/dashboard', () => {
  it('gives the month of the caller’s jurisdiction: volumes, open work, trend and grids', async () => {
    const body = await call(app, supervisor, 'GET', '/api/demands/dashboard');
    expect(body.period).toBe(period());
    expect(body.received.total).toBe(3);
    expect(body.received.byStatus).toEqual({ dispatched: 3 });
    expect(body.now).toMatchObject({ open: 3, overdue: 0, pendingDispatch: 0 });
    expect(body.rates.dispatched).toBe(3);
    expect(body.byChannel).toEqual([{ channel: 'hotline', count: 3 }]);
    expect(body.grids).toEqual([{ code: GRID, name: expect.any(String), count: 3, overdue: 0 }]);
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    expect(body.daily.at(-1)).toEqual({ date: today, received: 3, closed: 0 });
    expect(body.daily[0].date).toBe(`${period()}-01`);
  });

  it('scopes a street dispatcher to the own street', async () => {
    const other = await loginAs(app, 'street2');
    const body = await call(app, other, 'GET', '/api/demands/dashboard');
    expect(body.received.total).toBe(0);
    expect(body.grids).toEqual([]);
  });

  it('exports the same figures as Excel', async () => {
    const res = await app.inject({
      method: 'GET',
      url: `/api/demands/dashboard?period=${period()}&format=xlsx`,
      headers: { cookie: supervisor },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(book.worksheets.map((s) => s.name)).toEqual(['概况', '类别', '网格', '趋势', '热点']);
    expect(book.getWorksheet('网格')?.getRow(3).getCell(1).value).toBe(GRID);
  });

  it('refuses roles without measures (403) and a bad period (400)', async () => {
    const grid = await loginAs(app, 'grid');
    const res = await app.inject({ method: 'GET', url: '/api/demands/dashboard', headers: { cookie: grid } });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('FORBIDDEN');
    const bad = await app.inject({
      method: 'GET',
      url: '/api/demands/dashboard?period=2026-00',
      headers: { cookie: supervisor },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('VALIDATION_FAILED');
  });
});

describe('GET /api/demands?within=', () => {
  it('lists the demands of one grid (the map click-through), inside the caller’s scope only', async () => {
    const street = await loginAs(app, 'street');
    const body = await call(app, street, 'GET', `/api/demands?within=${GRID}`);
    expect(body.items).toHaveLength(3);
    const none = await call(app, street, 'GET', '/api/demands?within=110107001003002');
    expect(none.items).toHaveLength(0);
    const other = await loginAs(app, 'street2');
    const res = await app.inject({
      method: 'GET',
      url: `/api/demands?within=${GRID}`,
      headers: { cookie: other },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('FORBIDDEN_SCOPE');
    const unknown = await app.inject({
      method: 'GET',
      url: '/api/demands?within=110107999999',
      headers: { cookie: other },
    });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.code).toBe('NOT_FOUND');
  });
});
