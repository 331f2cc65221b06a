import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../src/core/audit/tables.ts';
import { sessions } from '../../src/core/auth/tables.ts';
import type { Database } from '../../src/core/db/connection.ts';
import type { App } from '../../src/http/server.ts';
import { openTestDatabase } from '../db.ts';
import { buildDemoDistrict, buildTestApp, cookieOf, DEMO_PASSWORD, loginAs } from '../factories.ts';

let database: Database;
let app: App;
let logins: { username: string; role: string }[];
beforeAll(async () => {
  database = await openTestDatabase({ demo: true });
  logins = (await buildDemoDistrict(database)).logins;
  ({ app } = await buildTestApp(database, { lockoutThreshold: 3 }));
});

describe('log-in', () => {
  it('works for every demo role and answers /api/auth/me with that role', async () => {
    expect(logins.map((l) => l.role).sort()).toEqual(
      [
        'auditor',
        'community_worker',
        'dept_handler',
        'district_admin',
        'grid_worker',
        'hotline_operator',
        'street_dispatcher',
        'street_dispatcher',
        'supervisor',
      ].sort(),
    );
    for (const { username, role } of logins) {
      const res = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username, password: DEMO_PASSWORD },
      });
      expect(res.statusCode, username).toBe(200);
      const setCookie = String(res.headers['set-cookie']);
      expect(setCookie).toMatch(/jd_session=/);
      expect(setCookie).toMatch(/HttpOnly/i);
      expect(setCookie).toMatch(/SameSite=Lax/i);
      const me = await app.inject({ url: '/api/auth/me', headers: { cookie: cookieOf(res) } });
      expect(me.json().user.username).toBe(username);
      expect(me.json().roles[0].code).toBe(role);
    }
  });

  it('stores only a hash of the session token', async () => {
    const cookie = await loginAs(app, 'street');
    const token = cookie.split('=')[1] as string;
    const rows = await database.db.select({ id: sessions.id }).from(sessions);
    expect(rows.some((r) => r.id === token)).toBe(false);
    expect(rows.every((r) => /^[0-9a-f]{64}$/.test(r.id))).toBe(true);
  });

  it('answers a wrong password with 401 INVALID_CREDENTIALS, the same for an unknown user', async () => {
    for (const username of ['street', 'nobody']) {
      const res = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username, password: 'wrong-password-1' },
      });
      expect(res.statusCode).toBe(401);
      expect(res.json()).toEqual({
        error: { code: 'INVALID_CREDENTIALS', message: expect.stringContaining('用户名或密码错误') },
      });
    }
  });

  it('locks the account after repeated failures, even for the right password, until an admin unlocks it', async () => {
    const attempt = (password: string) =>
      app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'community', password } });
    expect((await attempt('bad-password-1')).statusCode).toBe(401);
    expect((await attempt('bad-password-2')).statusCode).toBe(401);
    const third = await attempt('bad-password-3');
    expect(third.statusCode).toBe(423);
    expect(third.json().error.code).toBe('ACCOUNT_LOCKED');
    const right = await attempt(DEMO_PASSWORD);
    expect(right.statusCode).toBe(423);

    const admin = await loginAs(app, 'admin');
    const users = (await app.inject({ url: '/api/users?limit=500', headers: { cookie: admin } })).json()
      .items;
    const community = users.find((u: { username: string }) => u.username === 'community');
    expect(community.locked).toBe(true);
    const unlock = await app.inject({
      method: 'POST',
      url: `/api/users/${community.id}/unlock`,
      headers: { cookie: admin },
    });
    expect(unlock.statusCode).toBe(200);
    expect((await attempt(DEMO_PASSWORD)).statusCode).toBe(200);

    const actions = (
      await database.db.select().from(auditLog).where(eq(auditLog.targetId, community.id))
    ).map((r) => r.action);
    expect(actions).toEqual(expect.arrayContaining(['auth.login', 'user.lock', 'user.unlock']));
  });

  it('ends a session on log-out and after the idle timeout', async () => {
    const cookie = await loginAs(app, 'grid');
    expect((await app.inject({ url: '/api/auth/me', headers: { cookie } })).statusCode).toBe(200);
    await app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie } });
    const after = await app.inject({ url: '/api/auth/me', headers: { cookie } });
    expect(after.statusCode).toBe(401);
    expect(after.json().error.code).toBe('UNAUTHENTICATED');

    const idle = await loginAs(app, 'grid');
    await database.db.update(sessions).set({ lastSeenAt: new Date(Date.now() - 31 * 60_000) });
    const expired = await app.inject({ url: '/api/auth/me', headers: { cookie: idle } });
    expect(expired.statusCode).toBe(401);
    expect(expired.json().error.code).toBe('SESSION_EXPIRED');
  });

  it('accepts an API key for a machine client and refuses a wrong one', async () => {
    const admin = await loginAs(app, 'admin');
    const created = await app.inject({
      method: 'POST',
      url: '/api/users',
      headers: { cookie: admin },
      payload: {
        username: 'cti-gateway',
        displayName: '热线CTI接口',
        unitCode: '110107D001',
        roles: ['hotline_operator'],
        password: 'Gateway-secret-2026',
      },
    });
    expect(created.statusCode).toBe(201);
    const key = await app.inject({
      method: 'POST',
      url: '/api/api-keys',
      headers: { cookie: admin },
      payload: { userId: created.json().id, name: 'CTI' },
    });
    expect(key.statusCode).toBe(201);
    const apiKey = key.json().key as string;
    expect(apiKey).toMatch(/^jd_/);
    const me = await app.inject({ url: '/api/auth/me', headers: { authorization: `Bearer ${apiKey}` } });
    expect(me.json().user.username).toBe('cti-gateway');
    const viaHeader = await app.inject({ url: '/api/jurisdiction', headers: { 'x-api-key': apiKey } });
    expect(viaHeader.statusCode).toBe(200);
    const wrong = await app.inject({ url: '/api/auth/me', headers: { authorization: 'Bearer jd_notakey' } });
    expect(wrong.statusCode).toBe(401);
  });

  it('enforces the password policy when creating users', async () => {
    const admin = await loginAs(app, 'admin');
    const res = await app.inject({
      method: 'POST',
      url: '/api/users',
      headers: { cookie: admin },
      payload: {
        username: 'weakling',
        displayName: '弱密码',
        unitCode: '110107001000',
        roles: ['street_dispatcher'],
        password: 'short',
      },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('WEAK_PASSWORD');
  });

  it('refuses a role that does not fit the unit', async () => {
    const admin = await loginAs(app, 'admin');
    const res = await app.inject({
      method: 'POST',
      url: '/api/users',
      headers: { cookie: admin },
      payload: {
        username: 'misplaced',
        displayName: '错位',
        unitCode: '110107001003',
        roles: ['street_dispatcher'],
        password: 'Wrongplace-2026x',
      },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('INVALID_ROLE_FOR_UNIT');
  });
});
