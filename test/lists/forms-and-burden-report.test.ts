import { beforeAll, describe, expect, it } from 'vitest';
import { readXlsxRows } from '../../src/core/export/xlsx.ts';
import { LUGU_COMMUNITY, request, setupBurdenApp } from './helpers.ts';

let ctx: Awaited<ReturnType<typeof setupBurdenApp>>;
let HOME = '';
let OTHER = '';
beforeAll(async () => {
  ctx = await setupBurdenApp();
  ({ home: HOME, other: OTHER } = ctx);
  // Some requests to count: one accepted as a notice, two refused.
  await call(
    'dept',
    'POST',
    '/api/work-requests',
    request(OTHER, { title: '低保复核', citedItemCode: 'SQZR-003' }),
  );
  await call('dept', 'POST', '/api/work-requests', request(OTHER));
  await call('dept', 'POST', '/api/work-requests', request(OTHER, { citedItemCode: 'SQZR-099' }));
});
const call: Awaited<ReturnType<typeof setupBurdenApp>>['call'] = (...args) => ctx.call(...args);

describe('forms registry: one form per department per community', () => {
  it('refuses a second form from the same department to the same community', async () => {
    const first = await call('dept', 'POST', '/api/forms', {
      communityCode: OTHER,
      name: '市政设施巡查月报',
      formKind: 'report',
      frequency: '每月',
    });
    expect(first.statusCode, first.body).toBe(201);
    const second = await call('dept', 'POST', '/api/forms', {
      communityCode: OTHER,
      name: '道路设施问题台账系统',
      formKind: 'system',
    });
    expect(second.statusCode).toBe(409);
    expect(second.json().error).toMatchObject({
      code: 'FORM_LIMIT_REACHED',
      message: expect.stringContaining('“市政设施巡查月报”，同一部门至多1个（SJS 39）'),
      details: {
        max: 1,
        existing: [{ id: first.json().id, name: '市政设施巡查月报' }],
        rule: { key: 'burden.formsPerDepartmentMax' },
      },
    });
  });

  it('lets the same department ask another community, and another department ask this one', async () => {
    expect(
      (
        await call('dept', 'POST', '/api/forms', {
          communityCode: HOME,
          name: '市政设施巡查月报',
          formKind: 'report',
        })
      ).statusCode,
    ).toBe(201);
    const onBehalf = await call('admin', 'POST', '/api/forms', {
      communityCode: OTHER,
      name: '就业失业登记系统',
      formKind: 'system',
      departmentCode: '110107D021',
    });
    expect(onBehalf.statusCode, onBehalf.body).toBe(201);
    expect(onBehalf.json().departmentCode).toBe('110107D021');
    const notMine = await call('dept', 'POST', '/api/forms', {
      communityCode: OTHER,
      name: 'x',
      formKind: 'report',
      departmentCode: '110107D021',
    });
    expect(notMine.statusCode).toBe(403);
  });

  it('a retired form frees the place; only its own department retires it', async () => {
    const forms = (await call('admin', 'GET', `/api/forms?community=${OTHER}`)).json().items;
    const mine = forms.find((f: { name: string }) => f.name === '市政设施巡查月报');
    const other = forms.find((f: { name: string }) => f.name === '就业失业登记系统');
    const denied = await call('dept', 'POST', `/api/forms/${other.id}/retire`);
    expect(denied.statusCode).toBe(403);
    expect(denied.json().error.code).toBe('FORBIDDEN_SCOPE');
    expect((await call('dept', 'POST', `/api/forms/${mine.id}/retire`)).json().status).toBe('retired');
    const replacement = await call('dept', 'POST', '/api/forms', {
      communityCode: OTHER,
      name: '道路设施问题台账系统',
      formKind: 'system',
    });
    expect(replacement.statusCode).toBe(201);
  });

  it('follows the rule as data: a district override of the cap allows a second form', async () => {
    const set = await call('admin', 'PUT', '/api/policy/overrides/burden.formsPerDepartmentMax', {
      value: 2,
      source: '区减负办试点通知（2026）',
    });
    expect(set.statusCode).toBe(200);
    const second = await call('dept', 'POST', '/api/forms', {
      communityCode: OTHER,
      name: '桥梁巡查周报',
      formKind: 'report',
    });
    expect(second.statusCode).toBe(201);
    const third = await call('dept', 'POST', '/api/forms', {
      communityCode: OTHER,
      name: '第三张表',
      formKind: 'report',
    });
    expect(third.statusCode).toBe(409);
    expect(third.json().error.message).toContain('同一部门至多2个（区减负办试点通知（2026））');
  });
});

describe('meetings (报备) and the burden report', () => {
  it('registers a meeting requiring community staff; a street only for its own communities', async () => {
    const res = await call('street', 'POST', '/api/meetings', {
      title: '垃圾分类推进会',
      heldOn: '2026-03-10',
      communityCodes: [HOME, OTHER],
      attendeesPerCommunity: 2,
      reason: '与物业管理推进会合并召开',
    });
    expect(res.statusCode, res.body).toBe(201);
    const foreign = await call('street', 'POST', '/api/meetings', {
      title: '跨街道会议',
      heldOn: '2026-03-11',
      communityCodes: [LUGU_COMMUNITY],
      attendeesPerCommunity: 1,
      reason: 'x',
    });
    expect(foreign.statusCode).toBe(403);
    expect(foreign.json().error.code).toBe('FORBIDDEN_SCOPE');
  });

  it('counts, per community, requests received and refused, forms and meetings', async () => {
    const res = await call('street', 'GET', '/api/burden-report?from=2026-01-01&to=2027-01-01');
    expect(res.statusCode).toBe(200);
    const report = res.json();
    expect(report.rows.every((r: { code: string }) => r.code.startsWith('110107001'))).toBe(true);
    const other = report.rows.find((r: { code: string }) => r.code === OTHER);
    expect(other).toMatchObject({
      requestsRefused: 2,
      requestsAccepted: 1,
      requestsReceived: 3,
      formsActive: 3,
      meetings: 1,
      meetingAttendances: 2,
    });
    expect(report.totals.requestsReceived).toBeGreaterThanOrEqual(other.requestsReceived);
  });

  it('exports the burden report as Excel; other streets and the hotline are refused', async () => {
    const res = await call(
      'admin',
      'GET',
      '/api/burden-report.xlsx?street=110107001000&from=2026-01-01&to=2027-01-01',
    );
    expect(res.statusCode).toBe(200);
    const rows = await readXlsxRows(res.rawPayload);
    expect(rows[0]).toEqual(['社区减负情况统计表']);
    const line = rows.find((r) => r[2] === OTHER);
    expect(line?.slice(3)).toEqual(['3', '1', '2', '3', '1', '2']);
    expect((await call('street', 'GET', '/api/burden-report?street=110107011000')).statusCode).toBe(403);
    const hotline = await call('hotline', 'GET', '/api/burden-report');
    expect(hotline.statusCode).toBe(403);
    expect(hotline.json().error.code).toBe('FORBIDDEN');
  });
});
