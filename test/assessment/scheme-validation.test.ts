import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../src/core/audit/tables.ts';
import type { Database } from '../../src/core/db/connection.ts';
import type { App } from '../../src/http/server.ts';
import { openTestDatabase } from '../db.ts';
import { buildDemoDistrict, buildTestApp, loginAs } from '../factories.ts';
import { attempt, call, departmentScheme, streetScheme } from './helpers.ts';

let database: Database;
let app: App;
const c: Record<string, string> = {};

beforeAll(async () => {
  database = await openTestDatabase({ demo: true });
  await buildDemoDistrict(database);
  ({ app } = await buildTestApp(database));
  for (const u of ['admin', 'supervisor', 'street', 'dept']) c[u] = await loginAs(app, u);
});

const save = (scheme: unknown) =>
  attempt(app, c.supervisor as string, 'POST', '/api/assessment/schemes', scheme);

describe('a scheme giving residents 40 % of a street’s evaluation', () => {
  it('is refused under the demo district’s profile (generic), naming the 50 % rule, its source and the shortfall', async () => {
    const { status, body } = await save(streetScheme(0.4));
    expect(status).toBe(422);
    expect(body.error.code).toBe('SCHEME_REFUSED');
    expect(body.error.message).toContain(
      '居民评价在街道考核中的权重为 40%，低于规定的 50%（差 10 个百分点）',
    );
    expect(body.error.message).toContain('依据：NJ 17 — 南京市深化街道和社区体制改革实施方案(2014) 第17项');
    expect(body.error.details.violations).toHaveLength(1);
    const [v] = body.error.details.violations;
    expect(v).toMatchObject({
      code: 'MIN_WEIGHT',
      rule: 'assessment.residentsWeightStreetMin',
      profileId: 'generic',
      binding: true,
      required: 0.5,
      actual: 0.4,
    });
    expect(v.shortfall).toBeCloseTo(0.1, 9);
    const list = await call(app, c.supervisor as string, 'GET', '/api/assessment/schemes');
    expect(list.items).toEqual([]);
  });

  it('the check endpoint says the same without saving; 50 % passes', async () => {
    const bad = await call(
      app,
      c.supervisor as string,
      'POST',
      '/api/assessment/schemes/check',
      streetScheme(0.4),
    );
    expect(bad).toMatchObject({
      ok: false,
      profileId: 'generic',
      violations: [{ rule: 'assessment.residentsWeightStreetMin' }],
    });
    expect(bad.shares).toEqual(
      expect.arrayContaining([
        { evaluator: 'residents', nameZh: '居民', share: 0.4 },
        { evaluator: 'district', nameZh: '区委区政府', share: 0.6 },
      ]),
    );
    const good = await call(
      app,
      c.supervisor as string,
      'POST',
      '/api/assessment/schemes/check',
      streetScheme(0.5),
    );
    expect(good).toMatchObject({ ok: true, violations: [], warnings: [] });
  });

  it('is accepted once the district runs a profile without that rule (Beijing), with the generic rule as a warning', async () => {
    await call(app, c.admin as string, 'PUT', '/api/policy/active', {
      profileId: 'beijing-shijingshan-2019',
    });
    const { status, body } = await save(streetScheme(0.4));
    expect(status).toBe(201);
    expect(body).toMatchObject({ evaluatedName: '街道', version: 1, profileId: 'beijing-shijingshan-2019' });
    expect(body.warnings).toEqual([
      expect.objectContaining({
        rule: 'assessment.residentsWeightStreetMin',
        binding: false,
        profileId: 'generic',
      }),
    ]);
    const audit = await database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.targetId, body.id), eq(auditLog.action, 'assessment.scheme.create')));
    expect(audit).toHaveLength(1);
  });

  it('binds again when the district adopts the rule itself by a cited override', async () => {
    await call(app, c.admin as string, 'PUT', '/api/policy/overrides/assessment.residentsWeightStreetMin', {
      value: 0.5,
      source: '石景山区街道工作考核办法〔2026〕3号',
    });
    const { status, body } = await save(streetScheme(0.4));
    expect(status).toBe(422);
    expect(body.error.message).toContain('依据：石景山区街道工作考核办法〔2026〕3号');
    const removed = await app.inject({
      method: 'DELETE',
      url: '/api/policy/overrides/assessment.residentsWeightStreetMin',
      headers: { cookie: c.admin as string },
    });
    expect(removed.statusCode).toBe(200);
  });
});

