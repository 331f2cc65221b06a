import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../src/core/audit/tables.ts';
import type { Database } from '../../src/core/db/connection.ts';
import type { App } from '../../src/http/server.ts';
import { openTestDatabase } from '../db.ts';
import { buildDemoDistrict, buildTestApp, loginAs } from '../factories.ts';
import { act, call, pointIn } from './helpers.ts';

let database: Database;
let app: App;
const cookies: Record<string, string> = {};
const types = (d: { events: { type: string }[] }) => d.events.map((e) => e.type);

beforeAll(async () => {
  database = await openTestDatabase({ demo: true });
  await buildDemoDistrict(database);
  ({ app } = await buildTestApp(database));
  for (const u of ['hotline', 'street', 'street2', 'community', 'dept', 'supervisor', 'grid'])
    cookies[u] = await loginAs(app, u);
});

describe('a street demand: sign, contact, re-dispatch to a community, reply, bad callback, reopen, close', () => {
  let id: string;

  it('goes to 八宝山街道 and shows up on its workbench with only its allowed actions', async () => {
    const d = await call(
      app,
      cookies.hotline as string,
      'POST',
      '/api/demands',
      {
        caller: { name: '李四', phone: '13800001111' },
        content: '楼道里堆满杂物，废品占用楼道',
        type: '投诉',
        point: await pointIn(database, '110107001003002'),
      },
      201,
    );
    id = d.id;
    const wb = await call(app, cookies.street as string, 'GET', '/api/demands/workbench');
    expect(wb.待签收).toBe(1);
    const seen = await call(app, cookies.street as string, 'GET', `/api/demands/${id}`);
    expect(seen.allowedActions).toEqual(
      expect.arrayContaining(['sign', 'return', 'redispatch', 'request_extension']),
    );
    expect(seen.allowedActions).not.toContain('callback');
    const hotlineView = await call(app, cookies.hotline as string, 'GET', `/api/demands/${id}`);
    expect(hotlineView.allowedActions).not.toContain('sign');
  });

  it('another street cannot see it; a department cannot act on it', async () => {
    const res = await app.inject({
      url: `/api/demands/${id}`,
      headers: { cookie: cookies.street2 as string },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('FORBIDDEN_SCOPE');
    const list = await call(app, cookies.street2 as string, 'GET', '/api/demands');
    expect(list.items.map((d: { id: string }) => d.id)).not.toContain(id);
    const sign = await act(app, cookies.dept as string, id, { kind: 'sign' }, 403);
    expect(sign.error.code).toBe('FORBIDDEN_SCOPE');
  });

  it('refuses illegal transitions with a clear error', async () => {
    const close = await act(app, cookies.hotline as string, id, { kind: 'close' }, 409);
    expect(close.error).toMatchObject({
      code: 'ILLEGAL_TRANSITION',
      details: { status: 'dispatched', event: 'closed' },
    });
    const reply = await act(
      app,
      cookies.street as string,
      id,
      { kind: 'reply', result: '已经处理完毕了' },
      409,
    );
    expect(reply.error.code).toBe('ILLEGAL_TRANSITION');
  });

  it('the street signs, contacts the caller and re-dispatches to its community, which handles and replies', async () => {
    expect((await act(app, cookies.street as string, id, { kind: 'sign' })).status).toBe('in_progress');
    await act(app, cookies.street as string, id, { kind: 'contact', note: '已电话联系诉求人' });
    const toLugu = await act(
      app,
      cookies.street as string,
      id,
      { kind: 'redispatch', toUnitCode: '110107011001', note: '转派' },
      400,
    );
    expect(toLugu.error.code).toBe('VALIDATION_FAILED');
    const re = await act(app, cookies.street as string, id, {
      kind: 'redispatch',
      toUnitCode: '110107001003',
      note: '属社区物业管理范围，转社区办理',
    });
    expect(re.status).toBe('dispatched');
    const dispatchedDue = re.events.find((e: { type: string }) => e.type === 'dispatched').data.dueAt;
    expect(re.dueAt).toBe(new Date(dispatchedDue).toISOString());
    await act(app, cookies.community as string, id, { kind: 'sign' });
    await act(app, cookies.community as string, id, { kind: 'contact', note: '上门了解情况' });
    const replied = await act(app, cookies.community as string, id, {
      kind: 'reply',
      result: '已组织物业清理楼道杂物，恢复通行',
      evidence: [{ name: '清理后照片.jpg', url: 'file://evidence/1.jpg' }],
    });
    expect(replied.status).toBe('replied');
    // the street that re-dispatched keeps sight of it
    expect(
      (await app.inject({ url: `/api/demands/${id}`, headers: { cookie: cookies.street as string } }))
        .statusCode,
    ).toBe(200);
  });

  it('an unsatisfied callback lets the hotline reopen it; a satisfied one closes it', async () => {
    const bad = await act(app, cookies.hotline as string, id, {
      kind: 'callback',
      reached: true,
      resolved: false,
      satisfaction: 'unsatisfied',
    });
    expect(bad.status).toBe('replied');
    const reopened = await act(app, cookies.hotline as string, id, {
      kind: 'reopen',
      note: '诉求人反映杂物又堆回来了',
    });
    expect(reopened.status).toBe('dispatched');
    await act(app, cookies.community as string, id, { kind: 'sign' });
    await act(app, cookies.community as string, id, {
      kind: 'reply',
      result: '再次清理并张贴告示，物业每日巡查',
    });
    const good = await act(app, cookies.hotline as string, id, {
      kind: 'callback',
      reached: true,
      resolved: true,
      satisfaction: 'satisfied',
    });
    expect(good.status).toBe('closed');
    expect(types(good)).toEqual([
      'created',
      'dispatched',
      'copied',
      'signed',
      'contacted',
      'redispatched',
      'signed',
      'contacted',
      'replied',
      'callback',
      'reopened',
      'signed',
      'replied',
      'callback',
      'closed',
    ]);
  });
});

describe('a department demand: return ping-pong, extension, appeal, escalation', () => {
  let id: string;

  it('returns twice and is escalated automatically', async () => {
    const d = await call(
      app,
      cookies.hotline as string,
      'POST',
      '/api/demands',
      {
        content: '小区门口的路灯不亮已经一个星期了',
        type: '投诉',
        point: await pointIn(database, '110107011001001'),
      },
      201,
    );
    id = d.id;
    expect(d.events[1].data.owner.name).toBe('北京市石景山区城市管理委员会');
    for (let round = 1; round <= 2; round++) {
      const back = await act(app, cookies.dept as string, id, {
        kind: 'return',
        reason: '路灯属于小区物业产权，不属本部门职责',
      });
      expect(back.status).toBe('returned');
      const reviewed = await act(app, cookies.hotline as string, id, {
        kind: 'review_return',
        approve: true,
        note: '同意退单，重新派单',
      });
      expect(reviewed.status).toBe('pending_dispatch');
      expect(reviewed.escalated).toBe(round === 2);
      await act(app, cookies.hotline as string, id, { kind: 'dispatch', ownerUnitCode: '110107D007' });
    }
  });

  it('asks for an extension the hotline approves: the deadline moves by working days', async () => {
    await act(app, cookies.dept as string, id, { kind: 'sign' });
    const noTell = await act(
      app,
      cookies.dept as string,
      id,
      { kind: 'request_extension', workingDays: 3, reason: '需要采购灯具' },
      400,
    );
    expect(noTell.error.code).toBe('VALIDATION_FAILED');
    const before = (await call(app, cookies.dept as string, 'GET', `/api/demands/${id}`)).dueAt;
    await act(app, cookies.dept as string, id, {
      kind: 'request_extension',
      workingDays: 3,
      reason: '需要采购灯具',
      callerInformed: true,
    });
    const twice = await act(
      app,
      cookies.dept as string,
      id,
      { kind: 'request_extension', workingDays: 2, reason: '再延两天', callerInformed: true },
      409,
    );
    expect(twice.error.code).toBe('ILLEGAL_TRANSITION');
    const approved = await act(app, cookies.hotline as string, id, {
      kind: 'review_extension',
      approve: true,
      note: '同意延期',
    });
    expect(new Date(approved.dueAt).getTime()).toBeGreaterThanOrEqual(
      new Date(before).getTime() + 3 * 86_400_000,
    );
  });

  it('appeals an unfair rating; an approved appeal is recorded; the supervisor can escalate', async () => {
    await act(app, cookies.dept as string, id, { kind: 'reply', result: '已更换灯具，路灯恢复照明' });
    await act(app, cookies.hotline as string, id, {
      kind: 'callback',
      reached: true,
      resolved: true,
      satisfaction: 'unsatisfied',
      note: '诉求人要求加装更多路灯',
    });
    const appealed = await act(app, cookies.dept as string, id, {
      kind: 'appeal',
      reason: '诉求人要求超出职责和标准，已按标准修复',
    });
    expect(appealed.allowedActions).not.toContain('appeal');
    const decided = await act(app, cookies.hotline as string, id, {
      kind: 'review_appeal',
      approve: true,
      note: '申诉成立，不计入考核',
    });
    const closed = await act(app, cookies.hotline as string, id, { kind: 'close', note: '申诉成立后办结' });
    expect(closed.status).toBe('closed');
    expect(types(decided)).toContain('appeal_approved');
    const grid = await act(app, cookies.grid as string, id, { kind: 'escalate', note: '督办' }, 403);
    expect(grid.error.code).toBe('FORBIDDEN');
  });

  it('writes every step to the audit log', async () => {
    const rows = await database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.targetId, id)));
    expect(rows.map((r) => r.action)).toEqual(
      expect.arrayContaining([
        'demand.create',
        'demand.return',
        'demand.review_return',
        'demand.request_extension',
        'demand.appeal',
        'demand.close',
      ]),
    );
  });
});

