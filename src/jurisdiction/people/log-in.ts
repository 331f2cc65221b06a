import { appendAudit } from '../../core/audit/append-audit.ts';
import { hashPassword, verifyPassword } from '../../core/auth/passwords.ts';
import { createSession } from '../../core/auth/sessions.ts';
import { verifyTotp } from '../../core/auth/totp.ts';
import { claimTotpStep, findUserTotp } from '../../core/auth/totp-store.ts';
import {
  findUserByUsername,
  recordFailedLogin,
  recordSuccessfulLogin,
  type UserWithUnit,
} from '../../core/auth/users-store.ts';
import type { Config } from '../../core/config.ts';
import type { Db } from '../../core/db/connection.ts';
import { AppError } from '../../core/errors.ts';

export interface LogInOptions {
  db: Db;
  config: Pick<Config, 'lockoutThreshold' | 'lockoutMinutes' | 'sessionMaxHours'>;
  username: string;
  password: string;
  /** The 6-digit code of the user's authenticator, when the user has enabled a second factor. */
  totp?: string | undefined;
  ip?: string | undefined;
  userAgent?: string | undefined;
  requestId?: string | null;
}

// Verifying against a real hash for unknown users keeps the response time the same (no user probing).
let dummyHash: Promise<string> | undefined;

/**
 * Checks the password and opens a session. Failed attempts are counted and, at the threshold, lock the
 * account for a while; counting and locking commit even though the call then fails.
 */
export async function logIn(
  options: LogInOptions,
): Promise<{ token: string; expiresAt: Date; user: UserWithUnit }> {
  const { db, config } = options;
  const user = await findUserByUsername(db, options.username);
  if (!user?.active || user.isMachine) {
    dummyHash ??= hashPassword('not-a-real-password-0');
    await verifyPassword(await dummyHash, options.password);
    throw invalidCredentials();
  }
  const audit = (tx: Db, action: string, result: 'ok' | 'denied', details: Record<string, unknown> = {}) =>
    appendAudit(tx, {
      districtCode: user.districtCode,
      actor: { id: user.id, label: user.username },
      action,
      targetType: 'user',
      targetId: user.id,
      result,
      details: { ip: options.ip ?? null, ...details },
      requestId: options.requestId ?? null,
    });

  if (user.lockedUntil && user.lockedUntil.getTime() > Date.now()) {
    await db.transaction((tx) => audit(tx, 'auth.login', 'denied', { reason: 'locked' }));
    throw locked(user.lockedUntil);
  }
  // A wrong password and a wrong second-factor code both count towards the lock-out.
  const fail = async (reason: 'bad_password' | 'bad_totp') => {
    const lockedUntil = await db.transaction(async (tx) => {
      const failures = user.failedLogins + 1;
      const lockUntil =
        failures >= config.lockoutThreshold ? new Date(Date.now() + config.lockoutMinutes * 60_000) : null;
      await recordFailedLogin(tx, user.id, lockUntil);
      await audit(tx, 'auth.login', 'denied', { reason, failures });
      if (lockUntil) await audit(tx, 'user.lock', 'ok', { until: lockUntil.toISOString(), failures });
      return lockUntil;
    });
    return lockedUntil ? locked(lockedUntil) : reason === 'bad_totp' ? invalidTotp() : invalidCredentials();
  };
  if (!(await verifyPassword(user.passwordHash, options.password))) throw await fail('bad_password');
  const factor = await findUserTotp(db, user.id);
  let totpStep: number | null = null;
  if (factor?.enabledAt) {
    if (!options.totp) {
      await db.transaction((tx) => audit(tx, 'auth.login', 'denied', { reason: 'totp_required' }));
      throw new AppError('TOTP_REQUIRED', '请输入动态验证码 (one-time code required)');
    }
    totpStep = verifyTotp(factor.secret, options.totp, { lastStep: factor.lastStep });
    if (totpStep === null) throw await fail('bad_totp');
  }
  const session = await db.transaction(async (tx) => {
    // a code works once, even when two log-ins race with it
    if (totpStep !== null && !(await claimTotpStep(tx, user.id, totpStep))) throw invalidTotp();
    await recordSuccessfulLogin(tx, user.id);
    const s = await createSession(
      tx,
      { userId: user.id, districtCode: user.districtCode, ip: options.ip, userAgent: options.userAgent },
      config,
    );
    await audit(tx, 'auth.login', 'ok', totpStep !== null ? { secondFactor: 'totp' } : {});
    return s;
  });
  return { ...session, user };
}

const invalidCredentials = () =>
  new AppError('INVALID_CREDENTIALS', '用户名或密码错误 (invalid user name or password)');
const invalidTotp = () =>
  new AppError('INVALID_TOTP', '动态验证码错误或已使用 (invalid or reused one-time code)');
const locked = (until: Date) =>
  new AppError('ACCOUNT_LOCKED', `登录失败次数过多，账号已锁定至 ${until.toISOString()} (account locked)`, {
    lockedUntil: until.toISOString(),
  });
