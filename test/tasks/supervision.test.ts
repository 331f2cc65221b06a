import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../src/core/audit/tables.ts';
import type { Database } from '../../src/core/db/connection.ts';
import { readXlsxRows } from '../../src/core/export/xlsx.ts';
import type { App } from '../../src/http/server.ts';
import { parsePlan } from '../../src/tasks/plan-parser/parse-plan.ts';
import { openTestDatabase } from '../db.ts';
import { buildDemoDistrict, buildTestApp, loginAs } from '../factories.ts';
import { addStaff, fromToday, lastMonthZh, SAMPLE_A, sampleWithDeadlines, UNITS, zhDate } from './helpers.ts';

let database: Database;
let app: App;
const cookies: Record<string, string> = {};
const PLAN = sampleWithDeadlines({
  1: lastMonthZh(), // overdue
  3: zhDate(fromToday(3)), // due soon: yellow
  5: lastMonthZh(), // overdue, two lead units
  7: zhDate(fromToday(400), true), // far away: green
  8: zhDate(fromToday(30)),
});

beforeAll(async () => {
  database = await openTestDatabase({ demo: true });
  await buildDemoDistrict(database);
  await addStaff(database, 'zzb', UNITS.organisation, 'dept_handler');
  await addStaff(database, 'rsj', UNITS.humanResources, 'dept_handler');
  ({ app } = await buildTestApp(database));
  for (const u of ['supervisor', 'street', 'street2', 'dept', 'zzb', 'rsj', 'auditor'])
    cookies[u] = await loginAs(app, u);
});

type Json = Record<string, unknown>;
const call = async (user: string, method: 'GET' | 'POST', url: string, payload?: Json) => {
  const res = await app.inject({
    method,
    url,
    headers: { cookie: cookies[user] ?? '' },
    ...(payload ? { payload } : {}),
  });
  return {
    status: res.statusCode,
    body: String(res.headers['content-type']).includes('json') ? res.json() : null,
    raw: res,
  };
};
interface TaskItem {
  id: string;
  no: number;
  status: string;
  color: string;
  units: { role: string; writtenName: string; unit: { code: string; name: string } | null; match: string }[];
}
let planId = '';
let tasks: TaskItem[] = [];
const task = (no: number) => tasks.find((t) => t.no === no) as TaskItem;
const refresh = async () => {
  tasks = (await call('supervisor', 'GET', `/api/task-plans/${planId}`)).body.tasks;
};

