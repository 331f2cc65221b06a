import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../src/core/audit/tables.ts';
import type { Database } from '../../src/core/db/connection.ts';
import type { App } from '../../src/http/server.ts';
import { openTestDatabase } from '../db.ts';
import { buildDemoDistrict, buildTestApp, loginAs } from '../factories.ts';
import { call, pointIn } from './helpers.ts';

let database: Database;
let app: App;
let hotline: string;
const GRID = '110107001003001'; // 玉泉路西社区第1网格, 八宝山街道
const LUGU_GRID = '110107011001001';

beforeAll(async () => {
  database = await openTestDatabase({ demo: true });
  await buildDemoDistrict(database);
  ({ app } = await buildTestApp(database));
  hotline = await loginAs(app, 'hotline');
});

describe('hotline intake', () => {
  it('suggests grid, category and unit while the operator types, each with its reasons', async () => {
    const s = await call(app, hotline, 'POST', '/api/demands/suggest', {
      content: '市民来电反映楼道里堆满了杂物和废品，占用楼道，存在消防隐患，希望尽快清理',
      point: await pointIn(database, GRID),
    });
    expect(s.location).toMatchObject({
      method: 'point',
      grid: { code: GRID },
      street: { name: '八宝山街道' },
    });
    expect(s.categories[0]).toMatchObject({ category: '0101', name: '乱堆物堆料' });
    expect(s.categories[0].why.tokens.map((t: { token: string }) => t.token)).toEqual(
      expect.arrayContaining(['杂物']),
    );
    expect(s.route).toMatchObject({ kind: 'street', owner: { name: '八宝山街道' } });
    expect(s.route.why[0]).toContain('街道职责清单');
  });

  it('routes a department matter to the department with the street as co-handler, and a utility 24/7', async () => {
    const lamp = await call(app, hotline, 'POST', '/api/demands/suggest', {
      content: '小区门口的路灯不亮已经一个星期了，晚上走路很危险',
      point: await pointIn(database, LUGU_GRID),
    });
    expect(lamp.chosenCategory.code).toBe('0302');
    expect(lamp.route).toMatchObject({
      kind: 'department',
      owner: { name: '北京市石景山区城市管理委员会' },
      co: [{ name: '鲁谷街道' }],
    });
    const heat = await call(app, hotline, 'POST', '/api/demands/suggest', {
      content: '家里暖气不热，室温只有十四度，供暖不达标',
      address: '鲁谷街道某小区',
      categoryCode: '0404',
    });
    expect(heat.location).toMatchObject({ method: 'address', street: { name: '鲁谷街道' } });
    expect(heat.route).toMatchObject({ kind: 'utility', roundTheClock: true });
    expect(heat.route.owner.name).toContain('热力');
  });

  it('creates exactly one demand per Idempotency-Key, and refuses the key with another body', async () => {
    const body = {
      caller: { name: '王小明', phone: '13912345678' },
      content: '楼道里堆满了杂物，希望社区协调清理',
      type: '投诉',
      point: await pointIn(database, GRID),
      address: '玉泉路西社区3号楼2单元',
    };
    const first = await call(app, hotline, 'POST', '/api/demands', body, 201, {
      'idempotency-key': 'call-001',
    });
    expect(first).toMatchObject({ status: 'dispatched', category: { code: '0101' } });
    expect(first.code).toMatch(/^JD\d{6}[0-9A-Z]{6}$/);
    expect(first.caller).toEqual({ name: '王**', phone: '139****5678', masked: true });
    expect(first.address).toBe('玉泉路西社区****');
    expect(first.events.map((e: { type: string }) => e.type)).toEqual(['created', 'dispatched', 'copied']);
    const dispatched = first.events[1];
    expect(dispatched.data.owner.name).toBe('八宝山街道');
    expect(new Date(dispatched.data.dueAt).getTime()).toBeGreaterThan(Date.now() + 3 * 86_400_000);

    const again = await call(app, hotline, 'POST', '/api/demands', body, 200, {
      'idempotency-key': 'call-001',
    });
    expect(again.id).toBe(first.id);
    const retries = await Promise.all(
      [1, 2, 3].map(() =>
        app.inject({
          method: 'POST',
          url: '/api/demands',
          headers: { cookie: hotline, 'idempotency-key': 'call-002' },
          payload: body,
        }),
      ),
    );
    expect(new Set(retries.map((r) => r.json().id)).size).toBe(1);

    const mismatch = await app.inject({
      method: 'POST',
      url: '/api/demands',
      headers: { cookie: hotline, 'idempotency-key': 'call-001' },
      payload: { ...body, content: '另一件事情：路灯不亮了' },
    });
    expect(mismatch.statusCode).toBe(422);
    expect(mismatch.json().error.code).toBe('IDEMPOTENCY_MISMATCH');
  });

  it('refuses an emergency at intake with the reason, and answers a consultation directly', async () => {
    const hints = await call(app, hotline, 'POST', '/api/demands/suggest', {
      content: '我家楼下着火了，冒了很大的烟',
    });
    expect(hints.refusalHints[0]).toMatchObject({ reason: 'emergency', matched: '着火' });
    const refused = await call(
      app,
      hotline,
      'POST',
      '/api/demands',
      {
        content: '我家楼下着火了，冒了很大的烟',
        type: '求助',
        address: '八角街道',
        action: { kind: 'refuse', reason: 'emergency', note: '已转119' },
      },
      201,
    );
    expect(refused.status).toBe('refused');
    expect(refused.events[1].data.reasonText).toContain('119');
    const answered = await call(
      app,
      hotline,
      'POST',
      '/api/demands',
      {
        content: '请问办理居住证需要带什么材料',
        type: '咨询',
        address: '古城街道',
        action: { kind: 'answer', answer: '身份证、居住登记凭证，到街道政务服务中心办理' },
      },
      201,
    );
    expect(answered.status).toBe('answered');
  });

  it('flags a likely duplicate (same grid, same category, recent) and lets the hotline merge it', async () => {
    const point = await pointIn(database, GRID);
    const s = await call(app, hotline, 'POST', '/api/demands/suggest', {
      content: '楼道杂物堆放太多了，没人管',
      point,
    });
    expect(s.duplicates.length).toBeGreaterThanOrEqual(1);
    const master = s.duplicates[0];
    const dup = await call(
      app,
      hotline,
      'POST',
      '/api/demands',
      { content: '楼道杂物堆放太多了，没人管', type: '投诉', point, action: { kind: 'record' } },
      201,
    );
    expect(dup.status).toBe('pending_dispatch');
    const merged = await call(app, hotline, 'POST', `/api/demands/${dup.id}/actions`, {
      kind: 'merge',
      intoCode: master.code,
    });
    expect(merged.status).toBe('merged');
    const masterDetail = await call(app, hotline, 'GET', `/api/demands/${master.id}`);
    expect(masterDetail.events.map((e: { type: string }) => e.type)).toContain('merged_in');
  });

  it('rejects bad input with the error shape and writes nothing', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/demands',
      headers: { cookie: hotline },
      payload: { content: '短', type: '闲聊' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('VALIDATION_FAILED');
    const denied = await app.inject({
      method: 'POST',
      url: '/api/demands',
      headers: { cookie: await loginAs(app, 'auditor') },
      payload: { content: '路灯不亮了很久了', type: '投诉', address: '八角街道' },
    });
    expect(denied.statusCode).toBe(403);
    expect(denied.json().error.code).toBe('FORBIDDEN');
  });

  it('audits every intake', async () => {
    const rows = await database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'demand.create')));
    expect(rows.length).toBeGreaterThanOrEqual(5);
  });
});

