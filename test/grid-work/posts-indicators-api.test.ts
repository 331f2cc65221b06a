import { beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/core/db/connection.ts';
import { readXlsxRows } from '../../src/core/export/xlsx.ts';
import type { App } from '../../src/http/server.ts';
import { openTestDatabase } from '../db.ts';
import { buildDemoDistrict, buildTestApp, loginAs } from '../factories.ts';
import { call, tempFilesDir, thisMonth } from './helpers.ts';

/**
 * What the posts and indicators screens read: which post actions the caller may take in a
 * community, the accounts that may fill a post, and the indicators per unit (JSON and Excel).
 */

let database: Database;
let app: App;
const c: Record<string, string> = {};
const GRID1 = '110107001003001';
const GRID2 = '110107001003002';
const COMMUNITY = '110107001003'; // 玉泉路西社区
const get = (who: string, url: string, expected = 200) =>
  call(app, c[who] as string, 'GET', url, undefined, expected);

beforeAll(async () => {
  database = await openTestDatabase({ demo: true });
  await buildDemoDistrict(database);
  ({ app } = await buildTestApp(database, { filesDir: tempFilesDir() }));
  for (const u of ['grid', 'community', 'street', 'street2', 'supervisor']) c[u] = await loginAs(app, u);
});

describe('posts: what the caller may do, and who may fill a post', () => {
  it('the list says whether the caller may assign and designate the secretary there', async () => {
    const url = `/api/grid-assignments?unitCode=${COMMUNITY}`;
    const community = await get('community', url);
    expect(community.may).toEqual({ assign: true, designateSecretary: false });
    expect(community.items.map((a: { post: string }) => a.post)).toContain('grid_worker');
    expect((await get('street', url)).may).toEqual({ assign: true, designateSecretary: true });
    expect((await get('supervisor', url)).may).toEqual({ assign: false, designateSecretary: false });
    expect((await get('grid', '/api/grid-assignments')).may).toEqual({
      assign: false,
      designateSecretary: false,
    });
  });

  it('candidates: the community’s accounts with the post’s role, only for those who may assign', async () => {
    const workers = await get(
      'community',
      `/api/grid-assignments/candidates?unitCode=${GRID2}&post=grid_worker`,
    );
    expect(workers.items.map((u: { username: string }) => u.username)).toEqual(['grid']);
    expect(workers.items[0]).toMatchObject({ displayName: expect.any(String), unit: { code: GRID1 } });
    const secretaries = await get(
      'street',
      `/api/grid-assignments/candidates?unitCode=${COMMUNITY}&post=party_secretary`,
    );
    expect(secretaries.items.map((u: { username: string }) => u.username)).toEqual(['community']);
    // the community does not designate its own secretary; another street sees nothing of it
    await get(
      'community',
      `/api/grid-assignments/candidates?unitCode=${COMMUNITY}&post=party_secretary`,
      403,
    );
    await get('street2', `/api/grid-assignments/candidates?unitCode=${GRID2}&post=grid_worker`, 403);
    await get('supervisor', `/api/grid-assignments/candidates?unitCode=${GRID2}&post=grid_worker`, 403);
  });
});

describe('indicators per unit', () => {
  it('a unit and the units below it, as JSON and as Excel', async () => {
    await call(
      app,
      c.grid as string,
      'POST',
      '/api/grid-events',
      {
        categoryCode: 'E0106',
        description: '楼道堆物，已当场清理',
        gridCode: GRID1,
        closeOnSpot: { result: '已联系保洁当场清运', evidence: [] },
      },
      201,
    );
    const month = thisMonth();
    const street = await get('street', `/api/grid-events/indicators/units?month=${month}`);
    expect(street.side).toBe('location');
    expect(street.rows[0].unit.code).toBe(street.unit.code);
    const row = street.rows.find((r: { unit: { code: string } }) => r.unit.code === COMMUNITY);
    expect(row).toMatchObject({
      counts: { shouldClose: 1, closed: 1, closedOnTime: 1, closedOnSpot: 1, shouldDispose: 0 },
      rates: { closeRate: 1, onTimeCloseRate: 1, reworkRate: 0, disposeRate: null },
    });
    expect(street.rows[0].counts.shouldClose).toBe(1);

    // a community: itself, then its grids
    const community = await get('community', `/api/grid-events/indicators/units?month=${month}`);
    expect(community.rows[0].unit.code).toBe(COMMUNITY);
    const codes = community.rows.map((r: { unit: { code: string } }) => r.unit.code);
    expect(codes).toContain(GRID1);
    expect(codes).toContain(GRID2);
    expect(
      community.rows.find((r: { unit: { code: string } }) => r.unit.code === GRID2).counts.shouldClose,
    ).toBe(0);

    const res = await app.inject({
      url: `/api/grid-events/indicators/units?month=${month}&unitCode=${COMMUNITY}&format=xlsx`,
      headers: { cookie: c.street as string },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const rows = await readXlsxRows(res.rawPayload);
    expect(rows[0]?.[0]).toMatch(/^网格事件考核指标/);
    const header = rows.find((r) => r[0] === '单位');
    expect(header?.slice(1, 8)).toEqual([
      '结案率',
      '按期结案率',
      '处置率',
      '按期处置率',
      '返工率',
      '超期待处置率',
      '延期率',
    ]);
    const first = rows[(rows.indexOf(header as string[]) ?? 0) + 1];
    expect(first?.slice(0, 3)).toEqual(['玉泉路西社区', '100.00%', '100.00%']);
    expect(first?.[3]).toBe('—');
    expect(rows.some((r) => r[0]?.startsWith('返工率 = 返工数 / 应结案数'))).toBe(true);

    // the single-unit endpoint exports too; another street is refused
    const one = await app.inject({
      url: `/api/grid-events/indicators?month=${month}&unitCode=${COMMUNITY}&format=xlsx`,
      headers: { cookie: c.community as string },
    });
    expect(one.statusCode).toBe(200);
    expect((await readXlsxRows(one.rawPayload)).some((r) => r[0] === '玉泉路西社区')).toBe(true);
    await get('street2', `/api/grid-events/indicators/units?month=${month}&unitCode=${COMMUNITY}`, 403);
  });
});
