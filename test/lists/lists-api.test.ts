import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../src/core/audit/tables.ts';
import type { Database } from '../../src/core/db/connection.ts';
import { readXlsxRows } from '../../src/core/export/xlsx.ts';
import type { App } from '../../src/http/server.ts';
import { toCsv } from '../../src/lists/parse-csv.ts';
import {
  findResponsibleDepartments,
  findStreetDutyItems,
  isOnStreetDutyList,
} from '../../src/lists/store.ts';
import { openTestDatabase } from '../db.ts';
import { buildDemoDistrict, buildTestApp, loginAs } from '../factories.ts';

let database: Database;
let app: App;
const cookies: Record<string, string> = {};
beforeAll(async () => {
  database = await openTestDatabase({ demo: true });
  await buildDemoDistrict(database);
  ({ app } = await buildTestApp(database));
  for (const u of ['admin', 'street', 'dept']) cookies[u] = await loginAs(app, u);
});

type Method = 'GET' | 'POST';
const call = (user: string, method: Method, url: string, payload?: object) =>
  app.inject({
    method,
    url,
    headers: { cookie: cookies[user] ?? '' },
    ...(payload === undefined ? {} : { payload }),
  });

const BABAOSHAN = '110107001000';
const LUGU = '110107011000';

describe('the demo lists', () => {
  it('ship five lists in force, with a 33-item service catalog', async () => {
    const res = await call('dept', 'GET', '/api/lists/versions');
    expect(res.statusCode).toBe(200);
    const kinds = (res.json().items as { kind: string; itemCount: number; approvingDocument: string }[]).map(
      (v) => [v.kind, v.itemCount],
    );
    expect(Object.fromEntries(kinds)).toEqual({
      community_access: 30,
      department_responsibility: 31,
      service_catalog: 33,
      street_access: 12,
      street_duty: 20,
    });
    const catalog = await call(
      'street',
      'GET',
      `/api/lists/effective?kind=service_catalog&unit=110107001003`,
    );
    expect(catalog.statusCode).toBe(200);
    const item = catalog.json().items.find((i: { itemCode: string }) => i.itemCode === 'FWSX-007');
    expect(item).toMatchObject({
      name: '最低生活保障申请',
      details: { timeLimit: { amount: 30, unit: 'working_days' }, proxyAllowed: true },
    });
    expect(item.details.materials).toContain('家庭经济状况核对授权书');
  });

  it('answers “is this category on the street’s duty list?” and “which department?”', async () => {
    const db = database.db;
    expect(await isOnStreetDutyList(db, { districtCode: '110107', categoryCode: '0104' })).toBe(true);
    expect(
      await isOnStreetDutyList(db, { districtCode: '110107', categoryCode: '0402', streetCode: BABAOSHAN }),
    ).toBe(false);
    expect(await findStreetDutyItems(db, { districtCode: '110107', categoryCode: '0102' })).toEqual([
      expect.objectContaining({ itemCode: 'JDZZ-001' }),
      expect.objectContaining({ itemCode: 'JDZZ-002' }),
    ]);
    const depts = await findResponsibleDepartments(db, { districtCode: '110107', categoryCode: '0402' });
    expect(depts).toEqual([
      expect.objectContaining({
        itemCode: 'BMZZ-014',
        departmentCode: expect.stringMatching(/^110107D\d{3}$/),
      }),
    ]);
    const api = await call('street', 'GET', '/api/lists/responsible-departments?category=0402');
    expect(api.json().items).toEqual([
      expect.objectContaining({ departmentName: '石景山供电公司', itemCode: 'BMZZ-014' }),
    ]);
    const check = await call('street', 'GET', '/api/lists/duty-check?category=0601');
    expect(check.json()).toMatchObject({ onDutyList: true, items: [{ itemCode: 'JDZZ-004' }] });
    // A date before the demo lists took effect has no list in force.
    expect(
      await isOnStreetDutyList(db, { districtCode: '110107', categoryCode: '0601', on: '2023-12-31' }),
    ).toBe(false);
  });
});

