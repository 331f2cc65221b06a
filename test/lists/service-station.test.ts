import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { createWorkCalendar } from '../../src/core/calendar/index.ts';
import type { Database } from '../../src/core/db/connection.ts';
import type { App } from '../../src/http/server.ts';
import { serviceDue } from '../../src/lists/service/rules.ts';
import { serviceCases } from '../../src/lists/service/tables.ts';
import { openTestDatabase } from '../db.ts';
import { buildDemoDistrict, buildTestApp, loginAs } from '../factories.ts';

let database: Database;
let app: App;
const cookies: Record<string, string> = {};
let STATION = '';
const LUGU_COMMUNITY = '110107011001';

beforeAll(async () => {
  database = await openTestDatabase({ demo: true });
  await buildDemoDistrict(database);
  ({ app } = await buildTestApp(database));
  for (const u of ['admin', 'street', 'community', 'hotline', 'auditor']) cookies[u] = await loginAs(app, u);
  STATION = (await call('community', 'GET', '/api/auth/me')).json().user.unit.code;
});

type Method = 'GET' | 'POST';
function call(user: string, method: Method, url: string, payload?: object) {
  return app.inject({
    method,
    url,
    headers: { cookie: cookies[user] ?? '' },
    ...(payload === undefined ? {} : { payload }),
  });
}
const intake = (extra: Record<string, unknown>) => ({
  stationCode: STATION,
  itemCode: 'FWSX-011',
  channel: 'window',
  applicantName: '王秀兰',
  applicantPhone: '13812345678',
  ...extra,
});

describe('one-window intake with a one-time notice of all materials', () => {
  it('prints the one-time notice of an item: conditions, every material, limit, place', async () => {
    const res = await call('community', 'GET', `/api/service/notice?station=${STATION}&item=FWSX-007`);
    expect(res.statusCode).toBe(200);
    const notice = res.json();
    expect(notice.materials.map((m: { name: string }) => m.name)).toEqual([
      '居民身份证',
      '户口簿',
      '家庭经济状况核对授权书',
      '收入证明',
    ]);
    expect(notice.timeLimit).toBe('30个工作日');
    expect(notice.text).toContain('一次性告知单');
    const missing = await call('community', 'GET', `/api/service/notice?station=${STATION}&item=FWSX-999`);
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.message).toContain('不在');
  });

  it('incomplete materials: the case is “notified” with every missing one listed, no clock running', async () => {
    const res = await call(
      'community',
      'POST',
      '/api/service/cases',
      intake({ providedMaterials: ['居民身份证'] }),
    );
    expect(res.statusCode, res.body).toBe(201);
    const { serviceCase, notice } = res.json();
    expect(serviceCase).toMatchObject({
      status: 'notified',
      channel: 'window',
      missingMaterials: ['社会保障卡'],
      // the first responder by display name, the log-in and id beside it
      firstResponder: 'community',
      firstResponderId: expect.any(String),
      firstResponderName: '刘社工',
      dueAt: null,
      applicantName: '王**',
      applicantPhone: '138****5678',
    });
    expect(notice.missing).toEqual(['社会保障卡']);
    expect(notice.text).toContain('2. 社会保障卡（尚缺）');

    // The resident comes back with everything: accepted, due on the working-day calendar.
    const accepted = await call('street', 'POST', `/api/service/cases/${serviceCase.id}/accept`, {
      providedMaterials: ['居民身份证', '社会保障卡'],
    });
    expect(accepted.statusCode, accepted.body).toBe(200);
    const c = accepted.json().serviceCase;
    expect(c).toMatchObject({
      status: 'accepted',
      missingMaterials: [],
      firstResponder: 'community',
      firstResponderName: '刘社工',
      overdue: false,
    });
    const expected = serviceDue(createWorkCalendar(), new Date(c.acceptedAt), {
      amount: 5,
      unit: 'working_days',
    });
    expect(c.dueAt).toBe(expected.toISOString());
    expect(c.remaining).toBeGreaterThan(4);
    expect(c.history.map((h: { action: string; by: string }) => [h.action, h.by])).toEqual([
      ['notified', 'community'],
      ['accepted', 'street'],
    ]);

    const done = await call('community', 'POST', `/api/service/cases/${c.id}/complete`, {
      result: '已审核通过，次月发放',
    });
    expect(done.statusCode).toBe(200);
    expect(done.json()).toMatchObject({ status: 'completed', completedOnTime: true, remaining: null });
    const again = await call('community', 'POST', `/api/service/cases/${c.id}/complete`, { result: 'x' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('ILLEGAL_TRANSITION');
  });

  it('complete materials at the window: accepted at once; 即办 items are due the same day', async () => {
    const res = await call(
      'community',
      'POST',
      '/api/service/cases',
      intake({ itemCode: 'FWSX-030', providedMaterials: ['居民身份证'] }),
    );
    expect(res.statusCode).toBe(201);
    const c = res.json().serviceCase;
    expect(c).toMatchObject({ status: 'accepted', timeLimit: { amount: 0, unit: 'working_days' } });
    // 24:00 Beijing time of the day of acceptance: 16:00 UTC, less than a day after acceptance.
    expect(c.dueAt).toMatch(/T16:00:00\.000Z$/);
    const left = new Date(c.dueAt).getTime() - new Date(c.acceptedAt).getTime();
    expect(left).toBeGreaterThan(0);
    expect(left).toBeLessThanOrEqual(86_400_000);
  });

  it('appointments are booked without a materials check, and carry the notice of what to bring', async () => {
    const res = await call(
      'community',
      'POST',
      '/api/service/cases',
      intake({ channel: 'appointment', appointmentAt: '2026-06-01T09:30:00+08:00' }),
    );
    expect(res.statusCode).toBe(201);
    expect(res.json().serviceCase).toMatchObject({
      status: 'appointed',
      appointmentAt: '2026-06-01T01:30:00.000Z',
      dueAt: null,
    });
    expect(res.json().notice.text).toContain('请携带以上全部材料办理');
    const noTime = await call('community', 'POST', '/api/service/cases', intake({ channel: 'appointment' }));
    expect(noTime.statusCode).toBe(400);
    expect(JSON.stringify(noTime.json().error.details)).toContain('预约须写明预约时间');
  });

  it('proxy handling (代办) needs an agent and an item that allows it', async () => {
    const ok = await call(
      'community',
      'POST',
      '/api/service/cases',
      intake({
        itemCode: 'FWSX-024',
        channel: 'proxy',
        proxyAgent: '社区代办员李明',
        providedMaterials: ['居民身份证', '居住登记凭证', '就业、住所或就读证明', '近期免冠照片'],
      }),
    );
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json().serviceCase).toMatchObject({
      status: 'accepted',
      channel: 'proxy',
      proxyAgent: '社区代办员李明',
    });
    const personal = await call(
      'community',
      'POST',
      '/api/service/cases',
      intake({ itemCode: 'FWSX-006', channel: 'proxy', proxyAgent: '李明' }),
    );
    expect(personal.statusCode).toBe(422);
    expect(personal.json().error).toMatchObject({
      code: 'UNPROCESSABLE',
      message: expect.stringContaining('不可代办'),
    });
  });
});