describe('responsibility list and exports', () => {
  it('an admin re-routes a category; the next suggestion follows and says why; others may not', async () => {
    const admin = await loginAs(app, 'admin');
    const denied = await app.inject({
      method: 'PUT',
      url: '/api/demand-routing-rules/0302',
      headers: { cookie: hotline },
      payload: { target: 'street' },
    });
    expect(denied.statusCode).toBe(403);
    await call(app, admin, 'PUT', '/api/demand-routing-rules/0302', { target: 'street' });
    const s = await call(app, hotline, 'POST', '/api/demands/suggest', {
      content: '路灯不亮了',
      point: await pointIn(database, LUGU_GRID),
      categoryCode: '0302',
    });
    expect(s.route).toMatchObject({ kind: 'street', owner: { name: '鲁谷街道' } });
    const bad = await app.inject({
      method: 'PUT',
      url: '/api/demand-routing-rules/0302',
      headers: { cookie: admin },
      payload: { target: 'department', departmentCode: '110107001000' },
    });
    expect(bad.statusCode).toBe(400);
    const categories = await call(app, hotline, 'GET', '/api/demand-categories');
    expect(categories.items.length).toBeGreaterThan(50);
  });

  it('exports the demand list as Excel with callers masked', async () => {
    const res = await app.inject({ url: '/api/demands?format=xlsx', headers: { cookie: hotline } });
    expect(res.statusCode).toBe(200);
    const { readXlsxRows } = await import('../../src/core/export/xlsx.ts');
    const rows = await readXlsxRows(res.rawPayload);
    expect(rows[2]?.[0]).toBe('受理编号');
    const text = rows.flat().join(' ');
    expect(text).toContain('王**');
    expect(text).not.toContain('13912345678');
  });
});
