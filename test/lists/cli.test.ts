import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../src/core/audit/append-audit.ts';
import { openDatabase } from '../../src/core/db/connection.ts';
import { buildXlsx, readXlsxRows } from '../../src/core/export/xlsx.ts';
import { initJurisdiction } from '../../src/jurisdiction/init-jurisdiction.ts';
import { toCsv } from '../../src/lists/parse-csv.ts';
import { demoListRows } from '../../src/lists/seed-demo-lists.ts';
import { runJiedao } from '../cli.ts';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'jiedao-lists-cli-'));
const data = path.join(tmp, 'data');

const jiedao = (args: string[]) => runJiedao([...args, '--data', data]);

beforeAll(async () => {
  // The district is built in-process from the migrated template: faster than spawning `init`.
  const template = inject('pgliteTemplate');
  const database = await openDatabase({
    dataDir: data,
    ...(template ? { loadDataDir: new Blob([readFileSync(template)]), migrate: false } : {}),
  });
  await initJurisdiction({ db: database.db, division: '110107', demo: false, actor: SYSTEM_ACTOR });
  await database.close();
}, 120_000);

describe('jiedao lists', () => {
  it('imports a CSV service catalog as a version and shows the list in force for a community', async () => {
    const file = path.join(tmp, '服务事项清单.csv');
    writeFileSync(file, `\uFEFF${toCsv(demoListRows('service_catalog'))}`);
    const res = await jiedao([
      'lists',
      'import',
      file,
      '--kind',
      'service_catalog',
      '--document',
      '石民发〔2025〕3号',
      '--effective',
      '2025-01-01',
      '--title',
      '石景山区社区服务站服务事项清单',
      '--json',
    ]);
    expect(res.code, res.stderr).toBe(0);
    expect(JSON.parse(res.stdout)).toMatchObject({
      kind: 'service_catalog',
      scopeCode: '110107000000',
      versionNo: 1,
      effectiveFrom: '2025-01-01',
      itemCount: 33,
    });
    const shown = await jiedao([
      'lists',
      'show',
      '--kind',
      'service_catalog',
      '--unit',
      '110107001003',
      '--json',
    ]);
    expect(shown.code, shown.stderr).toBe(0);
    const body = JSON.parse(shown.stdout);
    expect(body.version).toMatchObject({ versionNo: 1, approvingDocument: '石民发〔2025〕3号' });
    expect(body.items).toHaveLength(33);
    expect(body.items[10]).toMatchObject({
      itemCode: 'FWSX-011',
      details: { timeLimit: { amount: 5, unit: 'working_days' } },
    });
  });

  it('refuses an Excel file with a bad row, listing every problem (exit 2, INVALID_LIST_FILE)', async () => {
    const file = path.join(tmp, 'access.xlsx');
    type Row = { code: string; name: string; categories: string };
    writeFileSync(
      file,
      await buildXlsx<Row>({
        title: '社区工作事项准入清单',
        columns: [
          { header: '编号', key: 'code' },
          { header: '事项名称', key: 'name' },
          { header: '诉求分类', key: 'categories' },
        ],
        rows: [
          { code: 'SQZR-001', name: '协助开展低保入户调查', categories: '1402' },
          { code: 'SQZR-002', name: '', categories: '救济金' },
        ],
      }),
    );
    const res = await jiedao([
      'lists',
      'import',
      file,
      '--kind',
      'community_access',
      '--document',
      '石社发〔2025〕1号',
      '--effective',
      '2025-01-01',
      '--json',
    ]);
    expect(res.code).toBe(2);
    const error = JSON.parse(res.stderr).error;
    expect(error.code).toBe('INVALID_LIST_FILE');
    expect(error.details.problems).toEqual([
      { row: 4, column: '事项名称', message: '缺少事项名称' },
      { row: 4, column: '诉求分类', message: '未知的诉求分类：救济金' },
    ]);
  });

  it('exports the burden report per community to Excel', async () => {
    const xlsx = path.join(tmp, 'burden.xlsx');
    const res = await jiedao([
      'lists',
      'burden-report',
      '--from',
      '2025-01-01',
      '--to',
      '2026-01-01',
      '--xlsx',
      xlsx,
      '--json',
    ]);
    expect(res.code, res.stderr).toBe(0);
    const report = JSON.parse(res.stdout);
    expect(report.rows).toHaveLength(153);
    expect(report.totals).toEqual({
      requestsReceived: 0,
      requestsAccepted: 0,
      requestsRefused: 0,
      formsActive: 0,
      meetings: 0,
      meetingAttendances: 0,
    });
    const rows = await readXlsxRows(readFileSync(xlsx));
    expect(rows[0]).toEqual(['社区减负情况统计表']);
    expect(rows.filter((r) => /^110107\d{6}$/.test(r[2] ?? ''))).toHaveLength(153);
  });
});
