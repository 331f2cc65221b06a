import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../src/core/audit/tables.ts';
import type { Database } from '../../src/core/db/connection.ts';
import { readXlsxRows } from '../../src/core/export/xlsx.ts';
import { monthRange } from '../../src/grid-work/model.ts';
import type { App } from '../../src/http/server.ts';
import { whistleMeasuresByBlower, whistleMeasuresByUnit } from '../../src/whistles/whistle-stats.ts';
import { openTestDatabase } from '../db.ts';
import { buildDemoDistrict, buildTestApp, loginAs } from '../factories.ts';
import { addStaff, call, pngBytes, tempFilesDir, thisMonth, upload } from '../grid-work/helpers.ts';

let database: Database;
let app: App;
const c: Record<string, string> = {};
const CITY_ADMIN = '110107D007'; // 区城市管理委员会 (demo user "dept")
const POLICE = '110107D010-001'; // 八宝山派出所
const ENFORCEMENT = '110107D009-001'; // 八宝山综合执法队
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeAll(async () => {
  database = await openTestDatabase({ demo: true });
  await buildDemoDistrict(database);
  await addStaff(database, 'police', POLICE, 'dept_handler', '八宝山派出所值班员');
  await addStaff(database, 'enforcer', ENFORCEMENT, 'dept_handler', '执法队员');
  ({ app } = await buildTestApp(database, { filesDir: tempFilesDir() }));
  for (const u of ['street', 'street2', 'dept', 'police', 'enforcer', 'community', 'supervisor', 'grid'])
    c[u] = await loginAs(app, u);
});

