import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../src/core/audit/tables.ts';
import { assertPasswordPolicy } from '../../src/core/auth/passwords.ts';
import { sessions, users } from '../../src/core/auth/tables.ts';
import {
  base32Decode,
  base32Encode,
  hotp,
  totpCode,
  totpStep,
  verifyTotp,
} from '../../src/core/auth/totp.ts';
import type { Database } from '../../src/core/db/connection.ts';
import { AppError } from '../../src/core/errors.ts';
import type { App } from '../../src/http/server.ts';
import { openTestDatabase } from '../db.ts';
import { buildDemoDistrict, buildTestApp, cookieOf, DEMO_PASSWORD, loginAs } from '../factories.ts';

/**
 * Second factor (TOTP, RFC 6238), session time-outs, password policy and lock-out — the log-in side
 * of 等保 level 3 / ASVS level 2.
 */
let database: Database;
let app: App;
beforeAll(async () => {
  database = await openTestDatabase({ demo: true });
  await buildDemoDistrict(database);
  ({ app } = await buildTestApp(database, { lockoutThreshold: 3, lockoutMinutes: 15 }));
});

/** The district admin's session after its second factor was enabled (test 1), for test 2. */
let adminSession = '';

const login = (username: string, password: string, totp?: string) =>
  app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username, password, ...(totp ? { totp } : {}) },
  });

describe('TOTP (RFC 6238) primitives', () => {
  it('matches the RFC 6238 SHA-1 test vectors and the RFC 4226 HOTP table', () => {
    const secret = Buffer.from('12345678901234567890');
    // RFC 4226 appendix D
    expect([0, 1, 2, 9].map((c) => hotp(secret, c))).toEqual(['755224', '287082', '359152', '520489']);
    // RFC 6238 appendix B (8 digits, SHA-1)
    const vectors: [number, string][] = [
      [59, '94287082'],
      [1111111109, '07081804'],
      [1111111111, '14050471'],
      [1234567890, '89005924'],
      [2000000000, '69279037'],
      [20000000000, '65353130'],
    ];
    for (const [t, code] of vectors) expect(hotp(secret, Math.floor(t / 30), 8)).toBe(code);
    expect(base32Decode(base32Encode(secret)).equals(secret)).toBe(true);
    expect(base32Encode(Buffer.from('foobar'))).toBe('MZXW6YTBOI'); // RFC 4648 §10
  });

  it('accepts one step of drift, refuses older steps and used ones', () => {
    const secret = base32Encode(Buffer.from('12345678901234567890'));
    const at = 1_700_000_000_000;
    const now = totpCode(secret, at);
    expect(verifyTotp(secret, now, { at })).toBe(totpStep(at));
    expect(verifyTotp(secret, totpCode(secret, at - 30_000), { at })).toBe(totpStep(at) - 1);
    expect(verifyTotp(secret, totpCode(secret, at - 90_000), { at })).toBeNull();
    expect(verifyTotp(secret, now, { at, lastStep: totpStep(at) })).toBeNull();
    expect(verifyTotp(secret, '12345', { at })).toBeNull();
  });
});

