import { type AuditActor, appendAudit } from '../../core/audit/append-audit.ts';
import { generateTotpSecret, otpauthUri, verifyTotp } from '../../core/auth/totp.ts';
import { deleteUserTotp, findUserTotp, markTotpUsed, savePendingTotp } from '../../core/auth/totp-store.ts';
import type { UserWithUnit } from '../../core/auth/users-store.ts';
import type { Db } from '../../core/db/connection.ts';
import { AppError } from '../../core/errors.ts';

interface Common {
  db: Db;
  user: Pick<UserWithUnit, 'id' | 'username' | 'districtCode'>;
  actor: AuditActor;
  requestId?: string | null;
}

const invalidCode = () =>
  new AppError('INVALID_TOTP', '动态验证码错误或已使用 (invalid or reused one-time code)');

/** Starts (or restarts) enrolment: a new secret, shown once, pending until a first code confirms it. */
export async function setUpTotp(options: Common): Promise<{ secret: string; otpauthUri: string }> {
  const existing = await findUserTotp(options.db, options.user.id);
  if (existing?.enabledAt)
    throw new AppError('CONFLICT', '已启用动态验证码；如需更换请先停用 (second factor already enabled)');
  const secret = generateTotpSecret();
  await options.db.transaction(async (tx) => {
    await savePendingTotp(tx, options.user.id, secret);
    await appendAudit(tx, {
      districtCode: options.user.districtCode,
      actor: options.actor,
      action: 'user.totp_setup',
      targetType: 'user',
      targetId: options.user.id,
      requestId: options.requestId ?? null,
    });
  });
  return { secret, otpauthUri: otpauthUri(secret, options.user.username) };
}

/** Confirms enrolment with the first code from the app; from then on log-in needs a code. */
export async function enableTotp(options: Common & { code: string }): Promise<void> {
  const row = await findUserTotp(options.db, options.user.id);
  if (!row) throw new AppError('CONFLICT', '请先获取动态验证码密钥 (set up first)');
  if (row.enabledAt) throw new AppError('CONFLICT', '动态验证码已启用 (already enabled)');
  const step = verifyTotp(row.secret, options.code, { lastStep: row.lastStep });
  if (step === null) throw invalidCode();
  await options.db.transaction(async (tx) => {
    await markTotpUsed(tx, options.user.id, step, true);
    await appendAudit(tx, {
      districtCode: options.user.districtCode,
      actor: options.actor,
      action: 'user.totp_enable',
      targetType: 'user',
      targetId: options.user.id,
      requestId: options.requestId ?? null,
    });
  });
}

/**
 * Removes the second factor: by its owner with a current code, or by a district admin (`reset`, for a
 * lost phone) without one. Audited either way.
 */
export async function disableTotp(options: Common & { code?: string; reset?: boolean }): Promise<void> {
  const row = await findUserTotp(options.db, options.user.id);
  if (!row) throw new AppError('NOT_FOUND', '未设置动态验证码 (no second factor)');
  if (!options.reset) {
    const step = options.code ? verifyTotp(row.secret, options.code, { lastStep: row.lastStep }) : null;
    if (step === null) throw invalidCode();
  }
  await options.db.transaction(async (tx) => {
    await deleteUserTotp(tx, options.user.id);
    await appendAudit(tx, {
      districtCode: options.user.districtCode,
      actor: options.actor,
      action: options.reset ? 'user.totp_reset' : 'user.totp_disable',
      targetType: 'user',
      targetId: options.user.id,
      requestId: options.requestId ?? null,
    });
  });
}
