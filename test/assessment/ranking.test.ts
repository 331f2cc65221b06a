/**
 * Done-when of issue 7: for a fixed fixture (demands, whistles, grid events, tasks, one survey) a
 * street ranking and a department ranking, computed end to end (on PGlite, and on PostgreSQL when
 * DATABASE_URL is set), match hand-computed scores, and every score drills down to its records.
 * The schemes run over the current year: the fixture's overdue tasks are due on 1 January.
 */
import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../src/core/audit/tables.ts';
import type { Database } from '../../src/core/db/connection.ts';
import { readXlsxRows } from '../../src/core/export/xlsx.ts';
import { measuredDemands, monthRange } from '../../src/demands/compute-rankings.ts';
import { measuredDemandRecords } from '../../src/demands/measured-demand-records.ts';
import type { App } from '../../src/http/server.ts';
import { openTestDatabase } from '../db.ts';
import { buildDemoDistrict, buildTestApp, loginAs } from '../factories.ts';
import {
  addFixtureUsers,
  BABAOSHAN,
  buildFixture,
  CITY_ADMIN,
  CIVIL_AFFAIRS,
  type Fixture,
  LUGU,
  USERS,
} from './fixture.ts';
import { attempt, call, departmentScheme, streetScheme } from './helpers.ts';

let database: Database;
let app: App;
let f: Fixture;
const c: Record<string, string> = {};
const year = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 4);
const ids: Record<string, string> = {};

interface Item {
  key: string;
  kind: string;
  value: number | null;
  score: number | null;
  points: number | null;
  effectiveWeight: number;
  numerator?: number | null;
  denominator?: number | null;
}
interface Row {
  code: string;
  name: string;
  total: number | null;
  rank: number | null;
  excellent: boolean | null;
  items: Item[];
}
interface Rec {
  type: string;
  id: string;
  code: string | null;
  outcome: string;
}

const sv = (path: string, body?: unknown, expected = 200) =>
  call(app, c.supervisor as string, body === undefined ? 'GET' : 'POST', path, body, expected);
const rowOf = (result: { rows: Row[] }, code: string) => result.rows.find((r) => r.code === code) as Row;
const itemOf = (row: Row, key: string) => row.items.find((i) => i.key === key) as Item;
const records = async (resultId: string, subject: string, indicator: string): Promise<Rec[]> =>
  (
    await sv(
      `/api/assessment/results/${resultId}/records?subject=${subject}&indicator=${indicator}&limit=1000`,
    )
  ).items;
const codes = (list: Rec[], outcome: string) =>
  list
    .filter((r) => r.outcome === outcome)
    .map((r) => r.code)
    .sort();

beforeAll(async () => {
  database = await openTestDatabase({ demo: true });
  await buildDemoDistrict(database);
  await addFixtureUsers(database);
  ({ app } = await buildTestApp(database));
  for (const u of USERS) c[u] = await loginAs(app, u);
  f = await buildFixture(app, database, c);
  const street = await sv(
    '/api/assessment/schemes',
    { ...streetScheme(0.5, 'year'), excellent: { districtAverageRate: 0.4 } },
    201,
  );
  const dept = await sv('/api/assessment/schemes', departmentScheme(0.4, 'year'), 201);
  ids.street = street.id;
  ids.dept = dept.id;
  // The one survey: 八宝山街道, 400 questionnaires, score 90. 鲁谷 has none.
  await call(app, c.supervisor as string, 'PUT', `/api/assessment/schemes/${street.id}/entries`, {
    period: year,
    indicatorKey: 'survey',
    subjectCode: BABAOSHAN,
    entry: {
      kind: 'survey',
      sample: 400,
      questionnaire: '八宝山街道居民满意度调查问卷',
      score: 90,
      evidence: ['调查报告.pdf'],
    },
  });
});

