import { and, eq, like } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../src/core/audit/tables.ts';
import type { Database } from '../../src/core/db/connection.ts';
import type { App } from '../../src/http/server.ts';
import { openTestDatabase } from '../db.ts';
import { pointIn } from '../demands/helpers.ts';
import { buildDemoDistrict, buildTestApp, loginAs } from '../factories.ts';
import { call, pngBytes, tempFilesDir, upload } from './helpers.ts';

let database: Database;
let app: App;
const c: Record<string, string> = {};
const GRID = '110107001003001'; // the demo grid worker's grid
const COMMUNITY = '110107001003'; // 玉泉路西社区
const DEPT = '110107D007'; // 区城市管理委员会

beforeAll(async () => {
  database = await openTestDatabase({ demo: true });
  await buildDemoDistrict(database);
  ({ app } = await buildTestApp(database, { filesDir: tempFilesDir(), fileMaxBytes: 64 * 1024 }));
  for (const u of ['grid', 'community', 'street', 'street2', 'dept', 'hotline', 'supervisor'])
    c[u] = await loginAs(app, u);
});

const act = (who: string, id: string, body: unknown, expected = 200) =>
  call(app, c[who] as string, 'POST', `/api/grid-events/${id}/actions`, body, expected);

describe('attachments: limits, content-addressed storage, access follows the record', () => {
  it('refuses what is not a photo or PDF, and what is too large', async () => {
    const text = await upload(
      app,
      c.grid as string,
      Buffer.from('<script>alert(1)</script>'),
      'x.png',
      'image/png',
    );
    expect(text.statusCode).toBe(415);
    expect(text.json().error.code).toBe('UNSUPPORTED_FILE_TYPE');
    const big = await upload(app, c.grid as string, pngBytes('x'.repeat(70 * 1024)));
    expect(big.statusCode).toBe(413);
    expect(big.json().error).toMatchObject({ code: 'FILE_TOO_LARGE', details: { maxBytes: 65536 } });
    const json = await app.inject({
      method: 'POST',
      url: '/api/files',
      headers: { cookie: c.grid as string, 'content-type': 'application/json' },
      payload: { a: 1 },
    });
    expect(json.statusCode).toBe(415);
  });

  it('stores the same bytes once and serves them to the uploader only, until attached', async () => {
    const a = await upload(
      app,
      c.grid as string,
      pngBytes('same'),
      'C:\\照片\\井盖.PNG',
      'application/octet-stream',
    );
    const b = await upload(app, c.grid as string, pngBytes('same'));
    expect(a.statusCode).toBe(201);
    expect(a.json()).toMatchObject({ name: '井盖.png', mime: 'image/png' });
    expect(a.json().sha256).toBe(b.json().sha256);
    expect(a.json().id).not.toBe(b.json().id);
    const own = await app.inject({ url: `/api/files/${a.json().id}`, headers: { cookie: c.grid as string } });
    expect(own.statusCode).toBe(200);
    expect(own.headers['x-content-type-options']).toBe('nosniff');
    expect(own.rawPayload.equals(pngBytes('same'))).toBe(true);
    const other = await app.inject({
      url: `/api/files/${a.json().id}`,
      headers: { cookie: c.street2 as string },
    });
    expect(other.statusCode).toBe(403);
    expect(other.json().error.code).toBe('FORBIDDEN_SCOPE');
    const anonymous = await app.inject({ url: `/api/files/${a.json().id}` });
    expect(anonymous.statusCode).toBe(401);
  });
});

describe('小事不出网格: a grid event closed on the spot', () => {
  it('is reported with a photo, located to its grid and closed at once', async () => {
    const photo = (await upload(app, c.grid as string, pngBytes('spot'))).json();
    const e = await call(
      app,
      c.grid as string,
      'POST',
      '/api/grid-events',
      {
        categoryCode: 'E0101',
        description: '小区门口暴露垃圾一堆',
        point: await pointIn(database, GRID),
        photos: [photo.id],
        closeOnSpot: { result: '已联系保洁当场清运', evidence: [] },
      },
      201,
    );
    expect(e).toMatchObject({
      gridCode: GRID,
      kind: 'event',
      kindName: '事件',
      category: { code: 'E0101', path: '事件/市容环境/暴露垃圾' },
      status: 'closed',
      statusName: '已结案',
      onSpot: true,
      owner: { code: COMMUNITY },
      allowedActions: [],
    });
    expect(e.code).toMatch(/^WG\d{6}[0-9A-Z]{6}$/);
    expect(e.steps.map((s: { type: string }) => s.type)).toEqual(['reported', 'closed_on_spot']);
    expect(e.photos).toEqual([expect.objectContaining({ id: photo.id, mime: 'image/png' })]);
    // Its photo is now readable by whoever sees the event (the community), still not by another street.
    const community = await app.inject({
      url: `/api/files/${photo.id}`,
      headers: { cookie: c.community as string },
    });
    expect(community.statusCode).toBe(200);
    const other = await app.inject({
      url: `/api/files/${photo.id}`,
      headers: { cookie: c.street2 as string },
    });
    expect(other.statusCode).toBe(403);
  });

  it("refuses a point outside every grid and a grid outside the worker's own", async () => {
    const outside = await call(
      app,
      c.grid as string,
      'POST',
      '/api/grid-events',
      { categoryCode: 'E0101', description: '境外坐标测试内容', point: { lng: 10, lat: 10 } },
      400,
    );
    expect(outside.error.message).toContain('不在本区任何网格内');
    const foreign = await call(
      app,
      c.grid as string,
      'POST',
      '/api/grid-events',
      { categoryCode: 'E0101', description: '其他网格的问题', gridCode: '110107001003002' },
      403,
    );
    expect(foreign.error.code).toBe('FORBIDDEN_SCOPE');
    const unknown = await call(
      app,
      c.grid as string,
      'POST',
      '/api/grid-events',
      { categoryCode: 'E9999', description: '未知类别的问题', gridCode: GRID },
      400,
    );
    expect(unknown.error.message).toContain('未知的网格事件类别');
  });
});