describe('a plan imported end to end: parse → resolve → tasks → progress → status → bulletin → Excel', () => {
  it('previews the pasted sample: the same parse as the parser, and every unit name resolved', async () => {
    const res = await call('supervisor', 'POST', '/api/task-plans/parse', { text: SAMPLE_A });
    expect(res.status).toBe(200);
    const { units, ...parsed } = res.body;
    expect(parsed).toEqual(parsePlan(SAMPLE_A));
    const byName = new Map(
      (units as { name: string; match: string; units: { name: string }[] }[]).map((u) => [u.name, u]),
    );
    expect(byName.get('区民政局(区委社会工委)')).toMatchObject({
      match: 'fuzzy',
      units: [{ name: '区民政局' }],
    });
    expect(byName.get('区城管监督指挥中心')).toMatchObject({
      match: 'alias',
      units: [{ name: '区指挥中心' }],
    });
    expect(byName.get('各街道')?.units).toHaveLength(9);
    expect(byName.get('各街道党工委')?.units).toHaveLength(9);
    expect([...byName.values()].filter((u) => u.match === 'unmatched')).toEqual([]);
  });

  it('imports the plan as tasks linked to departments and streets (audited); a second import is refused', async () => {
    const res = await call('supervisor', 'POST', '/api/task-plans', { text: PLAN, dueSoonDays: 7 });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({ tasks: 8, unmatched: [], warnings: [] });
    planId = res.body.planId;
    await refresh();
    expect(tasks.map((t) => t.no)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    const leads = (no: number) =>
      task(no)
        .units.filter((u) => u.role === 'lead')
        .map((u) => u.unit?.name);
    expect(leads(4)).toEqual(['区指挥中心']);
    expect(leads(5)).toEqual(['区委组织部', '区人力资源社会保障局']);
    const co1 = task(1).units.filter((u) => u.role === 'co');
    expect(co1[0]).toMatchObject({
      writtenName: '区民政局(区委社会工委)',
      unit: { code: UNITS.civilAffairs },
    });
    expect(co1.filter((u) => u.writtenName === '各街道党工委')).toHaveLength(9);
    // 各相关部门 names every department except the lead and the co-unit already named.
    const co4 = task(4)
      .units.filter((u) => u.writtenName === '各相关部门')
      .map((u) => u.unit?.name);
    expect(co4).toContain('区委组织部');
    expect(co4).not.toContain('区指挥中心');
    expect(co4).not.toContain('区政府办公室');

    const again = await call('supervisor', 'POST', '/api/task-plans', { text: PLAN });
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({ code: 'PLAN_ALREADY_IMPORTED', details: { planId } });
    const [entry] = await database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'task_plan.import'), eq(auditLog.targetId, planId)));
    expect(entry?.details).toMatchObject({ tasks: 8, unmatched: [] });
  });

  it('computes red-yellow-green statuses from the deadlines and today', () => {
    expect(Object.fromEntries(tasks.map((t) => [t.no, t.status]))).toEqual({
      1: 'overdue',
      2: 'on_track',
      3: 'at_risk',
      4: 'on_track',
      5: 'overdue',
      6: 'on_track',
      7: 'on_track',
      8: 'on_track',
    });
    expect(task(1).color).toBe('red');
    expect(task(3).color).toBe('yellow');
  });

  it('a street sees only tasks naming it; a co-unit contributes but cannot declare the task done', async () => {
    const seen = await call('street', 'GET', `/api/task-plans/${planId}`);
    expect(seen.status).toBe(200);
    expect(seen.body.tasks.map((t: TaskItem) => t.no)).toEqual([1, 2, 3, 4, 6, 7, 8]);
    const evidence = { name: '党工委会议纪要', ref: 'doc:BBS-2025-017' };
    const co = await call('street', 'POST', `/api/tasks/${task(1).id}/progress`, {
      text: '已修订街道党工委议事规则并报区委组织部',
      attachments: [evidence],
    });
    expect(co.status, JSON.stringify(co.body)).toBe(201);
    expect(co.body).toMatchObject({
      taskDone: false,
      progress: { unit: '八宝山街道', role: 'co', attachments: [evidence] },
    });
    const done = await call('street', 'POST', `/api/tasks/${task(1).id}/progress`, {
      text: '完成',
      done: true,
    });
    expect(done.status).toBe(400);
    expect(done.body.error).toMatchObject({
      code: 'VALIDATION_FAILED',
      message: expect.stringContaining('只有牵头单位'),
    });
  });

  it('lead units report per period; the task is done when every lead unit is', async () => {
    const one = await call('dept', 'POST', `/api/tasks/${task(7).id}/progress`, {
      text: '网格划分完成',
      done: true,
    });
    expect(one.status, JSON.stringify(one.body)).toBe(201);
    expect(one.body).toMatchObject({ taskDone: true, progress: { unit: '区城市管理委', role: 'lead' } });
    const first = await call('zzb', 'POST', `/api/tasks/${task(5).id}/progress`, {
      text: '考核办法已印发',
      done: true,
    });
    expect(first.body.taskDone).toBe(false);
    const second = await call('rsj', 'POST', `/api/tasks/${task(5).id}/progress`, {
      text: '已纳入考核',
      done: true,
    });
    expect(second.body.taskDone).toBe(true);
    const report = await call('zzb', 'POST', `/api/tasks/${task(1).id}/progress`, {
      period: '2024-12',
      text: '议事规则初稿已完成征求意见',
    });
    expect(report.status).toBe(201);
    expect(report.body.progress.period).toBe('2024-12');
    const future = await call('zzb', 'POST', `/api/tasks/${task(1).id}/progress`, {
      period: '2999-01',
      text: 'x',
    });
    expect(future.status).toBe(400);
    const closed = await call('dept', 'POST', `/api/tasks/${task(7).id}/progress`, { text: '补充材料' });
    expect(closed.status).toBe(409);
    expect(closed.body.error.code).toBe('CONFLICT');
    await refresh();
    expect([task(5).status, task(7).status, task(1).status]).toEqual(['done', 'done', 'overdue']);
  });

  it('supervisors comment; the task page shows progress and comments; others may not comment', async () => {
    const c = await call('supervisor', 'POST', `/api/tasks/${task(1).id}/comments`, {
      text: '请于本周内报送完成情况',
    });
    expect(c.status).toBe(201);
    const denied = await call('street', 'POST', `/api/tasks/${task(1).id}/comments`, { text: '收到' });
    expect(denied.status).toBe(403);
    expect(denied.body).toEqual({
      error: {
        code: 'FORBIDDEN',
        message: expect.stringContaining('当前角色无权'),
        details: { action: 'task.comment' },
      },
    });
    const detail = await call('street', 'GET', `/api/tasks/${task(1).id}`);
    expect(detail.status).toBe(200);
    expect(detail.body.progress.map((p: { unit: string }) => p.unit)).toEqual(['八宝山街道', '区委组织部']);
    expect(detail.body.comments).toMatchObject([{ text: '请于本周内报送完成情况', author: 'supervisor' }]);
    expect(detail.body.latestProgress).toMatchObject({
      unit: '区委组织部',
      text: '议事规则初稿已完成征求意见',
    });
  });

  it('the bulletin lists overdue tasks and ranks lead units by completion', async () => {
    const res = await call('supervisor', 'GET', `/api/task-plans/${planId}/bulletin`);
    expect(res.status).toBe(200);
    expect(res.body.totals).toEqual({ tasks: 8, on_track: 4, at_risk: 1, overdue: 1, done: 2 });
    expect(res.body.overdue).toMatchObject([
      { no: 1, pendingLeads: ['区委组织部'], deadlineText: lastMonthZh() },
    ]);
    const ranking = res.body.ranking as {
      rank: number;
      unitName: string;
      leadTasks: number;
      done: number;
      overdue: number;
      completionRate: number;
    }[];
    expect(ranking.slice(0, 2).map((r) => [r.rank, r.unitName, r.completionRate])).toEqual([
      [1, '区城市管理委', 1],
      [1, '区人力资源社会保障局', 1],
    ]);
    expect(ranking.find((r) => r.unitName === '区委组织部')).toMatchObject({
      leadTasks: 3,
      done: 1,
      overdue: 1,
    });
    expect(ranking.at(-1)?.completionRate).toBe(0);
    const denied = await call('street', 'GET', `/api/task-plans/${planId}/bulletin`);
    expect(denied.status).toBe(403);
    expect(denied.body.error.code).toBe('FORBIDDEN');
  });

  it('exports the plan with its status in the paper plan columns', async () => {
    const res = await call('auditor', 'GET', `/api/task-plans/${planId}/export.xlsx`);
    expect(res.status).toBe(200);
    expect(res.raw.headers['content-type']).toContain('spreadsheetml');
    const rows = await readXlsxRows(res.raw.rawPayload);
    expect(rows[0]?.[0]).toBe('示例区落实街道管理体制改革的任务分解方案（本文件为格式示例，内容虚构）');
    const header = rows.findIndex((r) => r[0] === '序号');
    expect(rows[header]).toEqual([
      '序号',
      '任务内容',
      '牵头单位',
      '协办单位',
      '完成时间',
      '状态',
      '最新进展',
    ]);
    const body = rows.slice(header + 1);
    expect(body[0]?.[1]).toBe('一、加强党建引领');
    const row = (no: number) => body.find((r) => r[0] === String(no)) as string[];
    expect(row(1).slice(1, 5)).toEqual([
      parsePlan(PLAN).tasks[0]?.content,
      '区委组织部',
      '区民政局(区委社会工委)、各街道党工委',
      lastMonthZh(),
    ]);
    expect(row(1)[5]).toMatch(/^已逾期（已逾期 \d+ 天）$/);
    expect(row(1)[6]).toContain('区委组织部（2024-12）：议事规则初稿已完成征求意见');
    expect(row(5).slice(2, 6)).toEqual([
      '区委组织部、区人力资源社会保障局',
      '',
      lastMonthZh(),
      expect.stringMatching(/^已完成/),
    ]);
    expect(row(7)[5]).toBe('已完成');
    expect(row(3)[5]).toMatch(/^存在风险/);
    expect(body.filter((r) => /^\d+$/.test(r[0] ?? ''))).toHaveLength(8);
  });
});