describe('time-limited completion tracking and access', () => {
  it('lists overdue cases (past due, not completed) with a negative countdown', async () => {
    const res = await call(
      'community',
      'POST',
      '/api/service/cases',
      intake({ itemCode: 'FWSX-015', providedMaterials: ['居民身份证', '户口簿', '近期免冠照片'] }),
    );
    const id = res.json().serviceCase.id;
    await database.db
      .update(serviceCases)
      .set({ dueAt: new Date('2026-01-05T16:00:00Z') })
      .where(eq(serviceCases.id, id));
    const overdue = await call('street', 'GET', '/api/service/cases?overdue=true');
    expect(overdue.statusCode).toBe(200);
    const items = overdue.json().items;
    expect(items.map((i: { id: string }) => i.id)).toEqual([id]);
    expect(items[0]).toMatchObject({ overdue: true });
    expect(items[0].remaining).toBeLessThan(0);
    const late = await call('community', 'POST', `/api/service/cases/${id}/complete`, {
      result: '已转区残联',
    });
    expect(late.json()).toMatchObject({ completedOnTime: false });
  });

  it('keeps stations inside the caller’s jurisdiction', async () => {
    const foreign = await call(
      'community',
      'POST',
      '/api/service/cases',
      intake({ stationCode: LUGU_COMMUNITY }),
    );
    expect(foreign.statusCode).toBe(403);
    expect(foreign.json().error).toMatchObject({
      code: 'FORBIDDEN_SCOPE',
      details: { action: 'service_case.write' },
    });
    const hotline = await call('hotline', 'POST', '/api/service/cases', intake({}));
    expect(hotline.statusCode).toBe(403);
    expect(hotline.json().error.code).toBe('FORBIDDEN');
    const list = await call('auditor', 'GET', `/api/service/cases?station=${STATION}`);
    expect(list.statusCode).toBe(200);
    expect(list.json().items.every((c: { applicantName: string }) => c.applicantName === '王**')).toBe(true);
    // staff names are not residents' personal data: the first responder's shows in full, in every list
    const byCommunity = list
      .json()
      .items.filter((c: { firstResponder: string }) => c.firstResponder === 'community');
    expect(byCommunity.length).toBeGreaterThan(0);
    for (const c of byCommunity) expect(c.firstResponderName).toBe('刘社工');
    const other = await call('street', 'GET', `/api/service/cases?station=${LUGU_COMMUNITY}`);
    expect(other.statusCode).toBe(403);
  });
});