describe('escalated to a department: failed verification, rework, extension, closed', () => {
  let id: string;
  let photoId: string;

  it('the grid worker reports; the community escalates it to the street', async () => {
    photoId = (await upload(app, c.grid as string, pngBytes('manhole'))).json().id;
    const e = await call(
      app,
      c.grid as string,
      'POST',
      '/api/grid-events',
      {
        categoryCode: 'B0103',
        description: '雨水井盖破损下陷，有行人绊倒风险',
        gridCode: GRID,
        address: '玉泉路西社区3号楼南侧',
        photos: [photoId],
      },
      201,
    );
    id = e.id;
    expect(e).toMatchObject({
      status: 'reported',
      statusName: '待立案',
      level: 'community',
      allowedActions: ['close_on_spot'],
    });
    const seen = await call(app, c.community as string, 'GET', `/api/grid-events/${id}`);
    expect(seen.allowedActions).toEqual(['register', 'reject', 'escalate']);
    const byGrid = await act('grid', id, { kind: 'register' }, 403);
    expect(byGrid.error.code).toBe('FORBIDDEN');
    const up = await act('community', id, { kind: 'escalate', note: '井盖权属单位需区城管委协调' });
    expect(up).toMatchObject({ level: 'street', owner: { name: '八宝山街道' }, status: 'reported' });
    const again = await act('community', id, { kind: 'register' }, 403);
    expect(again.error.code).toBe('FORBIDDEN_SCOPE');
  });

  it('the street registers it and dispatches it to 区城管委, which creates a linked demand', async () => {
    await act('street', id, { kind: 'register' });
    const bad = await act('street', id, { kind: 'dispatch', handlerUnitCode: '110107002000' }, 400);
    expect(bad.error.message).toContain('街道只能派遣至本街道');
    const d = await act('street', id, { kind: 'dispatch', handlerUnitCode: DEPT, note: '请尽快更换井盖' });
    expect(d).toMatchObject({
      status: 'dispatched',
      statusName: '处置中',
      handler: { code: DEPT, kind: 'department' },
    });
    expect(d.dueAt).not.toBeNull();
    expect(d.demand.code).toMatch(/^JD/);
    const demand = await call(app, c.dept as string, 'GET', `/api/demands/${d.demand.id}`);
    expect(demand).toMatchObject({ channel: 'grid', status: 'dispatched', ownerUnitId: expect.any(String) });
    expect(demand.content).toContain(d.code);
    // The department handling it may now open the reporter's photo.
    const file = await app.inject({ url: `/api/files/${photoId}`, headers: { cookie: c.dept as string } });
    expect(file.statusCode).toBe(200);
    const mine = await call(app, c.dept as string, 'GET', '/api/grid-events?side=handler');
    expect(mine.items.map((x: { id: string }) => x.id)).toContain(id);
  });

  it("the department disposes (answering the demand too); the reporter's verification fails: rework", async () => {
    const byGrid = await act('grid', id, { kind: 'dispose', result: '已处理', evidence: [] }, 403);
    expect(byGrid.error.code).toBe('FORBIDDEN');
    const done = await act('dept', id, { kind: 'dispose', result: '已临时加盖钢板', evidence: [] });
    expect(done.status).toBe('disposed');
    const demand = await call(app, c.dept as string, 'GET', `/api/demands/${done.demand.id}`);
    expect(demand.status).toBe('replied');
    const byCommunity = await act('community', id, { kind: 'verify', passed: false, note: '未更换' }, 403);
    expect(byCommunity.error).toMatchObject({ code: 'FORBIDDEN', details: { action: 'grid_event.verify' } });
    const noReason = await act('grid', id, { kind: 'verify', passed: false }, 400);
    expect(noReason.error.code).toBe('VALIDATION_FAILED');
    const rework = await act('grid', id, { kind: 'verify', passed: false, note: '只加盖钢板，井盖仍未更换' });
    expect(rework).toMatchObject({ status: 'dispatched', reworkCount: 1 });
    const close = await act('street', id, { kind: 'close' }, 409);
    expect(close.error).toMatchObject({
      code: 'ILLEGAL_TRANSITION',
      details: { status: 'dispatched', step: 'closed' },
    });
  });

  it('an extension is asked and granted, the rework is done, verified and the street closes it', async () => {
    const before = (await call(app, c.street as string, 'GET', `/api/grid-events/${id}`)).dueAt;
    await act('dept', id, { kind: 'request_extension', workingDays: 2, reason: '新井盖需定制，到货需两天' });
    const twice = await act(
      'dept',
      id,
      { kind: 'request_extension', workingDays: 1, reason: '再延一天' },
      409,
    );
    expect(twice.error.message).toContain('已有待审批');
    const granted = await act('street', id, { kind: 'review_extension', approve: true, note: '同意' });
    expect(new Date(granted.dueAt).getTime()).toBeGreaterThan(new Date(before).getTime());
    await act('dept', id, { kind: 'dispose', result: '已更换新井盖并验收', evidence: [] });
    const verified = await act('grid', id, { kind: 'verify', passed: true, note: '现场核查，已更换' });
    expect(verified).toMatchObject({ status: 'verified', statusName: '待结案' });
    const closed = await act('street', id, { kind: 'close', note: '结案' });
    expect(closed).toMatchObject({ status: 'closed', reworkCount: 1 });
    expect(closed.steps.map((s: { type: string }) => s.type)).toEqual([
      'reported',
      'escalated',
      'registered',
      'dispatched',
      'disposed',
      'rework',
      'extension_requested',
      'extension_approved',
      'disposed',
      'verified',
      'closed',
    ]);
    const audit = await database.db
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(and(eq(auditLog.targetId, id), like(auditLog.action, 'grid_event.%')));
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining(['grid_event.report', 'grid_event.verify', 'grid_event.close']),
    );
  });

  it('a community case stays in the community; the street can whistle about any case', async () => {
    const e = await call(
      app,
      c.grid as string,
      'POST',
      '/api/grid-events',
      { categoryCode: 'E0502', description: '小区门口占道经营水果摊', gridCode: GRID },
      201,
    );
    await act('community', e.id, { kind: 'register' });
    const up = await act('community', e.id, { kind: 'dispatch', handlerUnitCode: DEPT }, 400);
    expect(up.error.message).toContain('社区只能自行处置');
    const self = await act('community', e.id, { kind: 'dispatch', handlerUnitCode: COMMUNITY });
    expect(self.handler).toMatchObject({ code: COMMUNITY, kind: 'community' });
    expect(self.demand).toBeNull();
    const w = await call(
      app,
      c.street as string,
      'POST',
      '/api/whistles',
      {
        title: '占道经营联合整治',
        description: '社区多次劝离无效，联合执法整治',
        reportWithinHours: 4,
        actWithinWorkingDays: 3,
        summons: [{ unitCode: '110107D009-001' }],
        gridEventIds: [e.id],
      },
      201,
    );
    const linked = await call(app, c.community as string, 'GET', `/api/grid-events/${e.id}`);
    expect(linked.whistles).toEqual([expect.objectContaining({ id: w.id, code: w.code })]);
  });
});