describe('import: versions with effective dates and approving document', () => {
  const csv = (rows: string[][]) => toCsv([['编号', '事项名称', '类别', '诉求分类'], ...rows]);
  const body = (content: string, extra: Record<string, unknown> = {}) => ({
    kind: 'street_duty',
    scopeCode: LUGU,
    title: '鲁谷街道职责清单',
    approvingDocument: '石政发〔2026〕1号',
    effectiveFrom: '2025-01-01',
    format: 'csv',
    content,
    fileName: 'lugu.csv',
    ...extra,
  });

  it('refuses a whole file with every problem listed (INVALID_LIST_FILE)', async () => {
    const res = await call(
      'admin',
      'POST',
      '/api/lists/import',
      body(
        csv([
          ['A-1', '', '', '0101'],
          ['A-2', '拆违', '', '9999'],
        ]),
      ),
    );
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({
      code: 'INVALID_LIST_FILE',
      message: expect.stringContaining('清单文件有 2 处问题，未导入'),
      details: {
        problems: [
          { row: 2, column: '事项名称', message: '缺少事项名称' },
          { row: 3, column: '诉求分类', message: '未知的诉求分类：9999' },
        ],
      },
    });
  });

  it('requires the approving document, and only a district admin imports', async () => {
    const res = await call(
      'admin',
      'POST',
      '/api/lists/import',
      body(csv([['A-1', '环境', '', '']]), { approvingDocument: ' ' }),
    );
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('VALIDATION_FAILED');
    expect(JSON.stringify(res.json().error.details)).toContain('缺少批准文件');
    const street = await call('street', 'POST', '/api/lists/import', body(csv([['A-1', '环境', '', '']])));
    expect(street.statusCode).toBe(403);
    expect(street.json().error).toMatchObject({ code: 'FORBIDDEN', details: { action: 'list.import' } });
  });

  it('a street’s own list wins over the district’s; a new version closes the old one', async () => {
    const v1 = await call(
      'admin',
      'POST',
      '/api/lists/import',
      body(csv([['LG-1', '鲁谷环境整治', '城市管理', '0101']])),
    );
    expect(v1.statusCode, v1.body).toBe(201);
    expect(v1.json()).toMatchObject({
      itemCount: 1,
      version: { versionNo: 1, scopeCode: LUGU, effectiveFrom: '2025-01-01', effectiveTo: null },
    });
    const db = database.db;
    expect(
      await isOnStreetDutyList(db, { districtCode: '110107', categoryCode: '0101', streetCode: LUGU }),
    ).toBe(true);
    // 0104 is on the district list but not on 鲁谷's own list, which now governs 鲁谷.
    expect(
      await isOnStreetDutyList(db, { districtCode: '110107', categoryCode: '0104', streetCode: LUGU }),
    ).toBe(false);
    expect(
      await isOnStreetDutyList(db, { districtCode: '110107', categoryCode: '0104', streetCode: BABAOSHAN }),
    ).toBe(true);

    const v2 = await call(
      'admin',
      'POST',
      '/api/lists/import',
      body(csv([['LG-1', '鲁谷环境整治', '', '0101、0104']]), { effectiveFrom: '2025-07-01' }),
    );
    expect(v2.json().version).toMatchObject({ versionNo: 2, effectiveFrom: '2025-07-01' });
    const versions = (await call('admin', 'GET', `/api/lists/versions?kind=street_duty&scope=${LUGU}`)).json()
      .items;
    expect(
      versions.map((v: { versionNo: number; effectiveTo: string | null }) => [v.versionNo, v.effectiveTo]),
    ).toEqual([
      [2, null],
      [1, '2025-07-01'],
    ]);
    expect(
      await isOnStreetDutyList(db, {
        districtCode: '110107',
        categoryCode: '0104',
        streetCode: LUGU,
        on: '2025-06-30',
      }),
    ).toBe(false);
    expect(
      await isOnStreetDutyList(db, {
        districtCode: '110107',
        categoryCode: '0104',
        streetCode: LUGU,
        on: '2025-07-01',
      }),
    ).toBe(true);

    const back = await call(
      'admin',
      'POST',
      '/api/lists/import',
      body(csv([['LG-1', 'x', '', '']]), { effectiveFrom: '2025-03-01' }),
    );
    expect(back.statusCode).toBe(409);
    expect(back.json().error).toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining('早于现行第2版'),
    });

    const audits = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'list.import'), eq(auditLog.targetId, v2.json().version.id)));
    expect(audits[0]?.details).toMatchObject({
      kind: 'street_duty',
      versionNo: 2,
      approvingDocument: '石政发〔2026〕1号',
      fileName: 'lugu.csv',
    });
  });

  it('refuses a list kind for a unit level it does not apply to', async () => {
    const res = await call(
      'admin',
      'POST',
      '/api/lists/import',
      body(csv([['A-1', 'x', '', '']]), { scopeCode: `${LUGU.slice(0, 9)}001` }),
    );
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toContain('街道职责清单不能适用于该单位');
  });

  it('exports a version to Excel that imports back as the next version', async () => {
    const versions = (await call('admin', 'GET', '/api/lists/versions?kind=service_catalog')).json().items;
    const exported = await call('admin', 'GET', `/api/lists/versions/${versions[0].id}/export.xlsx`);
    expect(exported.statusCode).toBe(200);
    const rows = await readXlsxRows(exported.rawPayload);
    expect(rows.find((r) => r[0] === 'FWSX-011')).toEqual([
      'FWSX-011',
      '高龄津贴申领',
      '养老服务',
      '年满80周岁的本市户籍老年人',
      '1.居民身份证；2.社会保障卡',
      '5个工作日',
      '社区服务站',
      '是',
    ]);
    const again = await call('admin', 'POST', '/api/lists/import', {
      kind: 'service_catalog',
      title: '服务事项清单（修订）',
      approvingDocument: '石民发〔2026〕9号',
      effectiveFrom: '2026-01-01',
      format: 'xlsx',
      content: Buffer.from(exported.rawPayload).toString('base64'),
    });
    expect(again.statusCode, again.body).toBe(201);
    expect(again.json()).toMatchObject({ itemCount: 33, version: { versionNo: 2 } });
    const v2 = (await call('dept', 'GET', `/api/lists/versions/${again.json().version.id}`)).json();
    const before = (await call('dept', 'GET', `/api/lists/versions/${versions[0].id}`)).json();
    const strip = (items: { id: string }[]) => items.map(({ id: _id, ...rest }) => rest);
    expect(strip(v2.items)).toEqual(strip(before.items));
  });

  it('an unreadable or empty upload is INVALID_LIST_FILE', async () => {
    const res = await call(
      'admin',
      'POST',
      '/api/lists/import',
      body('', { format: 'xlsx', content: 'bm90IGEgemlw' }),
    );
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('INVALID_LIST_FILE');
  });
});