describe('a street whistle with three summoned units: one on time, one late, one never comes', () => {
  let w: { id: string; summons: { id: string; code: string; name: string }[] };
  const summonsOf = (code: string) => w.summons.find((s) => s.code === code)?.id as string;
  const act = (who: string, body: unknown, expected = 200) =>
    call(app, c[who] as string, 'POST', `/api/whistles/${w.id}/actions`, body, expected);

  it('八宝山街道 blows: three units summoned, a report deadline and an act deadline', async () => {
    w = await call(
      app,
      c.street as string,
      'POST',
      '/api/whistles',
      {
        title: '鲁谷路地下通道积水',
        description: '暴雨后地下通道积水约半米，行人无法通行，需排水、疏导交通并查处占道',
        address: '八宝山街道鲁谷路地下通道',
        reportDueAt: new Date(Date.now() + 2500).toISOString(),
        actWithinWorkingDays: 2,
        summons: [{ unitCode: CITY_ADMIN }, { unitCode: POLICE }, { unitCode: ENFORCEMENT }],
      },
      201,
    );
    expect(w).toMatchObject({
      level: 'street',
      blower: '八宝山街道',
      status: 'summoning',
      statusName: '待报到',
    });
    expect(w.summons.map((s) => s.name)).toEqual([
      '北京市石景山区城市管理委员会',
      '北京市公安局石景山分局八宝山派出所',
      '八宝山综合执法队',
    ]);
  });

  it('区城管委 checks in at once (on time); nobody checks in for another unit', async () => {
    const d = await act('dept', { kind: 'check_in', summonsId: summonsOf(CITY_ADMIN), note: '已到现场' });
    expect(d.status).toBe('acting');
    expect(d.summons[0]).toMatchObject({ late: false, noShow: false });
    expect(d.respondFor).toEqual([summonsOf(CITY_ADMIN)]);
    const other = await act('police', { kind: 'check_in', summonsId: summonsOf(CITY_ADMIN) }, 403);
    expect(other.error).toMatchObject({ code: 'FORBIDDEN_SCOPE', details: { action: 'whistle.respond' } });
    const twice = await act('dept', { kind: 'check_in', summonsId: summonsOf(CITY_ADMIN) }, 409);
    expect(twice.error.code).toBe('ILLEGAL_TRANSITION');
    expect(twice.error.message).toContain('已报到');
  });

  it('acting before checking in is refused; another street cannot even see the whistle', async () => {
    const early = await act(
      'enforcer',
      { kind: 'record_action', summonsId: summonsOf(ENFORCEMENT), text: '已派人' },
      409,
    );
    expect(early.error).toMatchObject({ code: 'ILLEGAL_TRANSITION' });
    expect(early.error.message).toContain('尚未报到');
    const res = await app.inject({ url: `/api/whistles/${w.id}`, headers: { cookie: c.street2 as string } });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('FORBIDDEN_SCOPE');
    const list = await call(app, c.street2 as string, 'GET', '/api/whistles');
    expect(list.items.map((x: { id: string }) => x.id)).not.toContain(w.id);
  });

  it('派出所 checks in after the report deadline: flagged late', async () => {
    await sleep(
      Math.max(
        0,
        new Date(
          (await call(app, c.street as string, 'GET', `/api/whistles/${w.id}`)).reportDueAt,
        ).getTime() -
          Date.now() +
          150,
      ),
    );
    const d = await act('police', { kind: 'check_in', summonsId: summonsOf(POLICE) });
    const police = d.summons.find((s: { code: string }) => s.code === POLICE);
    expect(police).toMatchObject({ late: true, noShow: false });
    const enforcement = d.summons.find((s: { code: string }) => s.code === ENFORCEMENT);
    expect(enforcement).toMatchObject({ checkedInAt: null, noShow: true });
  });

  it('区城管委 records its action with a photo', async () => {
    const photo = await upload(app, c.dept as string, pngBytes('whistle'));
    expect(photo.statusCode).toBe(201);
    const d = await act('dept', {
      kind: 'record_action',
      summonsId: summonsOf(CITY_ADMIN),
      text: '调来两台抽水泵排水，两小时后通道恢复通行',
      evidence: [photo.json().id],
    });
    expect(d.summons[0].actionCount).toBe(1);
    expect(d.steps.at(-1)).toMatchObject({ type: 'action_recorded', name: '记录处置' });
    // The photo is now part of the whistle: the street that blew it can open it.
    const file = await app.inject({
      url: `/api/files/${photo.json().id}`,
      headers: { cookie: c.street as string },
    });
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('image/png');
  });

  it('only the street closes it, and only with a rating for every unit (the no-show too)', async () => {
    const dept = await act('dept', { kind: 'close', summary: '已处置', ratings: [] }, 400);
    expect(dept.error.code).toBe('VALIDATION_FAILED');
    const byDept = await act(
      'dept',
      { kind: 'close', summary: '已处置', ratings: [{ summonsId: summonsOf(CITY_ADMIN), score: 100 }] },
      403,
    );
    expect(byDept.error.code).toBe('FORBIDDEN');
    const partial = await act(
      'street',
      {
        kind: 'close',
        summary: '积水已排除',
        ratings: [
          { summonsId: summonsOf(CITY_ADMIN), score: 95 },
          { summonsId: summonsOf(POLICE), score: 70 },
        ],
      },
      422,
    );
    expect(partial.error).toMatchObject({
      code: 'RATINGS_INCOMPLETE',
      details: { missing: [summonsOf(ENFORCEMENT)] },
    });
    expect(partial.error.message).toContain('八宝山综合执法队');
    const closed = await act('street', {
      kind: 'close',
      summary: '积水已排除，通道恢复通行',
      ratings: [
        { summonsId: summonsOf(CITY_ADMIN), score: 95, comment: '响应迅速' },
        { summonsId: summonsOf(POLICE), score: 70, comment: '迟到' },
        { summonsId: summonsOf(ENFORCEMENT), score: 0, comment: '未报到' },
      ],
    });
    expect(closed).toMatchObject({ status: 'closed', statusName: '已结束', allowedActions: [] });
    expect(closed.summons.map((s: { rating: { score: number } }) => s.rating.score)).toEqual([95, 70, 0]);
    const late = await act('enforcer', { kind: 'check_in', summonsId: summonsOf(ENFORCEMENT) }, 409);
    expect(late.error.code).toBe('ILLEGAL_TRANSITION');
    const audited = await database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.targetId, w.id), eq(auditLog.action, 'whistle.close')));
    expect(audited).toHaveLength(1);
  });

  it('both sides are measured per period: on-time rates and ratings, blowers by closure', async () => {
    const period = thisMonth();
    const units = await call(
      app,
      c.supervisor as string,
      'GET',
      `/api/whistles/measures/units?period=${period}`,
    );
    const row = (code: string) => units.items.find((r: { unit: { code: string } }) => r.unit.code === code);
    expect(row(CITY_ADMIN)).toMatchObject({
      summoned: 1,
      onTime: 1,
      late: 0,
      noShow: 0,
      onTimeRate: 1,
      averageScore: 95,
    });
    expect(row(POLICE)).toMatchObject({ summoned: 1, onTime: 0, late: 1, onTimeRate: 0, averageScore: 70 });
    expect(row(ENFORCEMENT)).toMatchObject({
      summoned: 1,
      checkedIn: 0,
      noShow: 1,
      onTimeRate: 0,
      averageScore: 0,
    });
    // Rolled up to the district departments the stationed units belong to.
    const depts = await call(
      app,
      c.dept as string,
      'GET',
      `/api/whistles/measures/units?period=${period}&groupBy=department`,
    );
    expect(depts.items.map((r: { unit: { code: string } }) => r.unit.code).sort()).toEqual([
      '110107D007',
      '110107D009',
      '110107D010',
    ]);
    const blowers = await call(
      app,
      c.supervisor as string,
      'GET',
      `/api/whistles/measures/blowers?period=${period}`,
    );
    expect(blowers.items[0]).toMatchObject({
      unit: { name: '八宝山街道', level: 'street' },
      blown: 1,
      closed: 1,
      closedOnTime: 1,
    });
    // The store functions the assessment will call give the same figures.
    const direct = await whistleMeasuresByUnit(database.db, {
      districtCode: '110107',
      ...monthRange(period),
    });
    expect(direct.find((r) => r.unit.code === POLICE)?.late).toBe(1);
    expect(
      (await whistleMeasuresByBlower(database.db, { districtCode: '110107', ...monthRange(period) }))[0]
        ?.blown,
    ).toBe(1);
    const xlsx = await app.inject({
      url: `/api/whistles/measures/units?period=${period}&format=xlsx`,
      headers: { cookie: c.supervisor as string },
    });
    const rows = await readXlsxRows(xlsx.rawPayload);
    expect(rows[0]).toEqual(['吹哨报到单位报到及评价情况']);
    expect(rows.some((r) => r[0] === '八宝山综合执法队' && r[4] === '1')).toBe(true);
    const community = await app.inject({
      url: '/api/whistles/measures/units',
      headers: { cookie: c.community as string },
    });
    expect(community.statusCode).toBe(403);
    expect(community.json().error.code).toBe('FORBIDDEN');
  });
});

