import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../src/core/audit/tables.ts';
import type { Database } from '../../src/core/db/connection.ts';
import { readXlsxRows } from '../../src/core/export/xlsx.ts';
import type { App } from '../../src/http/server.ts';
import { openTestDatabase } from '../db.ts';
import { buildDemoDistrict, buildTestApp, loginAs } from '../factories.ts';

let database: Database;
let app: App;
const cookies: Record<string, string> = {};
beforeAll(async () => {
  database = await openTestDatabase({ demo: true });
  await buildDemoDistrict(database);
  ({ app } = await buildTestApp(database));
  for (const u of ['admin', 'street', 'street2', 'hotline', 'community']) cookies[u] = await loginAs(app, u);
});

type Method = 'GET' | 'PUT' | 'POST' | 'DELETE';
const call = (user: string, method: Method, url: string, payload?: object) =>
  app.inject({
    method,
    url,
    headers: { cookie: cookies[user] ?? '' },
    ...(payload === undefined ? {} : { payload }),
  });

const auditRows = (action: string) =>
  database.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.districtCode, '110107'), eq(auditLog.action, action)));

const XQ = 'yinchuan-xingqing-2018';
const BABAOSHAN = '110107001000';
const LUGU = '110107011000';

describe('profiles and activation', () => {
  it('lists the five presets with the active one marked', async () => {
    const res = await call('community', 'GET', '/api/policy/profiles');
    expect(res.statusCode).toBe(200);
    const items = res.json().items as { id: string; active: boolean }[];
    expect(items.map((p) => p.id).sort()).toEqual(
      ['beijing-shijingshan-2019', 'generic', 'nanjing-2014', 'xiangyang-2020', XQ].sort(),
    );
    expect(items.filter((p) => p.active).map((p) => p.id)).toEqual(['generic']);
  });

  it('only a district admin may switch the profile (403 FORBIDDEN, audited)', async () => {
    const res = await call('street', 'PUT', '/api/policy/active', { profileId: XQ });
    expect(res.statusCode).toBe(403);
    expect(res.json().error).toMatchObject({ code: 'FORBIDDEN', details: { action: 'policy.activate' } });
  });

  it('refuses an unknown profile with NOT_FOUND naming the known ones', async () => {
    const res = await call('admin', 'PUT', '/api/policy/active', { profileId: 'shanghai-2030' });
    expect(res.statusCode).toBe(404);
    expect(res.json().error).toMatchObject({
      code: 'NOT_FOUND',
      message: '未知的政策配置：shanghai-2030 (unknown policy profile)',
      details: { known: expect.arrayContaining([XQ]) },
    });
  });

  it('switches to 兴庆区 2018, audited with before and after, and every rule names its source', async () => {
    const res = await call('admin', 'PUT', '/api/policy/active', { profileId: XQ, reason: '区委常委会决定' });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.profileId).toBe(XQ);
    const rule = (key: string) => body.rules.find((r: { key: string }) => r.key === key);
    expect(rule('staffing.twoCommitteesByHouseholds')).toMatchObject({
      profileId: XQ,
      fellBackToGeneric: false,
    });
    expect(rule('staffing.communitySizeReview')).toMatchObject({
      profileId: 'generic',
      fellBackToGeneric: true,
    });
    const [audit] = await auditRows('policy.activate');
    expect(audit?.details).toMatchObject({ before: 'generic', after: XQ, reason: '区委常委会决定' });
    expect(audit?.actorLabel).toBe('admin');
  });
});