describe('TOTP second factor', () => {
  it('an admin enrols, then log-in needs a valid, fresh code; a wrong code counts towards the lock-out', async () => {
    const cookie = await loginAs(app, 'admin');
    const setup = await app.inject({ method: 'POST', url: '/api/auth/totp/setup', headers: { cookie } });
    expect(setup.statusCode).toBe(200);
    const { secret, otpauthUri } = setup.json();
    expect(otpauthUri).toMatch(/^otpauth:\/\/totp\/.*admin\?secret=[A-Z2-7]+&issuer=/);
    // not active until confirmed: log-in still works with the password alone
    expect((await login('admin', DEMO_PASSWORD)).statusCode).toBe(200);
    const wrong = await app.inject({
      method: 'POST',
      url: '/api/auth/totp/enable',
      headers: { cookie },
      payload: { code: '000000' === totpCode(secret) ? '111111' : '000000' },
    });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().error.code).toBe('INVALID_TOTP');
    const enable = await app.inject({
      method: 'POST',
      url: '/api/auth/totp/enable',
      headers: { cookie },
      payload: { code: totpCode(secret) },
    });
    expect(enable.statusCode).toBe(204);

    const noCode = await login('admin', DEMO_PASSWORD);
    expect(noCode.statusCode).toBe(401);
    expect(noCode.json().error.code).toBe('TOTP_REQUIRED');
    const bad = await login('admin', DEMO_PASSWORD, totpCode(secret, Date.now() - 300_000));
    expect(bad.json().error.code).toBe('INVALID_TOTP');
    const [afterBad] = await database.db.select().from(users).where(eq(users.username, 'admin'));
    expect(afterBad?.failedLogins).toBe(1);

    // the code used to enable is spent: a log-in in the same 30 s needs the next one
    const next = totpCode(secret, Date.now() + 30_000);
    const ok = await login('admin', DEMO_PASSWORD, next);
    expect(ok.statusCode, ok.body).toBe(200);
    const replay = await login('admin', DEMO_PASSWORD, next);
    expect(replay.statusCode).toBe(401);
    expect(replay.json().error.code).toBe('INVALID_TOTP');

    adminSession = cookieOf(ok);
    const status = await app.inject({ url: '/api/auth/totp', headers: { cookie: adminSession } });
    expect(status.json()).toEqual({ enabled: true, pending: false });
    const actions = (
      await database.db
        .select({ action: auditLog.action, details: auditLog.details })
        .from(auditLog)
        .where(eq(auditLog.actorLabel, 'admin'))
    ).map((r) => `${r.action}:${String((r.details as { reason?: string }).reason ?? '')}`);
    expect(actions).toEqual(
      expect.arrayContaining([
        'user.totp_setup:',
        'user.totp_enable:',
        'auth.login:totp_required',
        'auth.login:bad_totp',
      ]),
    );
  });

  it('a district admin resets a lost factor (audited); API keys cannot enrol; others cannot reset', async () => {
    const grid = await loginAs(app, 'grid');
    const { secret } = (
      await app.inject({ method: 'POST', url: '/api/auth/totp/setup', headers: { cookie: grid } })
    ).json();
    await app.inject({
      method: 'POST',
      url: '/api/auth/totp/enable',
      headers: { cookie: grid },
      payload: { code: totpCode(secret) },
    });
    expect((await login('grid', DEMO_PASSWORD)).json().error.code).toBe('TOTP_REQUIRED');
    const [gridUser] = await database.db.select().from(users).where(eq(users.username, 'grid'));
    for (const who of ['street', 'auditor', 'supervisor']) {
      const refused = await app.inject({
        method: 'POST',
        url: `/api/users/${gridUser?.id}/totp/reset`,
        headers: { cookie: await loginAs(app, who) },
      });
      expect(refused.statusCode, who).toBe(403);
    }
    // a machine client cannot enrol a second factor
    const created = await app.inject({
      method: 'POST',
      url: '/api/users',
      headers: { cookie: adminSession },
      payload: {
        username: 'admin2',
        displayName: '第二管理员',
        unitCode: '110107000000',
        roles: ['district_admin'],
        password: 'Second-admin-2026',
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    const key = await app.inject({
      method: 'POST',
      url: '/api/api-keys',
      headers: { cookie: adminSession },
      payload: { userId: created.json().id, name: 'test' },
    });
    const viaKey = await app.inject({
      method: 'POST',
      url: '/api/auth/totp/setup',
      headers: { authorization: `Bearer ${key.json().key}` },
    });
    expect(viaKey.statusCode).toBe(403);
    const admin2Cookie = await loginAs(app, 'admin2', 'Second-admin-2026');
    const reset = await app.inject({
      method: 'POST',
      url: `/api/users/${gridUser?.id}/totp/reset`,
      headers: { cookie: admin2Cookie },
    });
    expect(reset.statusCode).toBe(204);
    expect((await login('grid', DEMO_PASSWORD)).statusCode).toBe(200);
    const resets = await database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'user.totp_reset'), eq(auditLog.targetId, gridUser?.id as string)));
    expect(resets).toHaveLength(1);
  });
});

describe('sessions, password policy and lock-out', () => {
  it('ends a session at its absolute limit even when it is used all the time', async () => {
    const cookie = await loginAs(app, 'dept');
    expect((await app.inject({ url: '/api/auth/me', headers: { cookie } })).statusCode).toBe(200);
    const token = cookie.split('=')[1] as string;
    const { sha256 } = await import('../../src/core/auth/sessions.ts');
    await database.db
      .update(sessions)
      .set({ expiresAt: new Date(Date.now() - 1000), lastSeenAt: new Date() })
      .where(eq(sessions.id, sha256(token)));
    const res = await app.inject({ url: '/api/auth/me', headers: { cookie } });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('SESSION_EXPIRED');
    // …and the expired session cannot reach any other route either (deny before the handler)
    const other = await app.inject({ url: '/api/demands', headers: { cookie } });
    expect(other.statusCode).toBe(401);
  });

  it('a lock-out ends by itself after its time; the right password then works and resets the count', async () => {
    for (const pw of ['bad-password-1', 'bad-password-2', 'bad-password-3']) await login('community', pw);
    expect((await login('community', DEMO_PASSWORD)).json().error.code).toBe('ACCOUNT_LOCKED');
    await database.db
      .update(users)
      .set({ lockedUntil: new Date(Date.now() - 1000) })
      .where(eq(users.username, 'community'));
    expect((await login('community', DEMO_PASSWORD)).statusCode).toBe(200);
    const [row] = await database.db.select().from(users).where(eq(users.username, 'community'));
    expect(row?.failedLogins).toBe(0);
  });

  it('the password policy refuses short, letter-only, digit-only and user-name passwords', () => {
    const weak = ['Short1', 'onlyletterslong', '12345678901234', 'zhangsan-2026x'];
    for (const pw of weak) {
      expect(() => assertPasswordPolicy(pw, 'zhangsan'), pw).toThrow(AppError);
    }
    expect(() => assertPasswordPolicy('Good-pass-2026', 'zhangsan')).not.toThrow();
  });
});
