import { and, asc, eq, like } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/core/db/connection.ts';
import { readXlsxRows } from '../../src/core/export/xlsx.ts';
import type { App } from '../../src/http/server.ts';
import { orgUnits } from '../../src/jurisdiction/tables.ts';
import { openTestDatabase } from '../db.ts';
import { buildDemoDistrict, buildTestApp, loginAs } from '../factories.ts';
import { addStaff } from '../grid-work/helpers.ts';
import { attempt, COMMUNITY, call, midMonth, monthsAgo, STREET } from './helpers.ts';

let database: Database;
let app: App;
const c: Record<string, string> = {};
let NEIGHBOUR = ''; // another community of 八宝山街道
// Months well before the demo meeting (35 days ago), so the demo data cannot fill a gap.
const [M5, M4, M3] = [monthsAgo(5), monthsAgo(4), monthsAgo(3)];

/** Schedules and records a meeting held in the middle of a month. */
async function holdMeeting(cookie: string, communityCode: string, month: string) {
  const m = await call(
    app,
    cookie,
    'POST',
    '/api/participation/meetings',
    {
      communityCode,
      title: `${month} 社区议事园议事会`,
      plannedAt: midMonth(month),
    },
    201,
  );
  return call(app, cookie, 'POST', `/api/participation/meetings/${m.id}/record`, {
    heldAt: midMonth(month),
    minutes: '议事会通报上月议定事项落实情况，听取居民意见。',
    attendance: [{ name: '居民代表甲', category: 'resident_rep' }],
  });
}

beforeAll(async () => {
  database = await openTestDatabase();
  await buildDemoDistrict(database);
  const [, second] = await database.db
    .select()
    .from(orgUnits)
    .where(and(eq(orgUnits.level, 'community'), like(orgUnits.path, `%/${STREET}/%`)))
    .orderBy(asc(orgUnits.path));
  NEIGHBOUR = second?.code as string;
  await addStaff(database, 'neighbour', NEIGHBOUR, 'community_worker', '邻社区社工');
  ({ app } = await buildTestApp(database));
  for (const u of ['community', 'neighbour', 'street', 'street2', 'supervisor']) c[u] = await loginAs(app, u);
  await holdMeeting(c.community as string, COMMUNITY, M5);
  await holdMeeting(c.community as string, COMMUNITY, M3);
  for (const month of [M5, M4, M3]) await holdMeeting(c.neighbour as string, NEIGHBOUR, month);
});

describe('the consultation cadence report (at least monthly, per the profile)', () => {
  const url = `/api/participation/consultation/cadence?communityCode=${STREET}&from=${M5}&to=${M3}`;

  it('flags the community that held no meeting in a month, and names the month', async () => {
    const r = await call(app, c.street as string, 'GET', url);
    expect(r.rule).toMatchObject({ period: 'month', minTimes: 1, profileId: 'generic' });
    expect(r.rule.source).toContain('XQ 三(三)1');
    expect(r.periods.map((p: { key: string }) => p.key)).toEqual([M5, M4, M3]);
    const row = (code: string) =>
      r.rows.find((x: { community: { code: string } }) => x.community.code === code);
    expect(row(COMMUNITY)).toMatchObject({
      community: { name: '玉泉路西社区' },
      held: 2,
      missed: [M4],
      periods: [
        { key: M5, held: 1, status: 'met' },
        { key: M4, held: 0, status: 'missed' },
        { key: M3, held: 1, status: 'met' },
      ],
    });
    expect(row(NEIGHBOUR)).toMatchObject({ held: 3, missed: [] });
    const label = `${M4.slice(0, 4)}年${Number(M4.slice(5))}月`;
    expect(r.missing).toContainEqual({
      code: COMMUNITY,
      name: '玉泉路西社区',
      street: '八宝山街道',
      missed: [label],
    });
    expect(r.missing.find((x: { code: string }) => x.code === NEIGHBOUR)).toBeUndefined();
    // every other community of the street held none: each month is a miss
    expect(r.missing).toHaveLength(r.rows.length - 1);
  });

  it('a month still running is not a miss yet', async () => {
    const now = monthsAgo(0);
    const r = await call(
      app,
      c.community as string,
      'GET',
      `/api/participation/consultation/cadence?from=${now}&to=${now}`,
    );
    expect(r.rows).toHaveLength(1); // a community worker sees their own community
    expect(r.rows[0].periods[0].status).toMatch(/^(open|met)$/);
    expect(r.missing).toEqual([]);
  });

  it('is scoped: another street may not ask for this one', async () => {
    const other = await attempt(app, c.street2 as string, 'GET', url);
    expect(other.status).toBe(403);
    expect(other.body.error).toMatchObject({
      code: 'FORBIDDEN_SCOPE',
      details: { action: 'participation.report' },
    });
    const bad = await attempt(
      app,
      c.street as string,
      'GET',
      `/api/participation/consultation/cadence?from=${M3}&to=${M5}`,
    );
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('VALIDATION_FAILED');
  });

  it('exports to Excel with the misses named under the table', async () => {
    const res = await app.inject({
      method: 'GET',
      url: `${url}&format=xlsx`,
      headers: { cookie: c.supervisor as string },
    });
    expect(res.statusCode).toBe(200);
    const rows = await readXlsxRows(res.rawPayload);
    expect(rows[0]).toEqual(['社区议事协商会议开展情况']);
    expect(rows.find((x) => x.includes('玉泉路西社区'))).toEqual([
      '八宝山街道',
      '玉泉路西社区',
      '1',
      '0',
      '1',
      '1',
      '未达要求',
    ]);
    expect(rows.at(-1)?.[0]).toContain('玉泉路西社区（');
  });
});
