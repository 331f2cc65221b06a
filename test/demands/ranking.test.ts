import { beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/core/db/connection.ts';
import { readXlsxRows } from '../../src/core/export/xlsx.ts';
import type { App } from '../../src/http/server.ts';
import { openTestDatabase } from '../db.ts';
import { buildDemoDistrict, buildTestApp, loginAs } from '../factories.ts';
import { act, call, pointIn } from './helpers.ts';

let database: Database;
let app: App;
const c: Record<string, string> = {};
const period = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 7);

async function handled(grid: string, handler: string, callback: Record<string, unknown> | null) {
  const d = await call(
    app,
    c.hotline as string,
    'POST',
    '/api/demands',
    { content: '小区楼道杂物堆放无人清理', type: '投诉', point: await pointIn(database, grid) },
    201,
  );
  if (!callback) return d;
  await act(app, handler, d.id, { kind: 'sign' });
  await act(app, handler, d.id, { kind: 'contact', note: '已联系' });
  await act(app, handler, d.id, { kind: 'reply', result: '已组织清理完毕' });
  return act(app, c.hotline as string, d.id, { kind: 'callback', reached: true, ...callback });
}

beforeAll(async () => {
  database = await openTestDatabase({ demo: true });
  await buildDemoDistrict(database);
  ({ app } = await buildTestApp(database));
  for (const u of ['hotline', 'street', 'street2', 'supervisor']) c[u] = await loginAs(app, u);
  await handled('110107001003001', c.street as string, { resolved: true, satisfaction: 'satisfied' });
  await handled('110107001003001', c.street as string, { resolved: false, satisfaction: 'unsatisfied' });
  await handled('110107001003001', c.street as string, null); // not yet signed, limit not passed
  await handled('110107011001001', c.street2 as string, {
    resolved: true,
    satisfaction: 'basically_satisfied',
  });
});

describe('monthly 三率 ranking of streets', () => {
  it('matches the hand-computed rates and ranks', async () => {
    const r = await call(
      app,
      c.supervisor as string,
      'GET',
      `/api/demands/ranking?period=${period}&level=street`,
    );
    expect(r.weights).toEqual({ response: 0.3, resolution: 0.35, satisfaction: 0.35 });
    expect(r.rows).toHaveLength(9);
    const [first, second] = r.rows;
    expect(first).toMatchObject({
      rank: 1,
      name: '鲁谷街道',
      dispatched: 1,
      responseRate: 1,
      resolutionRate: 1,
      satisfactionRate: 1,
      composite: 100,
    });
    // 八宝山: 2 of 2 decided responses on time; 1 of 2 resolved; 1 of 2 satisfied → 30 + 17.5 + 17.5
    expect(second).toMatchObject({
      rank: 2,
      name: '八宝山街道',
      dispatched: 3,
      responseRate: 1,
      resolutionRate: 0.5,
      satisfactionRate: 0.5,
      composite: 65,
    });
    expect(r.rows.slice(2).every((x: { rank: number | null }) => x.rank === null)).toBe(true);
  });

  it('names the bottom unit in the bulletin and exports both as Excel', async () => {
    const b = await call(
      app,
      c.supervisor as string,
      'GET',
      `/api/demands/bulletin?period=${period}&bottom=1`,
    );
    expect(b.bottom.map((x: { name: string }) => x.name)).toEqual(['八宝山街道']);
    const res = await app.inject({
      url: `/api/demands/ranking?period=${period}&format=xlsx`,
      headers: { cookie: c.supervisor as string },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const rows = await readXlsxRows(res.rawPayload);
    expect(rows[0]?.[0]).toContain('三率排名');
    expect(rows[2]).toEqual(['名次', '单位', '派单量', '响应率', '解决率', '满意率', '综合得分', '申诉核减']);
    expect(rows[3]).toEqual(['1', '鲁谷街道', '1', '100.0%', '100.0%', '100.0%', '100', '0']);
    expect(rows[4]).toEqual(['2', '八宝山街道', '3', '100.0%', '50.0%', '50.0%', '65', '0']);
  });

  it('finds the common problem of the month', async () => {
    const h = await call(
      app,
      c.supervisor as string,
      'GET',
      `/api/demands/hotspots?period=${period}&minCount=3`,
    );
    expect(h.items[0]).toMatchObject({
      categoryCode: '0101',
      communityName: '玉泉路西社区',
      count: 3,
      spike: true,
    });
  });

  it('refuses a malformed period', async () => {
    const res = await app.inject({
      url: '/api/demands/ranking?period=2026-13',
      headers: { cookie: c.supervisor as string },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('VALIDATION_FAILED');
  });
});
