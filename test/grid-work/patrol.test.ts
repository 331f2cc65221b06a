import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../src/core/audit/tables.ts';
import type { Database } from '../../src/core/db/connection.ts';
import { readXlsxRows } from '../../src/core/export/xlsx.ts';
import type { App } from '../../src/http/server.ts';
import { openTestDatabase } from '../db.ts';
import { buildDemoDistrict, buildTestApp, loginAs } from '../factories.ts';
import { addStaff, call, tempFilesDir, thisMonth } from './helpers.ts';

let database: Database;
let app: App;
const c: Record<string, string> = {};
const GRID1 = '110107001003001';
const GRID2 = '110107001003002';
const COMMUNITY = '110107001003'; // 玉泉路西社区: 867 households, no property management

/** A day of last month (Beijing): the month the secretary signs. */
const lastMonth = (() => {
  const [y, m] = thisMonth().split('-').map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
})();
const day = (d: number) => `${lastMonth}-${String(d).padStart(2, '0')}`;
const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

beforeAll(async () => {
  database = await openTestDatabase({ demo: true });
  await buildDemoDistrict(database);
  await addStaff(database, 'gridtwo', COMMUNITY, 'grid_worker', '钱网格');
  await addStaff(database, 'deputy', COMMUNITY, 'community_worker', '孙副书记');
  ({ app } = await buildTestApp(database, { filesDir: tempFilesDir() }));
  for (const u of ['grid', 'gridtwo', 'community', 'deputy', 'street', 'street2'])
    c[u] = await loginAs(app, u);
});

describe('grid posts and the staffing check against the policy profile', () => {
  it('a community puts a grid worker and a 楼栋长 on its grids; only the street names the secretary', async () => {
    const notYet = await call(
      app,
      c.gridtwo as string,
      'POST',
      '/api/patrol-entries',
      { gridCode: GRID2, date: day(3), hours: 3, householdsVisited: 5, findings: '走访独居老人' },
      422,
    );
    expect(notYet.error).toMatchObject({ code: 'NOT_ASSIGNED', details: { grid: GRID2 } });
    const post = await call(
      app,
      c.community as string,
      'POST',
      '/api/grid-assignments',
      { unitCode: GRID2, post: 'grid_worker', username: 'gridtwo' },
      201,
    );
    expect(post).toMatchObject({
      postName: '网格员',
      person: { name: '钱网格', hasAccount: true },
      active: true,
    });
    const twice = await call(
      app,
      c.community as string,
      'POST',
      '/api/grid-assignments',
      { unitCode: GRID2, post: 'grid_worker', username: 'gridtwo' },
      409,
    );
    expect(twice.error.code).toBe('CONFLICT');
    const chief = await call(
      app,
      c.community as string,
      'POST',
      '/api/grid-assignments',
      { unitCode: GRID2, post: 'building_chief', personName: '吴大姐', phone: '13900001234', area: '5号楼' },
      201,
    );
    expect(chief).toMatchObject({
      postName: '楼栋长',
      person: { name: '吴大姐', phone: '139****1234', hasAccount: false },
      area: '5号楼',
    });
    const ended = await call(app, c.community as string, 'POST', `/api/grid-assignments/${chief.id}/end`);
    expect(ended.active).toBe(false);
    const endAgain = await call(
      app,
      c.community as string,
      'POST',
      `/api/grid-assignments/${chief.id}/end`,
      undefined,
      409,
    );
    expect(endAgain.error.code).toBe('CONFLICT');
    const secretary = await call(
      app,
      c.community as string,
      'POST',
      '/api/grid-assignments',
      { unitCode: COMMUNITY, post: 'party_secretary', username: 'deputy' },
      403,
    );
    expect(secretary.error.code).toBe('FORBIDDEN');
    const wrongRole = await call(
      app,
      c.community as string,
      'POST',
      '/api/grid-assignments',
      { unitCode: GRID1, post: 'grid_worker', username: 'deputy' },
      400,
    );
    expect(wrongRole.error.message).toContain('没有担任网格员所需的角色');
    const list = await call(app, c.street as string, 'GET', `/api/grid-assignments?unitCode=${COMMUNITY}`);
    expect(list.items.map((a: { postName: string }) => a.postName).sort()).toEqual([
      '楼栋长',
      '社区党委书记',
      '网格员',
      '网格员',
    ]);
  });

  it('lists the communities short of grid workers (1 per 300 households where there is no property management)', async () => {
    const r = await call(app, c.street as string, 'GET', '/api/grid-work/staffing?unitCode=110107001000');
    const row = r.rows.find((x: { code: string }) => x.code === COMMUNITY);
    expect(row).toMatchObject({
      households: 867,
      householdsPerWorker: 300,
      reducedRatioApplied: true,
      required: 3,
      gridWorkersAssigned: 2,
      gap: -1,
      understaffed: true,
      note: '缺 1 名网格员',
    });
    expect(row.source).toContain('XQ 三(四)2');
    expect(r.understaffed.map((x: { code: string }) => x.code)).toContain(COMMUNITY);
    expect(r.totals.understaffed).toBe(r.understaffed.length);
    const denied = await call(app, c.grid as string, 'GET', '/api/grid-work/staffing', undefined, 403);
    expect(denied.error.code).toBe('FORBIDDEN');
    const other = await call(
      app,
      c.street2 as string,
      'GET',
      '/api/grid-work/staffing?unitCode=110107001000',
      undefined,
      403,
    );
    expect(other.error.code).toBe('FORBIDDEN_SCOPE');
    const xlsx = await app.inject({
      url: '/api/grid-work/staffing?unitCode=110107001000&format=xlsx',
      headers: { cookie: c.street as string },
    });
    expect((await readXlsxRows(xlsx.rawPayload))[0]).toEqual(['网格员配备情况']);
  });
});

