import type { Database } from '../../src/core/db/connection.ts';
import { notificationConsumer } from '../../src/core/outbox/consumers.ts';
import { dispatchOutbox } from '../../src/core/outbox/dispatch-outbox.ts';
import {
  enqueueMessages,
  NOTIFICATION_TOPIC,
  notificationMessage,
} from '../../src/core/outbox/enqueue-message.ts';
import type { App } from '../../src/http/server.ts';
import { streetScheme } from '../assessment/helpers.ts';
import { loginAs, unitByCode } from '../factories.ts';
import { addStaff, call, pngBytes, thisMonth, upload } from '../grid-work/helpers.ts';
import { SAMPLE_A } from '../tasks/helpers.ts';

interface Codes {
  street: string;
  community: string;
  grid: string;
  district: string;
}
type Target = 'own' | 'otherUnit' | 'otherDistrict';

/** Ids of collections that have no list route, per viewer: (username, cookie) → the ids it may see. */
export type ExtraIds = Record<string, (username: string, cookie: string) => Promise<string[]>>;

const today = (): string => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

async function list(app: App, cookie: string, url: string): Promise<{ id: string }[]> {
  const res = await app.inject({ url, headers: { cookie } });
  return res.statusCode === 200 ? ((res.json() as { items: { id: string }[] }).items ?? []) : [];
}

/**
 * One real object of each kind the matrix acts on, per target (own unit 八宝山 / another unit 鲁谷 /
 * another district), made through the API as the people who make them: whistles, grid events (with a
 * photo), patrol entries, major problem items, a task plan, an assessment result, notifications.
 */
