import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../src/core/audit/tables.ts';
import type { Database } from '../../src/core/db/connection.ts';
import { readXlsxRows } from '../../src/core/export/xlsx.ts';
import type { App } from '../../src/http/server.ts';
import { openTestDatabase } from '../db.ts';
import { buildDemoDistrict, buildTestApp, loginAs, unitByCode } from '../factories.ts';
import { attempt, COMMUNITY, call, STREET } from './helpers.ts';

let database: Database;
let app: App;
const c: Record<string, string> = {};
const CITY_ADMIN = '110107D007'; // 区城市管理委员会: the demo "dept" user's unit
let OTHER_STREET = ''; // the demo street2 user's street
const year = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 4);
const today = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

/** A well-formed (fictitious) ID number: 17 digits + the GB 11643 check character. */
function idNumber(body: string): string {
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body].reduce((s, ch, i) => s + Number(ch) * (w[i] as number), 0);
  return body + '10X98765432'[sum % 11];
}

beforeAll(async () => {
  database = await openTestDatabase();
  await buildDemoDistrict(database);
  ({ app } = await buildTestApp(database));
  for (const u of ['admin', 'community', 'grid', 'street', 'street2', 'dept', 'supervisor'])
    c[u] = await loginAs(app, u);
  const me = await call(app, c.street2 as string, 'GET', '/api/auth/me');
  OTHER_STREET = me.scopePath.split('/').filter(Boolean).pop();
});

