import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../src/core/audit/tables.ts';
import type { Database } from '../../src/core/db/connection.ts';
import type { App } from '../../src/http/server.ts';
import { openTestDatabase } from '../db.ts';
import { buildDemoDistrict, buildTestApp, loginAs } from '../factories.ts';
import { SAMPLE_A, UNITS } from './helpers.ts';

let database: Database;
let app: App;
const cookies: Record<string, string> = {};

beforeAll(async () => {
  database = await openTestDatabase({ demo: true });
  await buildDemoDistrict(database);
  ({ app } = await buildTestApp(database));
  for (const u of ['admin', 'supervisor', 'dept']) cookies[u] = await loginAs(app, u);
});

type Json = Record<string, unknown>;
const call = async (user: string, method: 'GET' | 'POST', url: string, payload?: Json) => {
  const res = await app.inject({
    method,
    url,
    headers: { cookie: cookies[user] ?? '' },
    ...(payload ? { payload } : {}),
  });
  return { status: res.statusCode, body: res.json() };
};
interface Link {
  role: string;
  writtenName: string;
  unit: { code: string; name: string } | null;
  match: string;
}

/** A plan in another district's style: names this district's tree does not know. */
const planWith = (title: string, lead: string, co: string) =>
  `${title}\n一、网格管理\n1.建立网格事项准入制度，统一网格事项清单。\n牵头单位:${lead}\n协办单位:${co}\n完成时间:2030年6月\n`;

describe('unit names: resolved automatically, or mapped once by a person and remembered', () => {
  it('the pasted sample resolves completely: exact, alias, fuzzy and collective names', async () => {
    const res = await call('admin', 'POST', '/api/task-plans', { text: SAMPLE_A });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({ tasks: 7, unmatched: [] });
    const plan = await call('admin', 'GET', `/api/task-plans/${res.body.planId}`);
    const units = plan.body.tasks.map((t: { units: Link[] }) => t.units) as Link[][];
    const summary = (links: Link[]) => [
      ...new Map(
        links.map((l) => [
          `${l.role}:${l.writtenName}`,
          `${l.role} ${l.writtenName} ${l.match} ${links.filter((x) => x.writtenName === l.writtenName && x.role === l.role).length}`,
        ]),
      ).values(),
    ];
    expect(summary(units[0] as Link[])).toEqual([
      'lead 区委组织部 exact 1',
      'co 区民政局(区委社会工委) fuzzy 1',
      'co 各街道党工委 group 9',
    ]);
    expect(summary(units[3] as Link[])).toEqual([
      'lead 区城管监督指挥中心 alias 1',
      'co 区政府办公室 exact 1',
      // every department but the lead (the centre) and the office named before it
      'co 各相关部门 group 27',
      'co 各街道 group 9',
    ]);
    expect(summary(units[5] as Link[])).toEqual([
      'lead 区财政局 exact 1',
      'co 区民政局(区委社会工委) fuzzy 1',
      'co 各街道 group 9',
    ]);
  });

  it('lists names no unit was found for, with suggestions; only supervisors see and map them', async () => {
    const res = await call('supervisor', 'POST', '/api/task-plans', {
      text: planWith('网格事项准入工作方案', '区网格化服务管理中心', '市民政局、区民政局'),
    });
    expect(res.status).toBe(201);
    expect(res.body.unmatched).toMatchObject([
      { name: '区网格化服务管理中心', taskNos: [1] },
      {
        name: '市民政局',
        taskNos: [1],
        suggestions: expect.arrayContaining([{ code: UNITS.civilAffairs, name: '区民政局' }]),
      },
    ]);
    const list = await call('supervisor', 'GET', '/api/task-unit-names/unmatched');
    expect(list.status).toBe(200);
    expect(list.body.items.map((i: { name: string }) => i.name).sort()).toEqual([
      '区网格化服务管理中心',
      '市民政局',
    ]);
    const denied = await call('dept', 'GET', '/api/task-unit-names/unmatched');
    expect(denied.status).toBe(403);
    expect(denied.body).toEqual({
      error: {
        code: 'FORBIDDEN',
        message: expect.stringContaining('当前角色无权'),
        details: { action: 'task_unit_name.read' },
      },
    });
    const mapDenied = await call('dept', 'POST', '/api/task-unit-names/mappings', {
      name: '市民政局',
      unitCodes: [],
    });
    expect(mapDenied.status).toBe(403);
  });

  it('a mapping completes the waiting tasks at once and is used by every later import', async () => {
    const bad = await call('supervisor', 'POST', '/api/task-unit-names/mappings', {
      name: '区网格化服务管理中心',
      unitCodes: ['110107D999'],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({
      code: 'VALIDATION_FAILED',
      message: expect.stringContaining('110107D999'),
    });

    const mapped = await call('supervisor', 'POST', '/api/task-unit-names/mappings', {
      name: '区网格化服务管理中心',
      unitCodes: [UNITS.centre],
    });
    expect(mapped.status).toBe(200);
    expect(mapped.body).toEqual({
      name: '区网格化服务管理中心',
      nameKey: '区网格化服务管理中心',
      units: [{ code: UNITS.centre, name: '区指挥中心' }],
      tasksUpdated: 1,
    });
    // A city bureau is not a unit of this district: remembered as such, no longer listed.
    const ignored = await call('supervisor', 'POST', '/api/task-unit-names/mappings', {
      name: '市民政局',
      unitCodes: [],
    });
    expect(ignored.body).toMatchObject({ units: [], tasksUpdated: 1 });
    expect((await call('supervisor', 'GET', '/api/task-unit-names/unmatched')).body.items).toEqual([]);

    const plans = (await call('supervisor', 'GET', '/api/task-plans')).body.items as {
      id: string;
      title: string;
    }[];
    const first = plans.find((p) => p.title === '网格事项准入工作方案') as { id: string };
    const [t] = (await call('supervisor', 'GET', `/api/task-plans/${first.id}`)).body.tasks as {
      units: Link[];
    }[];
    expect(t?.units.map((l) => [l.role, l.writtenName, l.match, l.unit?.code ?? null])).toEqual([
      ['lead', '区网格化服务管理中心', 'mapped', UNITS.centre],
      ['co', '市民政局', 'ignored', null],
      ['co', '区民政局', 'exact', UNITS.civilAffairs],
    ]);

    const again = await call('supervisor', 'POST', '/api/task-plans', {
      text: planWith('网格事项准入工作方案（第二批）', '区网格化服务管理中心（牵头）', '市民政局'),
    });
    expect(again.status).toBe(201);
    expect(again.body.unmatched).toEqual([]);
    const mappings = await call('admin', 'GET', '/api/task-unit-names/mappings');
    const byName = (a: { name: string }, b: { name: string }) => (a.name < b.name ? -1 : 1);
    expect([...mappings.body.items].sort(byName)).toMatchObject([
      { name: '区网格化服务管理中心', units: [{ code: UNITS.centre }], updatedBy: 'supervisor' },
      { name: '市民政局', units: [] },
    ]);
    const audited = await database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, 'task_unit_name.map'));
    expect(audited.map((a) => a.targetId).sort()).toEqual(['区网格化服务管理中心', '市民政局']);
  });

  it('refuses a text without numbered tasks', async () => {
    const res = await call('supervisor', 'POST', '/api/task-plans', {
      text: '关于做好有关工作的通知\n请各单位认真落实。',
    });
    expect(res.status).toBe(422);
    expect(res.body.error).toMatchObject({
      code: 'PLAN_NO_TASKS',
      message: expect.stringContaining('未找到编号任务'),
    });
  });
});