export async function buildObjects(
  app: App,
  database: Database,
  codes: Record<Target, Codes>,
): Promise<ExtraIds> {
  const c: Record<string, string> = {};
  for (const u of ['admin', 'street', 'street2', 'supervisor', 'b.admin', 'b.street', 'b.supervisor'])
    c[u] = await loginAs(app, u);
  // Grid workers who are none of the matrix's principals, on the own grid (the demo grid worker's),
  // 鲁谷's and district B's. Their uploads and patrol entries are theirs alone: a principal who made
  // them would meet the owner shortcuts that answer 2xx without any authorize() — the uploader's in
  // assertCanReadFile (GET /api/files/{id}) and the worker's in changePatrolEntry (see NOT_YET_REACHED).
  const gridOf = async (u: string) =>
    (await call(app, await loginAs(app, u), 'GET', '/api/auth/me')).user.unit.code as string;
  const grids: Record<Target, string> = {
    own: await gridOf('grid'),
    otherUnit: codes.otherUnit.grid,
    otherDistrict: await gridOf('b.grid'),
  };
  for (const [t, n] of [
    ['own', 1],
    ['otherUnit', 2],
    ['otherDistrict', 3],
  ] as const) {
    await addStaff(database, `matrix.grid${n}`, grids[t], 'grid_worker');
    c[`matrix.grid${n}`] = await loginAs(app, `matrix.grid${n}`);
  }
  const as = (u: string) => c[u] as string;
  const who: Record<Target, { admin: string; street: string; grid: string; supervisor: string }> = {
    own: { admin: 'admin', street: 'street', grid: 'matrix.grid1', supervisor: 'supervisor' },
    otherUnit: { admin: 'admin', street: 'street2', grid: 'matrix.grid2', supervisor: 'supervisor' },
    otherDistrict: { admin: 'b.admin', street: 'b.street', grid: 'matrix.grid3', supervisor: 'b.supervisor' },
  };
  const fileOfEvent = new Map<string, string>();
  const entries: Record<Target, string> = { own: '', otherUnit: '', otherDistrict: '' };

  for (const t of ['own', 'otherUnit', 'otherDistrict'] as const) {
    const w = who[t];
    const gridCode = grids[t];
    // the grid worker holds the post on the grid
    const post = await app.inject({
      method: 'POST',
      url: '/api/grid-assignments',
      headers: { cookie: as(w.admin) },
      payload: { unitCode: gridCode, post: 'grid_worker', username: w.grid },
    });
    if (post.statusCode !== 201)
      throw new Error(`grid assignment ${w.grid}: ${post.statusCode} ${post.body}`);

    // 吹哨报到: the street summons the district's 城管委
    await call(
      app,
      as(w.street),
      'POST',
      '/api/whistles',
      {
        title: '矩阵测试联合整治',
        description: '背街小巷环境问题需要多部门联合处置',
        reportWithinHours: 2,
        actWithinWorkingDays: 2,
        summons: [{ unitCode: `${codes[t].district}D007` }],
      },
      201,
    );

    // a grid event with a photo
    const photo = await upload(app, as(w.grid), pngBytes(`matrix-${t}`));
    if (photo.statusCode !== 201) throw new Error(`upload: ${photo.statusCode} ${photo.body}`);
    const fileId = photo.json().id as string;
    const event = await call(
      app,
      as(w.grid),
      'POST',
      '/api/grid-events',
      { categoryCode: 'E0101', description: '小区门口暴露垃圾一堆', gridCode, photos: [fileId] },
      201,
    );
    fileOfEvent.set(event.id, fileId);

    // 网格工作纪实 and a major problem item (即报即办)
    entries[t] = (
      await call(
        app,
        as(w.grid),
        'POST',
        '/api/patrol-entries',
        { gridCode, date: today(), hours: 2, householdsVisited: 3, findings: '巡查楼道，发现堆物一处' },
        201,
      )
    ).id;
    await call(
      app,
      as(w.grid),
      'POST',
      '/api/problem-items',
      { gridCode, kind: 'problem', content: '楼体外墙脱落存在安全隐患', major: true },
      201,
    );

    if (t === 'otherUnit') continue; // district-level objects: one per district
    await call(app, as(w.admin), 'POST', '/api/task-plans', { text: SAMPLE_A }, 201);
    const scheme = await call(
      app,
      as(w.supervisor),
      'POST',
      '/api/assessment/schemes',
      streetScheme(0.5),
      201,
    );
    await call(
      app,
      as(w.supervisor),
      'POST',
      `/api/assessment/schemes/${scheme.id}/runs`,
      { period: thisMonth() },
      201,
    );
  }

  // in-app notifications to each street (as the deadline sweeper would send them)
  const messages: ReturnType<typeof notificationMessage>[] = [];
  for (const code of [codes.own.street, codes.otherUnit.street, codes.otherDistrict.street]) {
    const unit = await unitByCode(database, code);
    messages.push(
      notificationMessage(unit.districtCode, {
        unitId: unit.id,
        unitPath: unit.path,
        kind: 'test',
        title: '矩阵测试提醒',
        targetType: 'none',
        targetId: `matrix-${code}`,
      }),
    );
  }
  await database.db.transaction((tx) => enqueueMessages(tx, messages));
  await dispatchOutbox({ db: database.db, consumers: { [NOTIFICATION_TOPIC]: notificationConsumer } });

  return {
    // a worker's entries are listed to the worker alone: the admins "see" the three workers' entries
    '/api/patrol-entries': async (u) =>
      u === 'admin' ? [entries.own, entries.otherUnit] : u === 'b.admin' ? [entries.otherDistrict] : [],
    // tasks: those of the plans the viewer sees, as its plan detail lists them
    '/api/tasks': async (_u, cookie) => {
      const ids: string[] = [];
      for (const plan of await list(app, cookie, '/api/task-plans')) {
        const res = await app.inject({ url: `/api/task-plans/${plan.id}`, headers: { cookie } });
        if (res.statusCode === 200)
          ids.push(...(res.json() as { tasks: { id: string }[] }).tasks.map((x) => x.id));
      }
      return ids;
    },
    '/api/problem-items': async (_u, cookie) =>
      (await list(app, cookie, '/api/problem-items/major')).map((i) => i.id),
    // files: the photos of the grid events the viewer sees
    '/api/files': async (_u, cookie) =>
      (await list(app, cookie, '/api/grid-events?limit=200'))
        .map((e) => fileOfEvent.get(e.id))
        .filter((x): x is string => typeof x === 'string'),
  };
}