describe('the other assessment constraints (Beijing profile)', () => {
  it('refuses departments running their own assessment of streets (SJS 12)', async () => {
    const { status, body } = await save({
      ...streetScheme(0.5),
      organiser: { kind: 'department', unitCode: '110107D007' },
    });
    expect(status).toBe(422);
    expect(body.error.details.violations[0]).toMatchObject({
      code: 'SEPARATE_ASSESSMENT',
      rule: 'assessment.departmentsAssessSeparately',
    });
    expect(body.error.message).toContain(
      '区职能部门不得单独组织对街道的考核，其考核内容应纳入区委区政府的综合考核',
    );
    expect(body.error.message).toContain('SJS 12');
  });

  it('allows a 一票否决 item on streets only when central or provincial level requires it (SJS 39)', async () => {
    const withVeto = (requiredBy?: 'city' | 'provincial') => {
      const s = streetScheme(0.5);
      const work = s.nodes[1] as { children: Record<string, unknown>[] };
      work.children[0] = {
        ...work.children[0],
        veto: { failBelow: 60, basis: '安全生产责任书', ...(requiredBy ? { requiredBy } : {}) },
      };
      return s;
    };
    const refused = await save(withVeto('city'));
    expect(refused.status).toBe(422);
    expect(refused.body.error.details.violations[0]).toMatchObject({
      code: 'ONE_VOTE_VETO',
      indicator: 'response',
    });
    expect(refused.body.error.message).toContain('SJS 39');
    expect((await save(withVeto('provincial'))).status).toBe(201);
  });

  it('needs the streets’ evaluation to be at least 1/3 of a department’s (SJS 12)', async () => {
    const low = await save(departmentScheme(0.3));
    expect(low.status).toBe(422);
    expect(low.body.error.details.violations[0]).toMatchObject({
      rule: 'assessment.streetOnDepartmentShareMin',
      actual: 0.3,
      profileId: 'beijing-shijingshan-2019',
    });
    expect(low.body.error.message).toContain('低于规定的 33.33%（差 3.33 个百分点）');
    expect((await save(departmentScheme(1 / 3))).status).toBe(201);
  });

  it('gives resident units’ party-building scores the profile’s weight (10 % = 4 % + 6 %), warning when it is generic’s', async () => {
    const unitScheme = (weight: number) => ({
      name: '驻区单位党建考核（区级以上）',
      evaluatedKind: 'resident_unit',
      period: 'year',
      nodes: [
        {
          kind: 'indicator',
          key: 'report_in',
          name: '在职党员报到率',
          weight: 1 - weight,
          source: 'party.report_in_rate',
          scoring: { type: 'rate' },
        },
        {
          kind: 'indicator',
          key: 'party',
          name: '党建工作赋分',
          weight,
          source: 'entered.party_building',
          scoring: { type: 'rate' },
          unitLevel: 'provincial',
        },
      ],
    });
    // Beijing's profile does not set these weights: generic's (XQ 二(四)2) only warn.
    const warned = await save(unitScheme(0.2));
    expect(warned.status).toBe(201);
    expect(warned.body.warnings[0]).toMatchObject({
      rule: 'assessment.residentUnitPartyBuildingWeights',
      binding: false,
    });
    expect(warned.body.warnings[0].message).toContain('应为 10%（街道 4% + 社区 6%）');
    await call(app, c.admin as string, 'PUT', '/api/policy/active', { profileId: 'yinchuan-xingqing-2018' });
    const refused = await save(unitScheme(0.2));
    expect(refused.status).toBe(422);
    expect(refused.body.error.message).toContain('XQ 二(四)2');
    const ok = await save(unitScheme(0.1));
    expect(ok.status).toBe(201);
    expect(ok.body.shares).toEqual(
      expect.arrayContaining([
        { evaluator: 'street', nameZh: '街道', share: 0.94 },
        { evaluator: 'community_committee', nameZh: '社区居委会', share: 0.06 },
      ]),
    );
    await call(app, c.admin as string, 'PUT', '/api/policy/active', {
      profileId: 'beijing-shijingshan-2019',
    });
  });

  it('reports inconsistent schemes as VALIDATION_FAILED and only lets the assessment office save', async () => {
    const s = streetScheme(0.5);
    (s.nodes[0] as { weight: number }).weight = 0.6;
    const bad = await save(s);
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(bad.body.error.message).toContain('同一层级的权重之和应为 1（100%），实为 110%');
    const wrongSource = await save({
      ...streetScheme(0.5),
      nodes: [
        {
          kind: 'indicator',
          key: 'w',
          name: '吹哨',
          weight: 1,
          source: 'whistles.rating',
          scoring: { type: 'rate' },
        },
      ],
    });
    expect(wrongSource.body.error.message).toContain('「吹哨方评价得分」不能用于考核街道');
    const street = await attempt(
      app,
      c.street as string,
      'POST',
      '/api/assessment/schemes',
      streetScheme(0.5),
    );
    expect(street.status).toBe(403);
    expect(street.body.error.code).toBe('FORBIDDEN');
    const read = await call(app, c.dept as string, 'GET', '/api/assessment/schemes');
    expect(read.items.length).toBeGreaterThan(0);
  });
});