describe('single-rule overrides', () => {
  const gridRule = {
    householdsPerWorker: 400,
    reducedHouseholdsPerWorker: 250,
    reducedWhenAnyFlag: ['old_compound', 'elderly'],
    twoCommitteeMembersServe: true,
  };

  it('refuses an override without its approving document', async () => {
    const res = await call('admin', 'PUT', '/api/policy/overrides/staffing.gridWorkerHouseholds', {
      value: gridRule,
      source: '  ',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({
      code: 'VALIDATION_FAILED',
      message: expect.stringContaining('政策规则覆盖无效'),
      details: { issues: [expect.objectContaining({ message: '缺少政策依据 (source citation required)' })] },
    });
  });

  it('refuses a value that breaks the rule’s schema, and an unknown rule', async () => {
    const bad = await call('admin', 'PUT', '/api/policy/overrides/staffing.gridWorkerHouseholds', {
      value: { ...gridRule, householdsPerWorker: -5 },
      source: '某文件',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('VALIDATION_FAILED');
    const unknown = await call('admin', 'PUT', '/api/policy/overrides/staffing.unicorns', {
      value: 1,
      source: 'x',
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error).toMatchObject({
      code: 'VALIDATION_FAILED',
      message: '未知的政策规则：staffing.unicorns (unknown policy rule)',
    });
  });

  it('a street dispatcher may not override (403)', async () => {
    const res = await call('street', 'PUT', '/api/policy/overrides/staffing.gridWorkerHouseholds', {
      value: gridRule,
      source: '某文件',
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('FORBIDDEN');
  });

  it('stores a cited override, audits it, and computations then cite the district’s document', async () => {
    const source = '石景山区网格化服务管理办法（石政办发〔2024〕3号）';
    const res = await call('admin', 'PUT', '/api/policy/overrides/staffing.gridWorkerHouseholds', {
      value: gridRule,
      source,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      key: 'staffing.gridWorkerHouseholds',
      overridden: true,
      source,
      profileId: XQ,
    });
    const [audit] = await auditRows('policy.override.set');
    expect(audit?.details).toMatchObject({ before: null, after: { source, value: gridRule } });

    const staffing = await call('community', 'GET', '/api/policy/staffing?households=1000&flags=elderly');
    expect(staffing.statusCode).toBe(200);
    expect(staffing.json().gridWorkersRequired).toMatchObject({
      value: 4,
      householdsPerWorker: 250,
      overridden: true,
      source,
      override: { by: 'admin' },
    });
    // An explicit preset computes from the preset alone.
    const preset = await call(
      'community',
      'GET',
      `/api/policy/staffing?profile=${XQ}&households=1000&flags=elderly`,
    );
    expect(preset.json().gridWorkersRequired).toMatchObject({
      value: 4,
      householdsPerWorker: 300,
      overridden: false,
    });

    const active = await call('hotline', 'GET', '/api/policy/active');
    expect(active.json().overrides).toEqual([
      expect.objectContaining({ ruleKey: 'staffing.gridWorkerHouseholds', source, setBy: 'admin' }),
    ]);
  });

  it('removes the override (audited) so the profile applies again; removing twice is NOT_FOUND', async () => {
    const res = await call(
      'admin',
      'DELETE',
      '/api/policy/overrides/staffing.gridWorkerHouseholds?reason=试点结束',
    );
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      overridden: false,
      profileId: XQ,
      value: { householdsPerWorker: 500 },
    });
    const [audit] = await auditRows('policy.override.remove');
    expect(audit?.details).toMatchObject({ reason: '试点结束', before: { value: gridRule } });
    const again = await call('admin', 'DELETE', '/api/policy/overrides/staffing.gridWorkerHouseholds');
    expect(again.statusCode).toBe(404);
    expect(again.json().error.code).toBe('NOT_FOUND');
  });
});

describe('staffing and funding computations over HTTP', () => {
  it('computes staffing from the active profile, naming each source', async () => {
    const res = await call(
      'street',
      'GET',
      '/api/policy/staffing?households=5001&flags=commercial&partyMembers=101',
    );
    expect(res.statusCode).toBe(200);
    const r = res.json();
    expect(r).toMatchObject({
      profileId: XQ,
      twoCommittees: { value: 9, fellBackToGeneric: false },
      gridWorkersRequired: { value: 17, householdsPerWorker: 300 },
      partyOrganisation: { type: '党委', committeeSize: { min: 7, max: 11, oddOnly: true } },
      serviceStationStaffCap: { value: 4 },
      sizeReview: { flag: 'large', profileId: 'generic', fellBackToGeneric: true },
    });
    expect(r.twoCommittees.source).toMatch(/^XQ 三\(四\)2/);
  });

  it('computes funding, and rejects bad input with the error body', async () => {
    const res = await call(
      'street',
      'GET',
      `/api/policy/funding?households=4200&partyOrg=${encodeURIComponent('党委')}&partyMembers=150`,
    );
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      communityWorkingFunds: { yuan: 130_000 },
      partyBuildingFunds: { yuan: 60_000 },
      totalYuan: 190_000,
    });
    const flag = await call('street', 'GET', '/api/policy/staffing?households=10&flags=villa');
    expect(flag.statusCode).toBe(400);
    expect(flag.json().error).toMatchObject({
      code: 'VALIDATION_FAILED',
      message: '人员配备计算参数无效 (invalid staffing input)',
    });
    const neg = await call('street', 'GET', '/api/policy/funding?households=-1&partyOrg=党委&partyMembers=1');
    expect(neg.statusCode).toBe(400);
    expect(neg.json().error.code).toBe('VALIDATION_FAILED');
  });
});

describe('district report: required vs actual, per community', () => {
  it('covers all 153 communities, counting grid workers from users', async () => {
    const res = await call('admin', 'GET', '/api/policy/district-report');
    expect(res.statusCode).toBe(200);
    const report = res.json();
    expect(report.profileId).toBe(XQ);
    expect(report.rows).toHaveLength(153);
    expect(report.rules.find((r: { key: string }) => r.key === 'funding.partyBuilding').source).toMatch(
      /^XQ 五\(二\)/,
    );
    // The demo has one grid worker (张网格), in a grid of 八宝山街道's first community.
    expect(report.totals.gridWorkersActual).toBe(1);
    const withWorker = report.rows.filter((r: { gridWorkersActual: number }) => r.gridWorkersActual === 1);
    expect(withWorker).toHaveLength(1);
    expect(withWorker[0].streetCode).toBe(BABAOSHAN);
    for (const r of report.rows) {
      expect(r.gridWorkersGap).toBe(r.gridWorkersActual - r.gridWorkersRequired);
      expect(r.issues[0]).toMatch(/^网格员缺\d+人/);
    }
  });

  it('a second grid worker in a community raises its actual count', async () => {
    const target = (await call('admin', 'GET', '/api/policy/district-report')).json().rows[5];
    const res = await call('admin', 'POST', '/api/users', {
      username: 'grid2',
      displayName: '王网格',
      unitCode: target.code,
      roles: ['grid_worker'],
      password: 'Grid-worker-2026',
    });
    expect(res.statusCode, res.body).toBe(201);
    const after = (await call('admin', 'GET', '/api/policy/district-report')).json();
    expect(after.rows.find((r: { code: string }) => r.code === target.code).gridWorkersActual).toBe(
      target.gridWorkersActual + 1,
    );
  });

  it('records actual facts (audited) and reports the gaps with the expected figures', async () => {
    const report = (await call('admin', 'GET', '/api/policy/district-report?street=110107001000')).json();
    const row = report.rows.find((r: { households: number | null }) => (r.households ?? 0) >= 1000);
    const year = report.year;
    const res = await call('street', 'PUT', `/api/policy/communities/${row.code}/facts`, {
      year,
      twoCommitteeMembers: 3,
      serviceStationStaff: 6,
      partyOrg: '党支部',
      partyMembers: 120,
      workingFundsYuan: 10_000,
      partyBuildingFundsYuan: 10_000,
    });
    expect(res.statusCode, res.body).toBe(200);
    const audit = (await auditRows('policy.community_facts.record')).at(-1);
    expect(audit).toMatchObject({ actorLabel: 'street', targetId: row.code });
    const after = (
      await call('street', 'GET', `/api/policy/district-report?street=${BABAOSHAN}&year=${year}`)
    ).json();
    const line = after.rows.find((r: { code: string }) => r.code === row.code);
    expect(line).toMatchObject({
      partyOrgExpected: '党委',
      partyOrgActual: '党支部',
      // 党支部 base 20 000 + 20 × 200.
      partyBuildingFundsRequired: 24_000,
      serviceStationStaffActual: 6,
    });
    expect(line.issues).toEqual(
      expect.arrayContaining(['服务站工作人员6人，超过上限4人', '党组织应为党委，现为党支部']),
    );
    expect(line.fundingGap).toBe(20_000 - line.fundingRequiredTotal);
  });

  it('keeps a street dispatcher inside its street', async () => {
    const own = await call('street', 'GET', '/api/policy/district-report');
    expect(own.statusCode).toBe(200);
    expect(own.json().rows.every((r: { streetCode: string }) => r.streetCode === BABAOSHAN)).toBe(true);
    const other = await call('street', 'GET', `/api/policy/district-report?street=${LUGU}`);
    expect(other.statusCode).toBe(403);
    expect(other.json().error).toMatchObject({
      code: 'FORBIDDEN_SCOPE',
      details: { action: 'policy.report' },
    });
    const facts = await call('street', 'PUT', '/api/policy/communities/110107011001/facts', {
      year: 2026,
      partyMembers: 5,
    });
    expect(facts.statusCode).toBe(403);
    expect(facts.json().error.code).toBe('FORBIDDEN_SCOPE');
    const hotline = await call('hotline', 'GET', '/api/policy/district-report');
    expect(hotline.statusCode).toBe(403);
    expect(hotline.json().error.code).toBe('FORBIDDEN');
  });

  it('exports the report as Excel with one line per community and the sources underneath', async () => {
    const res = await call('admin', 'GET', '/api/policy/district-report.xlsx');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const rows = await readXlsxRows(res.rawPayload);
    expect(rows[0]?.[0]).toMatch(/^社区人员配备与经费测算表（\d{4}年）$/);
    const header = rows.findIndex((r) => r[0] === '街道');
    expect(rows[header]).toEqual(expect.arrayContaining(['网格员应配', '网格员实有', '党建经费应拨(元)']));
    expect(rows.filter((r) => /^110107\d{6}$/.test(r[2] ?? ''))).toHaveLength(153);
    expect(rows.some((r) => (r[0] ?? '').startsWith('“两委”成员职数：XQ 三(四)2'))).toBe(true);
  });
});
