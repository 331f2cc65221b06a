import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../src/core/audit/tables.ts';
import type { Database } from '../../src/core/db/connection.ts';
import { getDemandByCode } from '../../src/demands/store.ts';
import type { App } from '../../src/http/server.ts';
import { issueFormToken } from '../../src/public-portal/form-token.ts';
import { openTestDatabase } from '../db.ts';
import { act, call, pointIn } from '../demands/helpers.ts';
import { buildDemoDistrict, buildTestApp, loginAs } from '../factories.ts';

let database: Database;
let app: App;
let hotline: string;
let street: string;
let point: { lng: number; lat: number };
const GRID = '110107001003001'; // 玉泉路西社区第1网格, 八宝山街道
const STREET = '110107001000'; // 八宝山街道

beforeAll(async () => {
  database = await openTestDatabase();
  await buildDemoDistrict(database);
  ({ app } = await buildTestApp(database));
  hotline = await loginAs(app, 'hotline');
  street = await loginAs(app, 'street');
  point = await pointIn(database, GRID);
});

let seq = 0;
/** A fresh form secret (Crockford base32, like the portal's form makes). */
const newSecret = () => `TESTSECRET${String(++seq).padStart(4, '0')}`.replace(/[ILOU]/g, 'X');
/** A token of a form opened ten seconds ago (past the minimum fill time). */
const oldToken = () => issueFormToken(Date.now() - 10_000);

function form(overrides: Record<string, unknown> = {}) {
  return {
    formToken: oldToken(),
    website: '',
    secret: newSecret(),
    name: '王女士',
    phone: '13912345678',
    type: '投诉',
    content: '小区楼道里杂物乱堆乱放，占用楼道很久了，请尽快清理',
    address: '八宝山街道玉泉路西社区3号楼',
    point,
    ...overrides,
  };
}

const submit = (payload: Record<string, unknown>, ip = '198.51.100.1') =>
  app.inject({ method: 'POST', url: '/api/public/demands', payload, remoteAddress: ip });

const rate = (code: string, payload: Record<string, unknown>, ip = '198.51.100.50') =>
  app.inject({ method: 'POST', url: `/api/public/demands/${code}/rating`, payload, remoteAddress: ip });

describe('the portal form', () => {
  it('gives the district, the demand types and a form token without log-in', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/public/portal' });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.district).toMatchObject({ code: '110107', name: '石景山区' });
    expect(body.demandTypes).toContain('投诉');
    expect(body.formToken).toMatch(/^\d+\./);
    expect(body.minFillSeconds).toBe(3);
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it('names an unknown district with 404', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/public/portal?district=999999' });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('NOT_FOUND');
  });
});

