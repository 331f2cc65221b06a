/**
 * The fixed fixture of the assessment's end-to-end test, built through the API like real work:
 * demands, whistles, grid events, a task plan with progress. Every number the rankings show is
 * hand-computed from it in ranking.test.ts.
 */
import type { Database } from '../../src/core/db/connection.ts';
import type { App } from '../../src/http/server.ts';
import { addStaff } from '../grid-work/helpers.ts';
import { act, call, pointIn } from './helpers.ts';

export const BABAOSHAN = '110107001000';
export const LUGU = '110107011000';
export const CITY_ADMIN = '110107D007'; // 区城市管理委员会 (demo user "dept")
export const CIVIL_AFFAIRS = '110107D014'; // 区民政局 (user "mzj" added here)
const B_GRID = '110107001003001';
const B_COMMUNITY = '110107001003';
const L_GRID = '110107011001001';

export interface Fixture {
  /** Demand codes by name: B1–B3 八宝山, L1–L2 鲁谷, D7 区城管委, D14 区民政局. */
  demands: Record<string, string>;
  /** Grid event codes E1–E5 and the codes of the demands E4/E5 created at 区城管委. */
  events: Record<string, string>;
  eventDemands: string[];
  /** Whistle codes W1 (八宝山: 区城管委 + 区民政局) and W2 (鲁谷: 区城管委). */
  whistles: Record<string, string>;
  /** Task ids by plan number. */
  tasks: Record<number, string>;
}

export const USERS = [
  'hotline',
  'street',
  'street2',
  'dept',
  'mzj',
  'grid',
  'grid2',
  'community',
  'supervisor',
  'admin',
];

/** Adds the two users the demo lacks (民政局 handler, a 鲁谷 grid worker). */
export async function addFixtureUsers(database: Database): Promise<void> {
  await addStaff(database, 'mzj', CIVIL_AFFAIRS, 'dept_handler', '民政局承办人');
  await addStaff(database, 'grid2', L_GRID, 'grid_worker', '鲁谷网格员');
}