describe('street ranking', () => {
  let result: { id: string; rows: Row[]; summary: Record<string, unknown>; status: string };

  it('matches the hand-computed scores, ranks and excellent quota', async () => {
    result = await sv(`/api/assessment/schemes/${ids.street}/runs`, { period: year }, 201);
    ids.streetResult = result.id;
    expect(result).toMatchObject({
      status: 'draft',
      version: 1,
      period: year,
      profileId: 'generic',
      scope: 'all',
    });
    // 鲁谷: residents = satisfaction 2/2 (no survey: its weight passes to satisfaction) = 100;
    // work = 0.2×100 (response 2/2) + 0.2×60 (resolution 1/2 → band ≥0 → 60) + 0.3×100 (E3) + 0.3×100 (task 3) = 92;
    // total = 0.5×100 + 0.5×92 = 96.
    // 八宝山: residents = 0.4×50 (1 of 2 satisfied) + 0.6×90 (survey) = 74;
    // work = 0.2×100 (2 of 2 decided; B3 pending) + 0.2×60 (1/2) + 0.3×75 (E1,E4,E5 of E1,E2,E4,E5) + 0.3×50 (task 1 of 1,2) = 69.5;
    // total = 0.5×74 + 0.5×69.5 = 71.75.
    expect(result.rows.slice(0, 2).map((r) => [r.name, r.total, r.rank, r.excellent])).toEqual([
      ['鲁谷街道', 96, 1, true],
      ['八宝山街道', 71.75, 2, false],
    ]);
    expect(result.rows).toHaveLength(9);
    expect(result.rows.slice(2).every((r) => r.total === null && r.rank === null)).toBe(true);
    // Quota: district average 40 % + 10 points (SJS 45) = 50 % of 2 ranked = 1.
    expect(result.summary.excellent).toMatchObject({ rate: 0.5, count: 1, pointsAbove: 10 });
    const b = rowOf(result, BABAOSHAN);
    const view = (k: string) => {
      const i = itemOf(b, k);
      return [i.value, i.score, i.points];
    };
    expect(view('residents')).toEqual([null, 74, 37]);
    expect(view('satisfaction')).toEqual([0.5, 50, 10]);
    expect(view('survey')).toEqual([0.9, 90, 27]);
    expect(view('work')).toEqual([null, 69.5, 34.75]);
    expect(view('response')).toEqual([1, 100, 10]);
    expect(view('resolution')).toEqual([0.5, 60, 6]);
    expect(view('grid_close')).toEqual([0.75, 75, 11.25]);
    expect(view('tasks')).toEqual([0.5, 50, 7.5]);
    const l = rowOf(result, LUGU);
    expect(itemOf(l, 'survey')).toMatchObject({ value: null, score: null, points: null, effectiveWeight: 0 });
    expect(itemOf(l, 'satisfaction')).toMatchObject({ score: 100, effectiveWeight: 0.5, points: 50 });
  });

  it('drills every number down to the demands, grid events, tasks and the survey behind it', async () => {
    const d = f.demands;
    const sat = await records(result.id, BABAOSHAN, 'satisfaction');
    expect([codes(sat, 'numerator'), codes(sat, 'denominator')]).toEqual([[d.B1], [d.B2]]);
    const resp = await records(result.id, BABAOSHAN, 'response');
    expect([codes(resp, 'numerator'), codes(resp, 'pending')]).toEqual([[d.B1, d.B2].sort(), [d.B3]]);
    const grid = await records(result.id, BABAOSHAN, 'grid_close');
    expect(codes(grid, 'numerator')).toEqual([f.events.E1, f.events.E4, f.events.E5].sort());
    expect(codes(grid, 'denominator')).toEqual([f.events.E2]);
    const tasks = await records(result.id, BABAOSHAN, 'tasks');
    expect(tasks.map((t) => [t.id, t.outcome])).toEqual(
      expect.arrayContaining([
        [f.tasks[1], 'numerator'],
        [f.tasks[2], 'denominator'],
        [f.tasks[6], 'pending'],
      ]),
    );
    const survey = await records(result.id, BABAOSHAN, 'survey');
    expect(survey).toEqual([expect.objectContaining({ type: 'entry', code: 'survey', outcome: 'counted' })]);
    expect((survey[0] as Rec & { note: string }).note).toContain('样本 400 份');
    const lugu = await records(result.id, LUGU, 'grid_close');
    expect(codes(lugu, 'numerator')).toEqual([f.events.E3]);
    // A record id opens the record itself.
    const b1 = (sat.find((r) => r.outcome === 'numerator') as Rec).id;
    expect((await sv(`/api/demands/${b1}`)).code).toBe(d.B1);
    await expectEveryScoreDrillsDown(result.id, result.rows);
  });
});

describe('the demands read', () => {
  it('are exactly those the 三率 ranking counts (measuredDemandRecords ≡ measuredDemands, with ids)', async () => {
    const month = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 7);
    const raw = await measuredDemands(database.db, '110107', month);
    const withIds = await measuredDemandRecords(database.db, {
      districtCode: '110107',
      ...monthRange(month),
    });
    const key = (x: object) => JSON.stringify(x);
    expect(withIds.map(({ id: _id, code: _code, ...rest }) => key(rest)).sort()).toEqual(raw.map(key).sort());
    expect(withIds.map((d) => d.code)).toEqual(expect.arrayContaining(Object.values(f.demands)));
  });
});