describe('submitting a demand without log-in', () => {
  it('refuses a form sent the moment it was opened (429, too_fast)', async () => {
    const token = (await app.inject({ method: 'GET', url: '/api/public/portal' })).json().formToken;
    const res = await submit(form({ formToken: token }), '198.51.100.2');
    expect(res.statusCode).toBe(429);
    expect(res.json().error).toMatchObject({ code: 'RATE_LIMITED', details: { reason: 'too_fast' } });
    expect(res.json().error.message).toContain('提交过快');
  });

  it('refuses a forged or expired token and a filled honeypot (400)', async () => {
    const forged = await submit(
      form({ formToken: `${Date.now() - 10_000}.forged-signature` }),
      '198.51.100.3',
    );
    expect(forged.statusCode).toBe(400);
    expect(forged.json().error).toMatchObject({ code: 'BAD_REQUEST', details: { reason: 'form_invalid' } });
    const expired = await submit(
      form({ formToken: issueFormToken(Date.now() - 3 * 3600_000) }),
      '198.51.100.3',
    );
    expect(expired.statusCode).toBe(400);
    expect(expired.json().error).toMatchObject({ code: 'BAD_REQUEST', details: { reason: 'form_expired' } });
    const bot = await submit(form({ website: 'http://spam.example' }), '198.51.100.3');
    expect(bot.statusCode).toBe(400);
    expect(bot.json().error).toMatchObject({ code: 'BAD_REQUEST', details: { reason: 'honeypot' } });
  });

  it('validates the phone, the content and the secret (400 with the fields)', async () => {
    const res = await submit(form({ phone: '12345', content: '太短', secret: 'abc' }), '198.51.100.4');
    expect(res.statusCode).toBe(400);
    const error = res.json().error;
    expect(error.code).toBe('VALIDATION_FAILED');
    const paths = (error.details.issues as { path: string }[]).map((i) => i.path).sort();
    expect(paths).toEqual(['content', 'phone', 'secret']);
  });

  it('creates a web demand waiting for the hotline, audited as the public actor; a retry returns it', async () => {
    const payload = form();
    const res = await submit(payload, '198.51.100.5');
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body).toMatchObject({ status: 'pending_dispatch', statusName: '待派单', replayed: false });
    expect(body.code).toMatch(/^JD\d{6}[0-9A-Z]{6}$/);
    // nothing personal comes back
    expect(res.body).not.toContain('13912345678');

    const row = await getDemandByCode(database.db, body.code);
    expect(row).toMatchObject({ channel: 'web', status: 'pending_dispatch', createdBy: null });
    // the secret itself is never stored, only its hash
    expect(row?.idempotencyKey).toMatch(/^portal:[0-9a-f]{64}$/);
    expect(row?.idempotencyKey).not.toContain(payload.secret);
    const [audit] = await database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'demand.create'), eq(auditLog.targetId, row?.id ?? '')));
    expect(audit).toMatchObject({ actorId: null, actorLabel: 'public:resident' });
    expect(audit?.details).toMatchObject({ channel: 'web', action: 'record' });

    const again = await submit({ ...payload, formToken: oldToken() }, '198.51.100.5');
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ code: body.code, replayed: true });
    const changed = await submit({ ...payload, content: `${payload.content}，还有别的事` }, '198.51.100.5');
    expect(changed.statusCode).toBe(422);
    expect(changed.json().error.code).toBe('IDEMPOTENCY_MISMATCH');

    // the hotline sees it in its dispatch queue
    const counts = await call(app, hotline, 'GET', '/api/demands/workbench');
    expect(counts.待派单).toBeGreaterThanOrEqual(1);
  });

  it('caps submissions per client IP (429, ip) and per phone (429, phone)', async () => {
    const ip = '203.0.113.7';
    for (let i = 0; i < 5; i++) {
      const ok = await submit(form({ phone: `1380000000${i}` }), ip);
      expect(ok.statusCode).toBe(201);
    }
    const sixth = await submit(form({ phone: '13800000009' }), ip);
    expect(sixth.statusCode).toBe(429);
    expect(sixth.json().error).toMatchObject({ code: 'RATE_LIMITED', details: { reason: 'ip' } });
    expect(sixth.json().error.details.retryAfterSeconds).toBeGreaterThan(0);

    const phone = '13700001111';
    for (let i = 0; i < 3; i++) {
      expect((await submit(form({ phone }), `203.0.113.${20 + i}`)).statusCode).toBe(201);
    }
    const fourth = await submit(form({ phone }), '203.0.113.30');
    expect(fourth.statusCode).toBe(429);
    expect(fourth.json().error).toMatchObject({ code: 'RATE_LIMITED', details: { reason: 'phone' } });
    expect(fourth.json().error.message).toContain('12345');
  });
});