/** Builds the fixture; `c` holds a session cookie per user of USERS. */
export async function buildFixture(
  app: App,
  database: Database,
  c: Record<string, string>,
): Promise<Fixture> {
  const as = (u: string) => c[u] as string;
  const f: Fixture = { demands: {}, events: {}, eventDemands: [], whistles: {}, tasks: {} };

  // —— demands ——
  const demand = async (
    name: string,
    grid: string,
    handler: string,
    callback: Record<string, unknown> | null,
    owner?: string,
  ) => {
    const d = await call(
      app,
      as('hotline'),
      'POST',
      '/api/demands',
      {
        content: owner ? '反映的问题需要职能部门尽快协调处理' : '小区楼道杂物堆放无人清理',
        type: '投诉',
        point: await pointIn(database, grid),
        ...(owner ? { action: { kind: 'dispatch', ownerUnitCode: owner } } : {}),
      },
      201,
    );
    f.demands[name] = d.code;
    if (!callback) return;
    await act(app, as(handler), d.id, { kind: 'sign' });
    await act(app, as(handler), d.id, { kind: 'contact', note: '已联系' });
    await act(app, as(handler), d.id, { kind: 'reply', result: '已组织处理完毕' });
    await act(app, as('hotline'), d.id, { kind: 'callback', reached: true, ...callback });
  };
  await demand('B1', B_GRID, 'street', { resolved: true, satisfaction: 'satisfied' });
  await demand('B2', B_GRID, 'street', { resolved: false, satisfaction: 'unsatisfied' });
  await demand('B3', B_GRID, 'street', null); // not signed yet, its limit not passed: pending
  await demand('L1', L_GRID, 'street2', { resolved: true, satisfaction: 'basically_satisfied' });
  await demand('L2', L_GRID, 'street2', { resolved: false, satisfaction: 'satisfied' });
  await demand('D7', L_GRID, 'dept', { resolved: true, satisfaction: 'satisfied' }, CITY_ADMIN);
  await demand('D14', B_GRID, 'mzj', { resolved: false, satisfaction: 'unsatisfied' }, CIVIL_AFFAIRS);

  // —— grid events ——
  const report = async (name: string, who: string, grid: string, body: Record<string, unknown>) => {
    const e = await call(app, as(who), 'POST', '/api/grid-events', { gridCode: grid, ...body }, 201);
    f.events[name] = e.code;
    return e.id as string;
  };
  const ev = (who: string, id: string, body: unknown) =>
    call(app, as(who), 'POST', `/api/grid-events/${id}/actions`, body);
  const onSpot = { result: '当场处置完毕', evidence: [] };
  await report('E1', 'grid', B_GRID, {
    categoryCode: 'E0101',
    description: '小区门口暴露垃圾一堆',
    closeOnSpot: onSpot,
  });
  const e2 = await report('E2', 'grid', B_GRID, {
    categoryCode: 'E0502',
    description: '小区门口占道经营水果摊',
  });
  await ev('community', e2, { kind: 'register' });
  await ev('community', e2, { kind: 'dispatch', handlerUnitCode: B_COMMUNITY });
  await report('E3', 'grid2', L_GRID, {
    categoryCode: 'E0101',
    description: '路口暴露垃圾需清运',
    closeOnSpot: onSpot,
  });
  for (const [name, rework] of [
    ['E4', true],
    ['E5', false],
  ] as const) {
    const id = await report(name, 'grid', B_GRID, {
      categoryCode: 'B0103',
      description: '雨水井盖破损下陷，有绊倒风险',
    });
    await ev('community', id, { kind: 'escalate', note: '需区城管委协调' });
    await ev('street', id, { kind: 'register' });
    const d = await ev('street', id, { kind: 'dispatch', handlerUnitCode: CITY_ADMIN });
    f.eventDemands.push(d.demand.code);
    await ev('dept', id, { kind: 'dispose', result: '已更换井盖', evidence: [] });
    if (rework) {
      await ev('grid', id, { kind: 'verify', passed: false, note: '井盖仍松动' });
      await ev('dept', id, { kind: 'dispose', result: '已重新安装固定', evidence: [] });
    }
    await ev('grid', id, { kind: 'verify', passed: true, note: '现场核查通过' });
    await ev('street', id, { kind: 'close', note: '结案' });
  }

  // —— whistles ——
  const blow = async (name: string, who: string, units: string[]) => {
    const w = await call(
      app,
      as(who),
      'POST',
      '/api/whistles',
      {
        title: `${name} 联合整治`,
        description: '背街小巷环境问题需要多部门联合处置',
        reportWithinHours: 2,
        actWithinWorkingDays: 2,
        summons: units.map((unitCode) => ({ unitCode })),
      },
      201,
    );
    f.whistles[name] = w.code;
    return w as { id: string; summons: { id: string; code: string }[] };
  };
  const wact = (who: string, id: string, body: unknown) =>
    call(app, as(who), 'POST', `/api/whistles/${id}/actions`, body);
  const w1 = await blow('W1', 'street', [CITY_ADMIN, CIVIL_AFFAIRS]);
  const s1 = (code: string) => w1.summons.find((s) => s.code === code)?.id as string;
  await wact('dept', w1.id, { kind: 'check_in', summonsId: s1(CITY_ADMIN), note: '已到现场' });
  await wact('street', w1.id, {
    kind: 'close',
    summary: '整治完成',
    ratings: [
      { summonsId: s1(CITY_ADMIN), score: 90 },
      { summonsId: s1(CIVIL_AFFAIRS), score: 40, comment: '未报到' },
    ],
  });
  const w2 = await blow('W2', 'street2', [CITY_ADMIN]);
  const s2 = w2.summons[0]?.id as string;
  await wact('dept', w2.id, { kind: 'check_in', summonsId: s2 });
  await wact('street2', w2.id, {
    kind: 'close',
    summary: '整治完成',
    ratings: [{ summonsId: s2, score: 80 }],
  });

  // —— supervised tasks: five due on 1 January (past), one on 31 December (not yet due) ——
  const year = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 4);
  const task = (no: number, content: string, lead: string, due: string) =>
    `${no}.${content}\n牵头单位:${lead}\n完成时间:${year}年${due}\n`;
  const text = [
    `${year}年街道和部门重点任务分解方案\n一、重点任务\n`,
    task(1, '完成老旧小区楼道杂物清理专项行动。', '八宝山街道', '1月1日'),
    task(2, '建成八宝山街道社区议事厅。', '八宝山街道', '1月1日'),
    task(3, '完成鲁谷街道背街小巷环境整治。', '鲁谷街道', '1月1日'),
    task(4, '完成全区井盖隐患排查。', '区城管委', '1月1日'),
    task(5, '完成社区服务站标准化建设验收。', '区民政局', '1月1日'),
    task(6, '推进八宝山街道智慧社区建设。', '八宝山街道', '12月31日'),
  ].join('');
  const plan = await call(app, as('supervisor'), 'POST', '/api/task-plans', { text }, 201);
  const detail = await call(app, as('supervisor'), 'GET', `/api/task-plans/${plan.planId}`);
  for (const t of detail.tasks as { id: string; no: number }[]) f.tasks[t.no] = t.id;
  const done = (who: string, no: number) =>
    call(app, as(who), 'POST', `/api/tasks/${f.tasks[no]}/progress`, { text: '已完成', done: true }, 201);
  await done('street', 1);
  await done('street2', 3);
  await done('dept', 4);
  return f;
}