describe('scope: a street reports only on its own tasks', () => {
  it('another street can neither read nor report on a task only 八宝山街道 is named on (403 audited)', async () => {
    const t8 = task(8);
    const read = await call('street2', 'GET', `/api/tasks/${t8.id}`);
    expect(read.status).toBe(403);
    expect(read.body).toEqual({
      error: {
        code: 'FORBIDDEN_SCOPE',
        message: expect.stringContaining('无权访问本辖区以外的数据'),
        details: { action: 'task.read' },
      },
    });
    const report = await call('street2', 'POST', `/api/tasks/${t8.id}/progress`, { text: '代为报送' });
    expect(report.status).toBe(403);
    expect(report.body).toEqual({
      error: {
        code: 'FORBIDDEN_SCOPE',
        message: expect.stringContaining('无权访问本辖区以外的数据'),
        details: { action: 'task.report' },
      },
    });
    const [denial] = await database.db
      .select()
      .from(auditLog)
      .where(
        and(eq(auditLog.action, 'access.denied'), eq(auditLog.targetId, `POST /api/tasks/${t8.id}/progress`)),
      );
    expect(denial?.actorLabel).toBe('street2');
    const own = await call('street', 'POST', `/api/tasks/${t8.id}/progress`, {
      text: '试点小区已确定',
      done: true,
    });
    expect(own.status).toBe(201);
    expect(own.body).toMatchObject({ taskDone: true, progress: { role: 'lead', unit: '八宝山街道' } });
  });

  it('a department sees only the tasks naming it, and a plan with none of its tasks is out of scope', async () => {
    const dept = await call('dept', 'GET', `/api/task-plans/${planId}`);
    expect(dept.body.tasks.map((t: TaskItem) => t.no)).toEqual([4, 7]);
    const rsj = await call('rsj', 'GET', '/api/task-plans');
    expect(rsj.body.items).toMatchObject([{ id: planId, counts: { tasks: 2 } }]);
    const foreign = await call('rsj', 'GET', `/api/tasks/${task(1).id}`);
    expect(foreign.status).toBe(403);
    expect(foreign.body.error.code).toBe('FORBIDDEN_SCOPE');
    const importDenied = await call('dept', 'POST', '/api/task-plans', { text: SAMPLE_A });
    expect(importDenied.status).toBe(403);
    expect(importDenied.body.error).toMatchObject({
      code: 'FORBIDDEN',
      details: { action: 'task_plan.import' },
    });
  });
});