describe('tracking and rating by code', () => {
  let code: string;
  let secret: string;
  let id: string;

  beforeAll(async () => {
    const payload = form({ phone: '13611112222' });
    secret = payload.secret;
    const res = await submit(payload, '198.51.100.60');
    code = res.json().code;
    id = (await getDemandByCode(database.db, code))?.id ?? '';
  });

  it('tracks the demand without log-in and without personal data', async () => {
    const res = await app.inject({ method: 'GET', url: `/api/public/demands/${code}` });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ code, status: 'pending_dispatch', statusName: '待派单' });
    expect(res.body).not.toContain('13611112222');
    expect(res.body).not.toContain('王女士');
  });

  it('refuses a rating before the unit replied (409 ILLEGAL_TRANSITION)', async () => {
    const res = await rate(code, { secret, resolved: true, satisfaction: 'satisfied' });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('ILLEGAL_TRANSITION');
    expect(res.json().error.message).toContain('待派单');
  });

  it('refuses a wrong secret (403) and an unknown code (404)', async () => {
    const wrong = await rate(code, { secret: 'WRNGSECRET12', resolved: true, satisfaction: 'satisfied' });
    expect(wrong.statusCode).toBe(403);
    expect(wrong.json().error).toMatchObject({ code: 'FORBIDDEN' });
    expect(wrong.json().error.message).toContain('评价凭证不正确');
    const unknown = await rate('JD000000AAAAAA', { secret, resolved: true, satisfaction: 'satisfied' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.code).toBe('NOT_FOUND');
    const bad = await rate(code, { secret, resolved: 'yes', satisfaction: 'happy' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('VALIDATION_FAILED');
  });

  it('records the rating as the callback once the unit replied; a satisfied, resolved one closes it', async () => {
    await act(app, hotline, id, { kind: 'dispatch', ownerUnitCode: STREET });
    await act(app, street, id, { kind: 'sign' });
    await act(app, street, id, { kind: 'reply', result: '已协调物业清理楼道杂物，通道畅通' });
    expect((await app.inject({ method: 'GET', url: `/api/public/demands/${code}` })).json().status).toBe(
      'replied',
    );

    const res = await rate(code, { secret: secret.toLowerCase(), resolved: true, satisfaction: 'satisfied' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ code, status: 'closed', statusName: '已办结', closed: true });

    const detail = await call(app, hotline, 'GET', `/api/demands/${id}`);
    const types = (detail.events as { type: string }[]).map((e) => e.type);
    expect(types.slice(-2)).toEqual(['callback', 'closed']);
    const callback = (detail.events as { type: string; actor: string; data: Record<string, unknown> }[]).find(
      (e) => e.type === 'callback',
    );
    expect(callback).toMatchObject({
      actor: 'public:resident',
      data: { reached: true, resolved: true, satisfaction: 'satisfied', by: 'resident' },
    });
    const [audit] = await database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'demand.callback'), eq(auditLog.targetId, id)));
    expect(audit).toMatchObject({ actorLabel: 'public:resident' });
    expect(audit?.details).toMatchObject({ via: 'public_portal', events: ['callback', 'closed'] });

    const twice = await rate(code, { secret, resolved: false, satisfaction: 'unsatisfied' });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.code).toBe('CONFLICT');
  });

  it('an unsatisfied rating leaves the demand with the hotline, which may reopen it', async () => {
    const payload = form({ phone: '13633334444' });
    const code2 = (await submit(payload, '198.51.100.61')).json().code;
    const id2 = (await getDemandByCode(database.db, code2))?.id ?? '';
    await act(app, hotline, id2, { kind: 'dispatch', ownerUnitCode: STREET });
    await act(app, street, id2, { kind: 'sign' });
    await act(app, street, id2, { kind: 'reply', result: '已派人查看，正在协调物业' });
    const res = await rate(code2, {
      secret: payload.secret,
      resolved: false,
      satisfaction: 'unsatisfied',
      note: '杂物还在',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'replied', closed: false });
    const detail = await call(app, hotline, 'GET', `/api/demands/${id2}`);
    expect(detail.allowedActions).toContain('reopen');
  });

  it('stops an IP that guesses secrets (429, bad_secret)', async () => {
    const ip = '192.0.2.99';
    for (let i = 0; i < 10; i++) {
      const res = await rate(
        code,
        { secret: `GVESSSECRET${i}`, resolved: true, satisfaction: 'satisfied' },
        ip,
      );
      expect(res.statusCode).toBe(403);
    }
    const blocked = await rate(code, { secret, resolved: true, satisfaction: 'satisfied' }, ip);
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json().error).toMatchObject({ code: 'RATE_LIMITED', details: { reason: 'bad_secret' } });
  });
});

describe('public statistics', () => {
  it('ranks every street by 三率 for the month, aggregates only', async () => {
    const period = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 7);
    const res = await app.inject({ method: 'GET', url: `/api/public/statistics?period=${period}` });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.district).toEqual({ code: '110107', name: '石景山区' });
    expect(body.streets).toHaveLength(9);
    const babaoshan = body.streets.find((s: { code: string }) => s.code === STREET);
    expect(babaoshan).toMatchObject({ name: '八宝山街道', dispatched: 2, resolutionRate: 0.5 });
    expect(body.totals).toMatchObject({ dispatched: 2, rated: 2, satisfied: 1 });
    expect(res.body).not.toMatch(/1[3-9]\d{9}|王女士|JD\d{6}/);
  });

  it('refuses a malformed period (400)', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/public/statistics?period=2026-13' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('VALIDATION_FAILED');
  });
});
