import { beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/core/db/connection.ts';
import { readXlsxRows } from '../../src/core/export/xlsx.ts';
import type { App } from '../../src/http/server.ts';
import { openTestDatabase } from '../db.ts';
import { buildDemoDistrict, buildTestApp, loginAs } from '../factories.ts';
import { addStaff, call, tempFilesDir, thisMonth } from './helpers.ts';

/**
 * What the grid-management screens read besides the records: whether the caller may sign a patrol
 * sheet, which register steps and line steps the caller may take (role AND jurisdiction), and the
 * grid-event register as Excel.
 */

let database: Database;
let app: App;
const c: Record<string, string> = {};
const GRID1 = '110107001003001';
const COMMUNITY = '110107001003'; // 玉泉路西社区 (its demo community worker is the party secretary)

const lastMonth = (() => {
  const [y, m] = thisMonth().split('-').map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
})();

beforeAll(async () => {
  database = await openTestDatabase({ demo: true });
  await buildDemoDistrict(database);
  await addStaff(database, 'deputy', COMMUNITY, 'community_worker', '孙副书记');
  ({ app } = await buildTestApp(database, { filesDir: tempFilesDir() }));
  for (const u of ['grid', 'community', 'deputy', 'street', 'street2']) c[u] = await loginAs(app, u);
});

describe('patrol sheet: maySign tells the screen who may sign now', () => {
  const url = `/api/patrol-sheets/${COMMUNITY}/${lastMonth}`;

  it('only the designated secretary, only with entries, only while open', async () => {
    const empty = await call(app, c.community as string, 'GET', url);
    expect(empty).toMatchObject({ status: 'open', maySign: false });
    await call(
      app,
      c.grid as string,
      'POST',
      '/api/patrol-entries',
      { gridCode: GRID1, date: `${lastMonth}-05`, hours: 3, householdsVisited: 8, findings: '走访独居老人' },
      201,
    );
    expect((await call(app, c.community as string, 'GET', url)).maySign).toBe(true);
    // a community worker who is not the secretary, the street above: may read, not sign
    expect((await call(app, c.deputy as string, 'GET', url)).maySign).toBe(false);
    expect((await call(app, c.street as string, 'GET', url)).maySign).toBe(false);
    const other = await app.inject({ url, headers: { cookie: c.street2 as string } });
    expect(other.statusCode).toBe(403);
    const signed = await call(app, c.community as string, 'POST', `${url}/sign`, { opinion: '情况属实' });
    expect(signed).toMatchObject({ status: 'signed', maySign: false });
    expect((await call(app, c.community as string, 'GET', url)).maySign).toBe(false);
  });
});

describe('problems register: allowedActions per register and per line', () => {
  const month = thisMonth();
  const base = `/api/problem-registers/${COMMUNITY}/${month}`;
  const actions = async (who: string) => (await call(app, c[who] as string, 'GET', base)).allowedActions;

  it('a draft: the community writes and drafts; submit once there is a line; the street waits', async () => {
    expect(await actions('community')).toEqual(['add_item', 'report_major', 'draft_from_events']);
    // a grid worker adds lines from their grid but does not read the community's register
    const grid = await app.inject({ url: base, headers: { cookie: c.grid as string } });
    expect(grid.statusCode).toBe(403);
    expect(await actions('street')).toEqual([]);
    await call(
      app,
      c.community as string,
      'POST',
      '/api/problem-items',
      { communityCode: COMMUNITY, kind: 'suggestion', content: '建议增设电动自行车充电桩' },
      201,
    );
    expect(await actions('community')).toEqual(['add_item', 'report_major', 'draft_from_events', 'submit']);
  });

  it('a major item: the street assigns its leader at once, the community may not', async () => {
    const m = await call(
      app,
      c.community as string,
      'POST',
      '/api/problem-items',
      { communityCode: COMMUNITY, kind: 'problem', content: '5号楼外墙脱落，随时可能砸伤行人', major: true },
      201,
    );
    const street = await call(app, c.street as string, 'GET', base);
    expect(street.majorItems.find((i: { id: string }) => i.id === m.id).allowedActions).toEqual(['assign']);
    const community = await call(app, c.community as string, 'GET', base);
    expect(community.majorItems.find((i: { id: string }) => i.id === m.id).allowedActions).toEqual([]);
    const pending = await call(app, c.street as string, 'GET', '/api/problem-items/major');
    expect(pending.items.find((i: { id: string }) => i.id === m.id).allowedActions).toEqual(['assign']);
    const other = await call(app, c.street2 as string, 'GET', '/api/problem-items/major');
    expect(other.items.map((i: { id: string }) => i.id)).not.toContain(m.id);
  });

  it('submitted: the street may sign off (not another street); then each line may be resolved', async () => {
    await call(app, c.community as string, 'POST', `${base}/submit`);
    expect(await actions('community')).toEqual(['report_major']);
    expect(await actions('street')).toEqual(['sign_off']);
    const other = await app.inject({ url: base, headers: { cookie: c.street2 as string } });
    expect(other.statusCode).toBe(403);
    const r = await call(app, c.street as string, 'GET', base);
    const signed = await call(app, c.street as string, 'POST', `${base}/sign-off`, {
      leaderName: '王书记',
      items: r.items.map((i: { id: string }) => ({ itemId: i.id, responsibleLeader: '赵副主任' })),
    });
    expect(signed.allowedActions).toEqual([]);
    expect(signed.items.map((i: { allowedActions: string[] }) => i.allowedActions)).toEqual([['resolve']]);
  });
});

describe('grid events register as Excel', () => {
  it('exports the caller’s events with the same filter; another street’s are not in it', async () => {
    const e = await call(
      app,
      c.grid as string,
      'POST',
      '/api/grid-events',
      { categoryCode: 'E0106', description: '楼道堆物占用消防通道（台账）', gridCode: GRID1 },
      201,
    );
    const res = await app.inject({
      url: '/api/grid-events?format=xlsx&status=reported',
      headers: { cookie: c.community as string },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const rows = await readXlsxRows(res.rawPayload);
    expect(rows[0]).toEqual(['网格事件台账']);
    const header = rows.find((row) => row[0] === '编号');
    expect(header).toContain('处置单位');
    expect(rows.some((row) => row[0] === e.code && row.includes('待立案'))).toBe(true);
    expect(rows.some((row) => row.some((cell) => cell.includes('状态：待立案')))).toBe(true);
    const other = await app.inject({
      url: '/api/grid-events?format=xlsx',
      headers: { cookie: c.street2 as string },
    });
    expect((await readXlsxRows(other.rawPayload)).some((row) => row[0] === e.code)).toBe(false);
    const json = await call(app, c.community as string, 'GET', '/api/grid-events?status=reported');
    expect(json.items.map((i: { code: string }) => i.code)).toContain(e.code);
  });
});
