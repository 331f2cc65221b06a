import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/core/db/connection.ts';
import type { App } from '../../src/http/server.ts';
import { openTestDatabase } from '../db.ts';
import { call } from '../demands/helpers.ts';
import { buildDemoDistrict, buildTestApp, loginAs } from '../factories.ts';
import { lastMonthZh, SAMPLE_A } from './helpers.ts';

let database: Database;
let app: App;
let supervisor: string;
let planId: string;

beforeAll(async () => {
  database = await openTestDatabase();
  await buildDemoDistrict(database);
  ({ app } = await buildTestApp(database));
  supervisor = await loginAs(app, 'supervisor');
  // task 3 (区委编办) is overdue: its deadline was last month
  const text = SAMPLE_A.replace('牵头单位:区委编办\n', `牵头单位:区委编办\n完成时间:${lastMonthZh()}\n`);
  planId = (await call(app, supervisor, 'POST', '/api/task-plans', { text }, 201)).planId;
});

describe('GET /api/task-plans/:id/bulletin.xlsx', () => {
  it('is the bulletin as the workbook an office forwards: overdue tasks, then the unit ranking', async () => {
    const res = await app.inject({
      method: 'GET',
      url: `/api/task-plans/${planId}/bulletin.xlsx`,
      headers: { cookie: supervisor },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(decodeURIComponent(String(res.headers['content-disposition']))).toMatch(
      /督查通报-\d{4}-\d{2}-\d{2}\.xlsx$/,
    );
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(book.worksheets.map((s) => s.name)).toEqual(['逾期任务', '单位排名']);
    const overdue = book.getWorksheet('逾期任务');
    // title, subtitle, header, then the one overdue task
    expect(overdue?.getRow(4).getCell(1).value).toBe(3);
    expect(overdue?.getRow(4).getCell(5).value).toBe('区委编办');
  });

  it('is for district-wide roles only (403 for a department)', async () => {
    const dept = await loginAs(app, 'dept');
    const res = await app.inject({
      method: 'GET',
      url: `/api/task-plans/${planId}/bulletin.xlsx`,
      headers: { cookie: dept },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('FORBIDDEN');
  });
});