describe('网格工作纪实: a signed monthly sheet can no longer be edited', () => {
  let entryId: string;

  it('grid workers record their days in their own grids', async () => {
    const e = await call(
      app,
      c.grid as string,
      'POST',
      '/api/patrol-entries',
      {
        gridCode: GRID1,
        date: day(3),
        hours: 4,
        householdsVisited: 12,
        findings: '巡查3号楼，发现楼道堆物两处',
      },
      201,
    );
    entryId = e.id;
    await call(
      app,
      c.grid as string,
      'POST',
      '/api/patrol-entries',
      {
        gridCode: GRID1,
        date: day(4),
        hours: 3.5,
        householdsVisited: 8,
        findings: '走访独居老人，宣传防诈骗',
      },
      201,
    );
    await call(
      app,
      c.gridtwo as string,
      'POST',
      '/api/patrol-entries',
      { gridCode: GRID2, date: day(3), hours: 2, householdsVisited: 6, findings: '检查消防通道' },
      201,
    );
    const dup = await call(
      app,
      c.grid as string,
      'POST',
      '/api/patrol-entries',
      { gridCode: GRID1, date: day(3), hours: 1, householdsVisited: 1, findings: '重复记录' },
      409,
    );
    expect(dup.error.code).toBe('CONFLICT');
    const foreign = await call(
      app,
      c.grid as string,
      'POST',
      '/api/patrol-entries',
      { gridCode: GRID2, date: day(5), hours: 1, householdsVisited: 1, findings: '别人的网格' },
      403,
    );
    expect(foreign.error.code).toBe('FORBIDDEN_SCOPE');
    const future = await call(
      app,
      c.grid as string,
      'POST',
      '/api/patrol-entries',
      { gridCode: GRID1, date: '2999-01-01', hours: 1, householdsVisited: 1, findings: '未来日期' },
      400,
    );
    expect(future.error.message).toContain('不能晚于今天');
    const halfHours = await call(
      app,
      c.grid as string,
      'POST',
      '/api/patrol-entries',
      { gridCode: GRID1, date: day(6), hours: 1.2, householdsVisited: 1, findings: '时长不合规' },
      400,
    );
    expect(halfHours.error.code).toBe('VALIDATION_FAILED');
    const others = await call(
      app,
      c.gridtwo as string,
      'PATCH',
      `/api/patrol-entries/${entryId}`,
      { hours: 8 },
      403,
    );
    expect(others.error.code).toBe('FORBIDDEN');
    const edited = await call(app, c.grid as string, 'PATCH', `/api/patrol-entries/${entryId}`, {
      hours: 4.5,
    });
    expect(edited.hours).toBe(4.5);
    const mine = await call(app, c.grid as string, 'GET', `/api/patrol-entries?month=${lastMonth}`);
    expect(mine.items).toHaveLength(2);
  });

  it('only the community party secretary signs; the signature is audited and covers a hash', async () => {
    const sheet = await call(app, c.street as string, 'GET', `/api/patrol-sheets/${COMMUNITY}/${lastMonth}`);
    expect(sheet).toMatchObject({ status: 'open', signature: null, intact: null });
    expect(sheet.entries).toHaveLength(3);
    expect(sheet.totals).toEqual(
      expect.arrayContaining([{ workerName: '张网格', days: 2, hours: 8, householdsVisited: 20 }]),
    );
    const deputy = await call(
      app,
      c.deputy as string,
      'POST',
      `/api/patrol-sheets/${COMMUNITY}/${lastMonth}/sign`,
      { opinion: '同意' },
      403,
    );
    expect(deputy.error.code).toBe('NOT_PARTY_SECRETARY');
    expect(deputy.error.message).toContain('刘社工');
    const street = await call(
      app,
      c.street as string,
      'POST',
      `/api/patrol-sheets/${COMMUNITY}/${lastMonth}/sign`,
      { opinion: '同意' },
      403,
    );
    expect(street.error.code).toBe('FORBIDDEN');
    const signed = await call(
      app,
      c.community as string,
      'POST',
      `/api/patrol-sheets/${COMMUNITY}/${lastMonth}/sign`,
      { opinion: '情况属实，工作扎实' },
    );
    expect(signed).toMatchObject({
      status: 'signed',
      intact: true,
      signature: { signedBy: '刘社工', title: '社区党委书记', entryCount: 3 },
    });
    const audit = await database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'patrol.sign'), eq(auditLog.districtCode, '110107')));
    expect(audit).toHaveLength(1);
    expect(audit[0]?.details).toMatchObject({
      month: lastMonth,
      entries: 3,
      contentHash: signed.signature.contentHash,
    });
    const again = await call(
      app,
      c.community as string,
      'POST',
      `/api/patrol-sheets/${COMMUNITY}/${lastMonth}/sign`,
      { opinion: '再签' },
      409,
    );
    expect(again.error.code).toBe('PERIOD_SIGNED');
  });

  it('the signed month is frozen: no edit, no delete, no new day, no moving a day into it', async () => {
    const edit = await call(
      app,
      c.grid as string,
      'PATCH',
      `/api/patrol-entries/${entryId}`,
      { hours: 6 },
      409,
    );
    expect(edit.error).toMatchObject({ code: 'PERIOD_SIGNED', details: { month: lastMonth } });
    expect(edit.error.message).toContain('社区党委书记刘社工签署');
    const del = await call(app, c.grid as string, 'DELETE', `/api/patrol-entries/${entryId}`, undefined, 409);
    expect(del.error.code).toBe('PERIOD_SIGNED');
    const add = await call(
      app,
      c.grid as string,
      'POST',
      '/api/patrol-entries',
      { gridCode: GRID1, date: day(7), hours: 2, householdsVisited: 3, findings: '补记一天' },
      409,
    );
    expect(add.error.code).toBe('PERIOD_SIGNED');
    const current = await call(
      app,
      c.grid as string,
      'POST',
      '/api/patrol-entries',
      { gridCode: GRID1, date: today, hours: 2, householdsVisited: 3, findings: '本月的纪实照常填写' },
      201,
    );
    const move = await call(
      app,
      c.grid as string,
      'PATCH',
      `/api/patrol-entries/${current.id}`,
      { date: day(8) },
      409,
    );
    expect(move.error.code).toBe('PERIOD_SIGNED');
    const sheet = await call(
      app,
      c.community as string,
      'GET',
      `/api/patrol-sheets/${COMMUNITY}/${lastMonth}`,
    );
    expect(sheet.entries.find((e: { id: string }) => e.id === entryId).hours).toBe(4.5);
    expect(sheet.intact).toBe(true);
  });

  it("exports the sheet in the paper form's shape, with the opinion and signature", async () => {
    const res = await app.inject({
      url: `/api/patrol-sheets/${COMMUNITY}/${lastMonth}?format=xlsx`,
      headers: { cookie: c.community as string },
    });
    expect(res.statusCode).toBe(200);
    const rows = await readXlsxRows(res.rawPayload);
    expect(rows[0]).toEqual(['网格工作纪实表']);
    expect(rows[1]?.[0]).toContain('社区：玉泉路西社区');
    expect(rows[2]).toEqual([
      '序号',
      '日期',
      '网格',
      '网格员',
      '工作时长（小时）',
      '走访户数',
      '工作内容及发现问题',
    ]);
    expect(rows).toHaveLength(3 + 3 + 4);
    expect(rows.some((r) => r[0] === '社区党委书记意见：情况属实，工作扎实')).toBe(true);
    expect(rows.some((r) => r[0]?.startsWith('签字：刘社工'))).toBe(true);
  });
});