describe('在职党员双报到', () => {
  const m: Record<string, string> = {};

  it('a unit registers with its street; another street cannot take it over', async () => {
    expect((await unitByCode(database, OTHER_STREET)).level).toBe('street');
    const r = await call(
      app,
      c.dept as string,
      'POST',
      '/api/participation/party-units',
      {
        unitCode: CITY_ADMIN,
        streetCode: STREET,
        inServiceMembers: 4,
        contactName: '陈承办',
        contactPhone: '13800101234',
      },
      201,
    );
    expect(r).toMatchObject({
      unit: { code: CITY_ADMIN, level: 'department' },
      street: { code: STREET, name: '八宝山街道' },
      inServiceMembers: 4,
      contactName: '陈**',
      contactPhone: '138****1234',
    });
    const steal = await attempt(app, c.street2 as string, 'POST', '/api/participation/party-units', {
      unitCode: CITY_ADMIN,
      streetCode: OTHER_STREET,
      inServiceMembers: 4,
    });
    expect(steal.status).toBe(403);
    expect(steal.body.error).toMatchObject({
      code: 'FORBIDDEN_SCOPE',
      details: { action: 'party_unit.register' },
    });
  });

  it('members register at their home community: validated, one community at a time', async () => {
    const url = '/api/participation/party-members';
    const a = await call(
      app,
      c.community as string,
      'POST',
      url,
      {
        communityCode: COMMUNITY,
        name: '王建华',
        phone: '13911112222',
        idNumber: idNumber('11010719800101301'),
        unitCode: CITY_ADMIN,
        skills: '法律咨询',
      },
      201,
    );
    expect(a).toMatchObject({
      name: '王**',
      phone: '139****2222',
      idNumber: expect.stringMatching(/^1101\*{10}\w{4}$/),
      kind: 'in_service',
      kindName: '在职党员',
      unitCode: CITY_ADMIN,
      workUnit: '北京市石景山区城市管理委员会',
      registeredOn: today(),
    });
    m.a = a.id;
    const b = await call(
      app,
      c.community as string,
      'POST',
      url,
      {
        communityCode: COMMUNITY,
        name: '李红梅',
        unitCode: CITY_ADMIN,
        registeredOn: `${year()}-01-02`,
      },
      201,
    );
    m.b = b.id;
    const retired = await call(
      app,
      c.community as string,
      'POST',
      url,
      {
        communityCode: COMMUNITY,
        name: '刘老党员',
        kind: 'retired',
      },
      201,
    );
    m.retired = retired.id;
    const twice = await attempt(app, c.community as string, 'POST', url, {
      communityCode: COMMUNITY,
      name: '王建华',
      idNumber: idNumber('11010719800101301'),
      kind: 'retired',
    });
    expect(twice.status).toBe(409);
    expect(twice.body.error).toMatchObject({
      code: 'ALREADY_REGISTERED',
      message: expect.stringContaining('玉泉路西社区'),
    });
    const noUnit = await attempt(app, c.community as string, 'POST', url, {
      communityCode: COMMUNITY,
      name: '赵在职',
    });
    expect(noUnit.status).toBe(400);
    expect(noUnit.body.error.code).toBe('VALIDATION_FAILED');
    const badId = await attempt(app, c.community as string, 'POST', url, {
      communityCode: COMMUNITY,
      name: '钱错号',
      kind: 'retired',
      idNumber: '110107198001013010',
    });
    expect(badId.status).toBe(400);
    expect(JSON.stringify(badId.body.error.details)).toContain('身份证号码不正确');
    const outside = await attempt(app, c.street2 as string, 'POST', url, {
      communityCode: COMMUNITY,
      name: '孙越界',
      kind: 'retired',
    });
    expect(outside.status).toBe(403);
    expect(outside.body.error.code).toBe('FORBIDDEN_SCOPE');
  });

  it('lists are masked and scoped: the unit sees its own members, another street nothing here', async () => {
    const own = await call(app, c.dept as string, 'GET', '/api/participation/party-members');
    expect(own.items.map((x: { id: string }) => x.id).sort()).toEqual([m.a, m.b].sort());
    const community = await call(
      app,
      c.community as string,
      'GET',
      `/api/participation/party-members?communityCode=${COMMUNITY}`,
    );
    expect(community.items.length).toBeGreaterThanOrEqual(6); // 3 demo members + 3 here
    expect(community.items.every((x: { name: string }) => x.name.includes('*'))).toBe(true);
    const other = await attempt(
      app,
      c.street2 as string,
      'GET',
      `/api/participation/party-members?communityCode=${COMMUNITY}`,
    );
    expect(other.status).toBe(403);
    expect(other.body.error.code).toBe('FORBIDDEN_SCOPE');
    const xlsx = await app.inject({
      method: 'GET',
      url: `/api/participation/party-members?communityCode=${COMMUNITY}&format=xlsx`,
      headers: { cookie: c.community as string },
    });
    const rows = await readXlsxRows(xlsx.rawPayload);
    expect(rows[0]).toEqual(['党员到社区报到花名册']);
    const row = rows.find((r) => r.includes('王**'));
    expect(row).toEqual(expect.arrayContaining(['139****2222', '在职党员']));
    expect(rows.flat().join()).not.toContain('王建华');
  });

  it('full personal data only for the community’s staff, with a reason, audited', async () => {
    const url = `/api/participation/party-members/${m.a}/reveal`;
    const dept = await attempt(app, c.dept as string, 'POST', url, { reason: '核对' });
    expect(dept.status).toBe(403);
    expect(dept.body.error).toMatchObject({ code: 'FORBIDDEN', details: { action: 'participation.reveal' } });
    const noReason = await attempt(app, c.community as string, 'POST', url, {});
    expect(noReason.status).toBe(400);
    const full = await call(app, c.community as string, 'POST', url, { reason: '联系党员认领微心愿' });
    expect(full).toEqual({ name: '王建华', phone: '13911112222', idNumber: idNumber('11010719800101301') });
    const rows = await database.db
      .select()
      .from(auditLog)
      .where(
        and(eq(auditLog.action, 'participation.reveal_personal_data'), eq(auditLog.targetId, m.a as string)),
      );
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ actorLabel: 'community', details: { reason: '联系党员认领微心愿' } });
  });

  it('service records: the unit records, the community confirms once; hours then count', async () => {
    const url = `/api/participation/party-members/${m.b}/services`;
    const early = await attempt(app, c.dept as string, 'POST', url, {
      title: '报到前的服务',
      servedOn: `${Number(year()) - 1}-12-01`,
      hours: 2,
    });
    expect(early.status).toBe(400);
    expect(early.body.error.message).toContain('报到期间');
    const s = await call(
      app,
      c.dept as string,
      'POST',
      url,
      { title: '社区环境整治', kind: 'environment', servedOn: today(), hours: 2.5 },
      201,
    );
    expect(s).toMatchObject({ status: 'pending', kindName: '环境整治', hours: 2.5 });
    const pending = await call(
      app,
      c.community as string,
      'GET',
      '/api/participation/party-member-services?status=pending',
    );
    expect(pending.items.find((x: { id: string }) => x.id === s.id)).toMatchObject({
      person: { name: '李**' },
    });
    const byUnit = await attempt(
      app,
      c.dept as string,
      'POST',
      `/api/participation/party-member-services/${s.id}/review`,
      { confirm: true },
    );
    expect(byUnit.status).toBe(403);
    expect(byUnit.body.error.code).toBe('FORBIDDEN');
    const ok = await call(
      app,
      c.community as string,
      'POST',
      `/api/participation/party-member-services/${s.id}/review`,
      { confirm: true },
    );
    expect(ok).toMatchObject({ status: 'confirmed', reviewedBy: '刘社工' });
    const twice = await attempt(
      app,
      c.community as string,
      'POST',
      `/api/participation/party-member-services/${s.id}/review`,
      {
        confirm: false,
        note: '重复',
      },
    );
    expect(twice.status).toBe(409);
    expect(twice.body.error).toMatchObject({
      code: 'ILLEGAL_TRANSITION',
      message: expect.stringContaining('已确认'),
    });
  });

  describe('社区吹哨、党员报到: a community whistle summons registered members and records their check-ins', () => {
    let whistle: { id: string; summons: { id: string; name: string; kind: string }[] };

    it('the whistle seam lists the 双报到 members alongside the older registry', async () => {
      const list = await call(app, c.community as string, 'GET', '/api/party-members');
      const ids = list.items.map((x: { id: string }) => x.id);
      expect(ids).toEqual(expect.arrayContaining([m.a, m.b, m.retired]));
    });

    it('the community blows the whistle summoning two members', async () => {
      whistle = await call(
        app,
        c.community as string,
        'POST',
        '/api/whistles',
        {
          title: '暴雨后小区积水排查',
          description: '暴雨后3号院地下车库入口积水，需党员协助疏导车辆、排查隐患',
          reportWithinHours: 2,
          actWithinWorkingDays: 1,
          summons: [{ partyMemberId: m.a }, { partyMemberId: m.b }],
        },
        201,
      );
      expect(whistle).toMatchObject({ level: 'community', status: 'summoning' });
      expect(whistle.summons.map((s) => [s.kind, s.name])).toEqual([
        ['party_member', '王建华'],
        ['party_member', '李红梅'],
      ]);
    });

    it('a check-in is recorded (by the community on the member’s behalf); the same member twice is refused', async () => {
      const summons = whistle.summons[0]?.id as string;
      const d = await call(app, c.community as string, 'POST', `/api/whistles/${whistle.id}/actions`, {
        kind: 'check_in',
        summonsId: summons,
        note: '已到车库入口疏导',
      });
      expect(d.status).toBe('acting');
      const twice = await attempt(app, c.community as string, 'POST', `/api/whistles/${whistle.id}/actions`, {
        kind: 'check_in',
        summonsId: summons,
      });
      expect(twice.status).toBe(409);
      expect(twice.body.error.code).toBe('ILLEGAL_TRANSITION');
    });

    it('the member’s record shows the whistle and the check-in', async () => {
      const a = await call(app, c.community as string, 'GET', `/api/participation/party-members/${m.a}`);
      expect(a.whistles).toEqual([
        { whistleId: whistle.id, blownAt: expect.any(String), checkedInAt: expect.any(String), late: false },
      ]);
      const b = await call(app, c.community as string, 'GET', `/api/participation/party-members/${m.b}`);
      expect(b.whistles[0]).toMatchObject({ checkedInAt: null });
    });

    it('the unit’s report-in rate: registered ÷ declared, serving, hours, whistle check-ins', async () => {
      const body = await call(
        app,
        c.street as string,
        'GET',
        `/api/participation/party-units/report-in?period=${year()}`,
      );
      const row = body.items.find((x: { unit: { code: string } }) => x.unit.code === CITY_ADMIN);
      expect(row).toMatchObject({
        declared: 4,
        registered: 2,
        reportInRate: 0.5,
        serving: 1,
        serviceRate: 0.5,
        confirmedHours: 2.5,
        whistleSummoned: 2,
        whistleCheckedIn: 1,
      });
      const dept = await call(
        app,
        c.dept as string,
        'GET',
        `/api/participation/party-units/report-in?period=${year()}`,
      );
      expect(dept.items.map((x: { unit: { code: string } }) => x.unit.code)).toEqual([CITY_ADMIN]);
      const lugu = await call(
        app,
        c.street2 as string,
        'GET',
        `/api/participation/party-units/report-in?period=${year()}`,
      );
      expect(lugu.items).toEqual([]);
      const xlsx = await app.inject({
        method: 'GET',
        url: `/api/participation/party-units/report-in?period=${year()}&format=xlsx`,
        headers: { cookie: c.supervisor as string },
      });
      const rows = await readXlsxRows(xlsx.rawPayload);
      expect(rows.find((r) => r.includes('北京市石景山区城市管理委员会'))).toEqual(
        expect.arrayContaining(['50.0%', '2.5', '2/1']),
      );
    });

    it('a member who leaves is no longer counted, nor summonable', async () => {
      const left = await call(
        app,
        c.community as string,
        'POST',
        `/api/participation/party-members/${m.b}/deregister`,
        {
          reason: '工作调动，转至外区',
        },
      );
      expect(left).toMatchObject({ active: false, leftOn: today() });
      const again = await attempt(
        app,
        c.community as string,
        'POST',
        `/api/participation/party-members/${m.b}/deregister`,
        {
          reason: '再次转出',
        },
      );
      expect(again.status).toBe(409);
      const body = await call(
        app,
        c.street as string,
        'GET',
        `/api/participation/party-units/report-in?period=${year()}`,
      );
      expect(body.items.find((x: { unit: { code: string } }) => x.unit.code === CITY_ADMIN)).toMatchObject({
        registered: 1,
        reportInRate: 0.25,
      });
      const summon = await attempt(app, c.community as string, 'POST', '/api/whistles', {
        title: '楼道堆物清理',
        description: '楼道堆放杂物存在消防隐患，需党员协助劝导清理',
        reportWithinHours: 2,
        actWithinWorkingDays: 1,
        summons: [{ partyMemberId: m.b }],
      });
      expect(summon.status).toBe(404);
      expect(summon.body.error.code).toBe('NOT_FOUND');
    });
  });
});