describe('privacy and public tracking', () => {
  it('shows callers masked, reveals them only with a reason (audited), and tracks by code without personal data', async () => {
    const d = await call(
      app,
      cookies.hotline as string,
      'POST',
      '/api/demands',
      {
        caller: { name: '张三丰', phone: '13712345678' },
        content: '小区垃圾桶满溢无人清运',
        type: '投诉',
        address: '八宝山街道玉泉路西社区5号楼',
      },
      201,
    );
    const list = await call(app, cookies.street as string, 'GET', '/api/demands?status=dispatched');
    const item = list.items.find((x: { id: string }) => x.id === d.id);
    expect(item.caller).toEqual({ name: '张**', phone: '137****5678', masked: true });
    const gridDenied = await app.inject({
      method: 'POST',
      url: `/api/demands/${d.id}/reveal-caller`,
      headers: { cookie: cookies.supervisor as string },
      payload: { reason: '想看看' },
    });
    expect(gridDenied.statusCode).toBe(403);
    const shown = await call(app, cookies.street as string, 'POST', `/api/demands/${d.id}/reveal-caller`, {
      reason: '需联系诉求人',
    });
    expect(shown.caller).toEqual({ name: '张三丰', phone: '13712345678', masked: false });
    const views = await database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'demand.reveal_caller'), eq(auditLog.targetId, d.id)));
    expect(views).toHaveLength(1);

    const pub = await app.inject({ url: `/api/public/demands/${d.code}` });
    expect(pub.statusCode).toBe(200);
    expect(pub.body).not.toContain('张');
    expect(pub.body).not.toContain('1371234');
    expect(pub.json()).toMatchObject({
      code: d.code,
      statusName: '待签收',
      steps: [{ type: 'created' }, { type: 'dispatched' }],
    });
    expect((await app.inject({ url: '/api/public/demands/JD000000AAAAAA' })).statusCode).toBe(404);
  });
});
