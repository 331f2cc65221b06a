import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../src/core/audit/append-audit.ts';
import { openDatabase } from '../../src/core/db/connection.ts';
import { readXlsxRows } from '../../src/core/export/xlsx.ts';
import { initJurisdiction } from '../../src/jurisdiction/init-jurisdiction.ts';
import { addUser } from '../../src/jurisdiction/people/add-user.ts';
import { seedDemoFacts } from '../../src/policy/seed-demo-facts.ts';
import { runJiedao } from '../cli.ts';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'jiedao-policy-cli-'));

const jiedao = (args: string[]) => runJiedao(args);

describe('jiedao policy: pure computations never open the database', () => {
  // A data folder that must still not exist afterwards: opening the database would create it.
  const untouched = path.join(tmp, 'never-created');

  it('staffing --json: 两委, grid workers, party organisation, station cap, size review, with sources', async () => {
    const res = await jiedao([
      'policy',
      'staffing',
      '--profile',
      'yinchuan-xingqing-2018',
      '--households',
      '3000',
      '--flags',
      'old_compound,elderly',
      '--party-members',
      '101',
      '--json',
      '--data',
      untouched,
    ]);
    expect(res.code, res.stderr).toBe(0);
    const r = JSON.parse(res.stdout);
    expect(r).toMatchObject({
      profileId: 'yinchuan-xingqing-2018',
      twoCommittees: { value: 7, fellBackToGeneric: false },
      gridWorkersRequired: { value: 10, householdsPerWorker: 300, triggeredBy: ['old_compound', 'elderly'] },
      gridWorkersToRecruit: { value: 3 },
      partyOrganisation: { type: '党委' },
      serviceStationStaffCap: { value: 4 },
      sizeReview: { flag: null, profileId: 'generic', fellBackToGeneric: true },
    });
    expect(r.twoCommittees.source).toMatch(/^XQ 三\(四\)2 — /);
    expect(existsSync(untouched)).toBe(false);
  });

  it('funding --json at the 5000-household and 100-member boundaries, falling back to generic for Nanjing', async () => {
    const res = await jiedao([
      'policy',
      'funding',
      '--profile',
      'nanjing-2014',
      '--households',
      '5000',
      '--party-org',
      '党委',
      '--party-members',
      '101',
      '--json',
      '--data',
      untouched,
    ]);
    expect(res.code, res.stderr).toBe(0);
    expect(JSON.parse(res.stdout)).toMatchObject({
      communityWorkingFunds: { yuan: 150_000, profileId: 'generic', fellBackToGeneric: true },
      partyBuildingFunds: { yuan: 50_200, extraMembers: 1 },
      totalYuan: 200_200,
    });
    expect(existsSync(untouched)).toBe(false);
  });

  it('bad input is a stable error code with exit status 2', async () => {
    const unknown = await jiedao([
      'policy',
      'staffing',
      '--profile',
      'x',
      '--households',
      '1',
      '--json',
      '--data',
      untouched,
    ]);
    expect(unknown.code).toBe(2);
    expect(JSON.parse(unknown.stderr).error).toMatchObject({
      code: 'NOT_FOUND',
      message: '未知的政策配置：x (unknown policy profile)',
    });
    expect(existsSync(untouched)).toBe(false);
  });
});

describe('jiedao policy: the district’s own policy', () => {
  const data = path.join(tmp, 'data');

  it('activates a profile, overrides a rule with its citation, and reports required vs actual', async () => {
    // Built in-process from the migrated template (faster than spawning `init`): the demo
    // district with recorded facts, and one grid worker.
    const template = inject('pgliteTemplate');
    const database = await openDatabase({
      dataDir: data,
      ...(template ? { loadDataDir: new Blob([readFileSync(template)]), migrate: false } : {}),
    });
    await initJurisdiction({ db: database.db, division: '110107', demo: true, actor: SYSTEM_ACTOR });
    await seedDemoFacts({ db: database.db, districtCode: '110107', actor: SYSTEM_ACTOR });
    await addUser({
      db: database.db,
      actor: SYSTEM_ACTOR,
      input: {
        username: 'gridone',
        displayName: '张网格',
        unitCode: '110107001003',
        roles: ['grid_worker'],
        phone: null,
        password: 'Grid-worker-2026',
      },
    });
    await database.close();

    const activate = await jiedao([
      'policy',
      'activate',
      '--profile',
      'yinchuan-xingqing-2018',
      '--reason',
      '区政府常务会',
      '--data',
      data,
    ]);
    expect(activate.code, activate.stderr).toBe(0);
    expect(activate.stdout).toBe('已切换政策配置：generic → yinchuan-xingqing-2018\n');

    const cited = await jiedao([
      'policy',
      'override',
      'burden.formsPerDepartmentMax',
      '--value',
      '2',
      '--source',
      '区减负办通知',
      '--json',
      '--data',
      data,
    ]);
    expect(cited.code, cited.stderr).toBe(0);
    expect(JSON.parse(cited.stdout)).toMatchObject({
      value: 2,
      overridden: true,
      source: '区减负办通知',
      override: { by: expect.stringMatching(/^cli:/) },
    });

    const xlsx = path.join(tmp, 'report.xlsx');
    const report = await jiedao(['policy', 'report', '--json', '--xlsx', xlsx, '--data', data]);
    expect(report.code, report.stderr).toBe(0);
    const body = JSON.parse(report.stdout);
    expect(body).toMatchObject({
      profileId: 'yinchuan-xingqing-2018',
      totals: { communities: 153, gridWorkersActual: 1 },
    });
    expect(body.rows.filter((r: { partyMembers: number | null }) => r.partyMembers !== null)).toHaveLength(
      153,
    );
    const rows = await readXlsxRows(readFileSync(xlsx));
    expect(rows.filter((r) => /^110107\d{6}$/.test(r[2] ?? ''))).toHaveLength(153);
  }, 120_000);
});