describe('社区吹哨、党员报到', () => {
  it('a community summons its registered party members, not district departments', async () => {
    const members = await call(app, c.community as string, 'GET', '/api/party-members');
    expect(members.items.length).toBeGreaterThanOrEqual(3);
    expect(members.items[0]).toMatchObject({ hasAccount: false });
    const dept = await call(
      app,
      c.community as string,
      'POST',
      '/api/whistles',
      {
        title: '楼道堆物清理',
        description: '3号楼楼道堆物严重，组织党员志愿清理',
        reportWithinHours: 24,
        actWithinWorkingDays: 3,
        summons: [{ unitCode: CITY_ADMIN }],
      },
      400,
    );
    expect(dept.error.code).toBe('VALIDATION_FAILED');
    expect(dept.error.message).toContain('社区吹哨不能召集');
    const w = await call(
      app,
      c.community as string,
      'POST',
      '/api/whistles',
      {
        title: '楼道堆物清理',
        description: '3号楼楼道堆物严重，组织党员志愿清理',
        reportWithinHours: 24,
        actWithinWorkingDays: 3,
        summons: members.items.slice(0, 2).map((m: { id: string }) => ({ partyMemberId: m.id })),
      },
      201,
    );
    expect(w).toMatchObject({ level: 'community', blower: '玉泉路西社区' });
    expect(w.summons.every((s: { kind: string }) => s.kind === 'party_member')).toBe(true);
    // Members without an account: the community records their check-in on their behalf.
    const d = await call(app, c.community as string, 'POST', `/api/whistles/${w.id}/actions`, {
      kind: 'check_in',
      summonsId: w.summons[0].id,
    });
    expect(d.steps.at(-1).data).toMatchObject({ onBehalf: true });
    const street = await call(
      app,
      c.street as string,
      'POST',
      '/api/whistles',
      {
        title: '街道召集党员',
        description: '街道不能直接召集社区党员报到',
        reportWithinHours: 2,
        actWithinWorkingDays: 1,
        summons: [{ partyMemberId: members.items[2].id }],
      },
      400,
    );
    expect(street.error.message).toContain('党员报到由社区吹哨召集');
  });

  it('a whistle nobody answered yet can be cancelled; a grid worker cannot blow one', async () => {
    const w = await call(
      app,
      c.street as string,
      'POST',
      '/api/whistles',
      {
        title: '违建拆除协调',
        description: '某小区顶层违建需多部门联合处置',
        reportWithinHours: 4,
        actWithinWorkingDays: 5,
        summons: [{ unitCode: ENFORCEMENT }],
      },
      201,
    );
    const cancelled = await call(app, c.street as string, 'POST', `/api/whistles/${w.id}/actions`, {
      kind: 'cancel',
      reason: '当事人已自行拆除',
    });
    expect(cancelled.status).toBe('cancelled');
    const again = await call(
      app,
      c.street as string,
      'POST',
      `/api/whistles/${w.id}/actions`,
      { kind: 'cancel', reason: '重复' },
      409,
    );
    expect(again.error).toMatchObject({
      code: 'ILLEGAL_TRANSITION',
      details: { status: 'cancelled', step: 'cancelled' },
    });
    const summoned = await call(app, c.enforcer as string, 'GET', '/api/whistles?side=summoned');
    expect(summoned.items.map((x: { id: string }) => x.id)).toContain(w.id);
    const grid = await call(
      app,
      c.grid as string,
      'POST',
      '/api/whistles',
      {
        title: '网格员吹哨',
        description: '网格员不能吹哨召集部门',
        reportWithinHours: 1,
        actWithinWorkingDays: 1,
        summons: [{ unitCode: POLICE }],
      },
      403,
    );
    expect(grid.error.code).toBe('FORBIDDEN');
    const past = await call(
      app,
      c.street as string,
      'POST',
      '/api/whistles',
      {
        title: '过期时限',
        description: '报到时限不能早于现在',
        reportDueAt: '2020-01-01T00:00:00+08:00',
        actWithinWorkingDays: 1,
        summons: [{ unitCode: POLICE }],
      },
      400,
    );
    expect(past.error.message).toContain('报到时限须晚于现在');
  });
});
