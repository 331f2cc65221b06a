/**
 * The sources the ranking fixture does not use: patrol-log coverage and signatures, party members'
 * report-in rates (through the replaceable provider), manual scores with evidence and resident units'
 * party-building scores split street 4 % + community 6 % (generic, XQ 二(四)2).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { setReportInProvider } from '../../src/assessment/sources/party.ts';
import type { Database } from '../../src/core/db/connection.ts';
import type { App } from '../../src/http/server.ts';
import { openTestDatabase } from '../db.ts';
import { buildDemoDistrict, buildTestApp, loginAs } from '../factories.ts';
import { thisMonth } from '../grid-work/helpers.ts';
import { attempt, call } from './helpers.ts';

let database: Database;
let app: App;
const c: Record<string, string> = {};
const COMMUNITY = '110107001003'; // 玉泉路西社区, the demo grid worker's
const HOSPITAL = '110107D035'; // 区人民医院: registered with 八宝山街道 in the demo, 4 declared, 1 reported in
const year = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 4);

beforeAll(async () => {
  database = await openTestDatabase({ demo: true });
  await buildDemoDistrict(database);
  ({ app } = await buildTestApp(database));
  for (const u of ['supervisor', 'grid']) c[u] = await loginAs(app, u);
});

const ind = (key: string, weight: number, source: string, extra: Record<string, unknown> = {}) => ({
  kind: 'indicator',
  key,
  name: key,
  weight,
  source,
  scoring: { type: 'rate' },
  ...extra,
});

describe('patrol-log coverage and signatures of a community', () => {
  it('counts the grids with an entry this month and the unsigned month, down to the entries', async () => {
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    await call(
      app,
      c.grid as string,
      'POST',
      '/api/patrol-entries',
      {
        gridCode: `${COMMUNITY}001`,
        date: today,
        hours: 4,
        householdsVisited: 12,
        findings: '走访独居老人，楼道堆物已清理',
      },
      201,
    );
    const scheme = await call(
      app,
      c.supervisor as string,
      'POST',
      '/api/assessment/schemes',
      {
        name: '社区网格工作考核',
        evaluatedKind: 'community',
        period: 'month',
        subjects: [{ code: COMMUNITY }],
        nodes: [
          ind('survey', 0.7, 'entered.survey'),
          ind('coverage', 0.2, 'patrol.coverage'),
          ind('signed', 0.1, 'patrol.signed_rate'),
        ],
      },
      201,
    );
    const result = await call(
      app,
      c.supervisor as string,
      'POST',
      `/api/assessment/schemes/${scheme.id}/runs`,
      { period: thisMonth() },
      201,
    );
    const row = result.rows[0];
    const coverage = row.items.find((i: { key: string }) => i.key === 'coverage');
    expect(coverage.numerator).toBe(1);
    expect(coverage.denominator).toBeGreaterThan(1);
    expect(row.items.find((i: { key: string }) => i.key === 'signed')).toMatchObject({
      value: 0,
      numerator: 0,
      denominator: 1,
    });
    // No survey: coverage and signatures share the whole weight, 2 : 1.
    expect(row.total).toBeCloseTo(Math.round(((2 * 100) / coverage.denominator / 3) * 100) / 100, 2);
    const recs = await call(
      app,
      c.supervisor as string,
      'GET',
      `/api/assessment/results/${result.id}/records?subject=${COMMUNITY}&indicator=coverage`,
    );
    expect(recs.items.filter((r: { type: string }) => r.type === 'patrol_entry')).toEqual([
      expect.objectContaining({
        code: `${COMMUNITY}001 ${today}`,
        outcome: 'numerator',
        typeName: '网格工作纪实',
      }),
    ]);
    expect(recs.total).toBe(coverage.denominator);
  });
});

describe('resident units: report-in rate, manual score with evidence, party-building scores', () => {
  let schemeId = '';
  const enter = (indicatorKey: string, entry: unknown) =>
    attempt(app, c.supervisor as string, 'PUT', `/api/assessment/schemes/${schemeId}/entries`, {
      period: year,
      indicatorKey,
      subjectCode: HOSPITAL,
      entry,
    });

  it('combines the street’s 90 and the community’s 80 as 4 % + 6 % and scores the unit', async () => {
    const scheme = await call(
      app,
      c.supervisor as string,
      'POST',
      '/api/assessment/schemes',
      {
        name: '驻区单位共驻共建考核（区级以上）',
        evaluatedKind: 'resident_unit',
        period: 'year',
        nodes: [
          ind('report_in', 0.6, 'party.report_in_rate'),
          ind('joint', 0.3, 'entered.manual', { scoring: { type: 'manual' }, evaluator: 'street' }),
          ind('party', 0.1, 'entered.party_building', { unitLevel: 'provincial' }),
        ],
      },
      201,
    );
    schemeId = scheme.id;
    const noEvidence = await enter('joint', { kind: 'manual', score: 70, evidence: [] });
    expect(noEvidence.status).toBe(400);
    expect(
      (await enter('joint', { kind: 'manual', score: 70, evidence: ['共建考核表（签章）.pdf'] })).status,
    ).toBe(200);
    const wrongKind = await enter('party', { kind: 'survey', sample: 10, questionnaire: 'x', score: 90 });
    expect(wrongKind.body.error.message).toContain('应录入 party_building');
    const party = await enter('party', { kind: 'party_building', streetScore: 90, communityScore: 80 });
    expect(party.body).toMatchObject({ kind: 'party_building', score: 84 });
    const computed = await enter('report_in', { kind: 'manual', score: 1, evidence: ['x'] });
    expect(computed.body.error.message).toContain('由系统记录计算，不能录入');

    const result = await call(
      app,
      c.supervisor as string,
      'POST',
      `/api/assessment/schemes/${schemeId}/runs`,
      { period: year },
      201,
    );
    const row = result.rows.find((r: { code: string }) => r.code === HOSPITAL);
    // report-in 1 of 4 declared = 25; manual 70; party (0.04×90 + 0.06×80)/0.1 = 84;
    // total = 0.6×25 + 0.3×70 + 0.1×84 = 15 + 21 + 8.4 = 44.4.
    expect(row.total).toBe(44.4);
    expect(row.items.find((i: { key: string }) => i.key === 'party')).toMatchObject({
      score: 84,
      points: 8.4,
      detail: { streetPoints: 3.6, communityPoints: 4.8 },
    });
    expect(row.items.find((i: { key: string }) => i.key === 'report_in')).toMatchObject({
      numerator: 1,
      denominator: 4,
    });
    const recs = await call(
      app,
      c.supervisor as string,
      'GET',
      `/api/assessment/results/${result.id}/records?subject=${HOSPITAL}&indicator=joint`,
    );
    expect(recs.items[0].note).toContain('佐证：共建考核表（签章）.pdf');
  });

  it('reads report-in figures through a replaceable provider (an over-declared unit counts as complete)', async () => {
    const restore = setReportInProvider(async () => [
      { unitId: 'x', unitCode: HOSPITAL, unitName: '区人民医院', declared: 4, registered: 6, serving: 3 },
    ]);
    try {
      const result = await call(
        app,
        c.supervisor as string,
        'POST',
        `/api/assessment/schemes/${schemeId}/runs`,
        { period: year },
        201,
      );
      const row = result.rows.find((r: { code: string }) => r.code === HOSPITAL);
      expect(row.items.find((i: { key: string }) => i.key === 'report_in')).toMatchObject({
        value: 1,
        score: 100,
      });
      expect(row.total).toBe(89.4);
    } finally {
      restore();
    }
  });
});
