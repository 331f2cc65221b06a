import { count, isNotNull } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/core/db/connection.ts';
import type { App } from '../../src/http/server.ts';
import { sweepReminders } from '../../src/tasks/sweep-reminders.ts';
import { taskReminders, tasks } from '../../src/tasks/tables.ts';
import { openTestDatabase } from '../db.ts';
import { buildDemoDistrict, buildTestApp, loginAs } from '../factories.ts';
import { fromToday, lastMonthZh, zhDate } from './helpers.ts';

let database: Database;
let app: App;
const cookies: Record<string, string> = {};
const ROTATION = ['区委组织部', '区民政局', '八宝山街道'];

/** 30 tasks due in 3 days, 5 overdue, 1 far off, 1 for every street due tomorrow, 1 done before the sweep. */
function manyTasks(): string {
  const lines = ['到期提醒测试方案', '一、重点任务'];
  const task = (no: number, lead: string, deadline: string) =>
    lines.push(`${no}.第${no}项测试任务，按期完成。`, `牵头单位:${lead}`, `完成时间:${deadline}`);
  for (let no = 1; no <= 30; no++) task(no, ROTATION[no % 3] as string, zhDate(fromToday(3)));
  for (let no = 31; no <= 35; no++) task(no, '区财政局', lastMonthZh());
  task(36, '鲁谷街道', zhDate(fromToday(60)));
  task(37, '各街道', zhDate(fromToday(1)));
  task(38, '区城市管理委', zhDate(fromToday(2)));
  return lines.join('\n');
}

beforeAll(async () => {
  database = await openTestDatabase({ demo: true });
  await buildDemoDistrict(database);
  ({ app } = await buildTestApp(database));
  for (const u of ['supervisor', 'street', 'street2', 'dept']) cookies[u] = await loginAs(app, u);
});

const call = async (user: string, method: 'GET' | 'POST', url: string, payload?: Record<string, unknown>) => {
  const res = await app.inject({
    method,
    url,
    headers: { cookie: cookies[user] ?? '' },
    ...(payload ? { payload } : {}),
  });
  return { status: res.statusCode, body: res.json() };
};

describe('reminders before deadlines and overdue notices', () => {
  it('several sweeps at once claim each task once: no reminder fires twice', async () => {
    const imported = await call('supervisor', 'POST', '/api/task-plans', {
      text: manyTasks(),
      dueSoonDays: 7,
    });
    expect(imported.status, JSON.stringify(imported.body)).toBe(201);
    expect(imported.body).toMatchObject({ tasks: 38, unmatched: [] });
    const plan = await call('supervisor', 'GET', `/api/task-plans/${imported.body.planId}`);
    const t38 = plan.body.tasks.find((t: { no: number }) => t.no === 38);
    const done = await call('dept', 'POST', `/api/tasks/${t38.id}/progress`, { text: '已完成', done: true });
    expect(done.body.taskDone).toBe(true);

    const runs = await Promise.all([1, 2, 3, 4].map(() => sweepReminders({ db: database.db })));
    const sum = (k: 'dueSoon' | 'overdue' | 'reminders') => runs.reduce((n, r) => n + r[k], 0);
    // 30 + the all-streets task are due soon; 5 are overdue; the far one and the done one are not.
    expect([sum('dueSoon'), sum('overdue'), sum('reminders')]).toEqual([31, 5, 30 + 9 + 5]);
    const [rows] = await database.db.select({ n: count() }).from(taskReminders);
    expect(rows?.n).toBe(44);
    const [claimed] = await database.db.select({ n: count() }).from(tasks).where(isNotNull(tasks.remindedAt));
    expect(claimed?.n).toBe(31);

    const rerun = await sweepReminders({ db: database.db });
    expect(rerun).toMatchObject({ dueSoon: 0, overdue: 0, reminders: 0 });
    const http = await call('supervisor', 'POST', '/api/task-reminders/sweep');
    expect(http.status).toBe(200);
    expect(http.body).toMatchObject({ dueSoon: 0, overdue: 0, reminders: 0 });
  });

  it('each unit sees the reminders addressed to it; only supervisors run the sweep', async () => {
    const mine = await call('street', 'GET', '/api/task-reminders');
    expect(mine.status).toBe(200);
    expect(mine.body.items).toHaveLength(11);
    expect(
      mine.body.items.every(
        (i: { unit: string; kind: string }) => i.unit === '八宝山街道' && i.kind === 'due_soon',
      ),
    ).toBe(true);
    const other = await call('street2', 'GET', '/api/task-reminders');
    expect(other.body.items).toMatchObject([
      { no: 37, unit: '鲁谷街道', kind: 'due_soon', dueDate: fromToday(1) },
    ]);
    const overdue = (await call('supervisor', 'GET', '/api/task-reminders')).body.items.filter(
      (i: { kind: string }) => i.kind === 'overdue',
    );
    expect(overdue.map((i: { no: number }) => i.no).sort()).toEqual([31, 32, 33, 34, 35]);
    const denied = await call('street', 'POST', '/api/task-reminders/sweep');
    expect(denied.status).toBe(403);
    expect(denied.body).toEqual({
      error: {
        code: 'FORBIDDEN',
        message: expect.stringContaining('当前角色无权'),
        details: { action: 'task.remind' },
      },
    });
  });
});