describe('department ranking', () => {
  it('matches the hand-computed scores and drills down to whistles, demands, tasks and grid events', async () => {
    const result = await sv(`/api/assessment/schemes/${ids.dept}/runs`, { period: year }, 201);
    // 区城管委: streets = 0.5×100 (2 of 2 on time) + 0.5×85 ((90+80)/2) = 92.5; residents: composite 100 (D7;
    // E4/E5's demands still undecided); duty = 0.5×100 (task 4) + 0.5×(100−50) (1 of 2 cases reworked) = 75;
    // total = 0.4×92.5 + 0.3×100 + 0.3×75 = 89.5.
    // 区民政局: streets = 0.5×0 (no-show) + 0.5×40 = 20; composite 30 (responded, not resolved, unsatisfied);
    // duty = task 5 overdue 0 (no grid case: its weight passes to tasks); total = 0.4×20 + 0.3×30 + 0.3×0 = 17.
    expect(result.rows.slice(0, 2).map((r: Row) => [r.code, r.total, r.rank])).toEqual([
      [CITY_ADMIN, 89.5, 1],
      [CIVIL_AFFAIRS, 17, 2],
    ]);
    expect(result.rows.slice(2).every((r: Row) => r.rank === null)).toBe(true);
    const mz = rowOf(result, CIVIL_AFFAIRS);
    expect(itemOf(mz, 'rework')).toMatchObject({ value: null, effectiveWeight: 0 });
    expect(itemOf(mz, 'tasks')).toMatchObject({ score: 0, effectiveWeight: 0.3 });
    expect(itemOf(rowOf(result, CITY_ADMIN), 'rating')).toMatchObject({ value: 0.85, score: 85, points: 17 });

    const onTime = await records(result.id, CITY_ADMIN, 'on_time');
    expect(codes(onTime, 'numerator')).toEqual([f.whistles.W1, f.whistles.W2].sort());
    const noShow = await records(result.id, CIVIL_AFFAIRS, 'on_time');
    expect(codes(noShow, 'denominator')).toEqual([f.whistles.W1]);
    const composite = await records(result.id, CITY_ADMIN, 'composite');
    expect(codes(composite, 'counted')).toEqual([f.demands.D7, ...f.eventDemands].sort());
    const rework = await records(result.id, CITY_ADMIN, 'rework');
    expect([codes(rework, 'numerator'), codes(rework, 'denominator')]).toEqual([
      [f.events.E4],
      [f.events.E5],
    ]);
    const tasks = await records(result.id, CIVIL_AFFAIRS, 'tasks');
    expect(tasks.map((t) => [t.id, t.outcome])).toEqual([[f.tasks[5], 'denominator']]);
    await expectEveryScoreDrillsDown(result.id, result.rows);
  });
});

/** Every indicator with a value has records, and their outcomes add up to its numerator and denominator. */
async function expectEveryScoreDrillsDown(resultId: string, rows: Row[]): Promise<void> {
  for (const row of rows.filter((r) => r.total !== null)) {
    for (const item of row.items.filter((i) => i.kind === 'indicator' && i.value !== null)) {
      const list = await records(resultId, row.code, item.key);
      expect(list.length, `${row.name} ${item.key}`).toBeGreaterThan(0);
      const n = list.filter((r) => r.outcome === 'numerator').length;
      const dOnly = list.filter((r) => r.outcome === 'denominator').length;
      if (typeof item.numerator === 'number') {
        expect([n, n + dOnly], `${row.name} ${item.key}`).toEqual([item.numerator, item.denominator]);
      } else if (typeof item.denominator === 'number') {
        expect(list.filter((r) => r.outcome === 'counted').length).toBe(item.denominator);
      }
    }
  }
}