describe('indicators of the month, as the API computes them from these cases', () => {
  it('community 玉泉路西社区 and department 区城管委', async () => {
    const month = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 7);
    const r = await call(
      app,
      c.street as string,
      'GET',
      `/api/grid-events/indicators?unitCode=${COMMUNITY}&month=${month}`,
    );
    expect(r).toMatchObject({ unit: { code: COMMUNITY }, side: 'location' });
    // On the spot (closed), the department case (closed, reworked, extended), the community case (registered, open).
    expect(r.counts).toMatchObject({
      shouldClose: 3,
      closed: 2,
      closedOnSpot: 1,
      shouldDispose: 2,
      disposed: 1,
      reworked: 1,
      extended: 1,
    });
    expect(r.rates).toMatchObject({
      closeRate: 0.6667,
      reworkRate: 0.3333,
      disposeRate: 0.5,
      extensionRate: 0.5,
    });
    const dept = await call(app, c.dept as string, 'GET', `/api/grid-events/indicators?month=${month}`);
    expect(dept).toMatchObject({
      unit: { code: DEPT },
      side: 'handler',
      counts: { shouldDispose: 1, disposed: 1, reworked: 1 },
    });
    const denied = await call(
      app,
      c.street2 as string,
      'GET',
      `/api/grid-events/indicators?unitCode=${COMMUNITY}&month=${month}`,
      undefined,
      403,
    );
    expect(denied.error.code).toBe('FORBIDDEN_SCOPE');
    const cats = await call(app, c.grid as string, 'GET', '/api/grid-event-categories');
    expect(cats.items.find((x: { code: string }) => x.code === 'B0103')).toMatchObject({
      path: '部件/公用设施/雨水井盖',
    });
  });
});