describe('publication, corrections, who sees what, Excel', () => {
  it('locks a published result; a correction is a new audited version that supersedes it', async () => {
    const published = await sv(`/api/assessment/results/${ids.streetResult}/publish`, {});
    expect(published).toMatchObject({ status: 'published', statusName: '已发布' });
    const again = await attempt(
      app,
      c.supervisor as string,
      'POST',
      `/api/assessment/results/${ids.streetResult}/publish`,
    );
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('RESULT_LOCKED');
    const noReason = await attempt(
      app,
      c.supervisor as string,
      'POST',
      `/api/assessment/schemes/${ids.street}/runs`,
      { period: year },
    );
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.message).toContain('须说明更正原因');
    // The survey is corrected to 80: 八宝山 = 0.5×(0.4×50 + 0.6×80) + 34.75 = 68.75.
    await call(app, c.supervisor as string, 'PUT', `/api/assessment/schemes/${ids.street}/entries`, {
      period: year,
      indicatorKey: 'survey',
      subjectCode: BABAOSHAN,
      entry: {
        kind: 'survey',
        sample: 400,
        questionnaire: '八宝山街道居民满意度调查问卷（复核）',
        score: 80,
      },
    });
    const v2 = await sv(
      `/api/assessment/schemes/${ids.street}/runs`,
      { period: year, reason: '问卷复核后更正' },
      201,
    );
    expect(v2).toMatchObject({
      version: 2,
      status: 'draft',
      correctionOf: ids.streetResult,
      reason: '问卷复核后更正',
    });
    expect(rowOf(v2, BABAOSHAN).total).toBe(68.75);
    const v1 = await sv(`/api/assessment/results/${ids.streetResult}`);
    expect(rowOf(v1, BABAOSHAN).total).toBe(71.75);
    await sv(`/api/assessment/results/${v2.id}/publish`, {});
    expect((await sv(`/api/assessment/results/${ids.streetResult}`)).status).toBe('superseded');
    ids.streetV2 = v2.id;
    const audit = await database.db
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(and(eq(auditLog.targetId, v2.id)));
    expect(audit.map((a) => a.action)).toEqual(['assessment.run', 'assessment.publish']);
  });

  it('shows a street its own row (with its rank) and nothing of others; drafts only to the office', async () => {
    const own = await call(app, c.street as string, 'GET', `/api/assessment/results/${ids.streetV2}`);
    expect(own.scope).toBe('own');
    expect(own.rows.map((r: Row) => [r.code, r.rank])).toEqual([[BABAOSHAN, 2]]);
    const mine = await call(
      app,
      c.street as string,
      'GET',
      `/api/assessment/results/${ids.streetV2}/records?subject=${BABAOSHAN}`,
    );
    expect(mine.total).toBeGreaterThan(0);
    const other = await attempt(
      app,
      c.street as string,
      'GET',
      `/api/assessment/results/${ids.streetV2}/records?subject=${LUGU}`,
    );
    expect(other.status).toBe(403);
    expect(other.body.error.code).toBe('FORBIDDEN_SCOPE');
    const dept = await attempt(app, c.dept as string, 'GET', `/api/assessment/results/${ids.streetV2}`);
    expect(dept.body.error.code).toBe('FORBIDDEN_SCOPE');
    const draft = (
      await call(app, c.supervisor as string, 'GET', `/api/assessment/results?schemeId=${ids.dept}`)
    ).items[0];
    expect(draft.status).toBe('draft');
    const hidden = await attempt(app, c.dept as string, 'GET', `/api/assessment/results/${draft.id}`);
    expect(hidden.body.error.code).toBe('FORBIDDEN');
    const list = await call(app, c.street as string, 'GET', '/api/assessment/results');
    expect(list.items.map((r: { id: string }) => r.id).sort()).toEqual(
      [ids.streetResult, ids.streetV2].sort(),
    );
  });

  it('exports the result table as Excel', async () => {
    const res = await app.inject({
      url: `/api/assessment/results/${ids.streetV2}?format=xlsx`,
      headers: { cookie: c.supervisor as string },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const rows = await readXlsxRows(res.rawPayload);
    expect(rows[0]).toEqual(['街道综合考核考核结果']);
    const header = rows.find((r) => r[0] === '名次') as string[];
    expect(header).toEqual([
      '名次',
      '被考核对象',
      '12345满意率（20%）',
      '居民满意度调查（30%）',
      '12345响应率（10%）',
      '12345解决率（10%）',
      '网格事件结案率（15%）',
      '督办任务完成率（15%）',
      '总分',
      '评定',
    ]);
    expect(rows.find((r) => r[1] === '鲁谷街道')).toEqual([
      '1',
      '鲁谷街道',
      '50',
      '',
      '10',
      '6',
      '15',
      '15',
      '96',
      '优秀',
    ]);
    expect(rows.find((r) => r[1] === '八宝山街道')).toEqual([
      '2',
      '八宝山街道',
      '10',
      '24',
      '10',
      '6',
      '11.25',
      '7.5',
      '68.75',
      '',
    ]);
  });
});
