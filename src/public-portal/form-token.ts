import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { AppError } from '../core/errors.ts';

/**
 * The form token: the time the portal form was opened, signed with a key of this server
 * (JIEDAO_PORTAL_KEY, else a random key per process — then a form must be sent to the process that
 * served it, which is what one `jiedao serve` is). It proves a minimum fill time without a captcha
 * and without storing anything.
 */
const KEY = process.env.JIEDAO_PORTAL_KEY ? Buffer.from(process.env.JIEDAO_PORTAL_KEY) : randomBytes(32);

const sign = (issuedAt: number) =>
  createHmac('sha256', KEY).update(`portal-form:${issuedAt}`).digest('base64url');

/** A token for a form opened at `issuedAt` (ms since the epoch). */
export function issueFormToken(issuedAt: number = Date.now()): string {
  return `${issuedAt}.${sign(issuedAt)}`;
}

/**
 * Checks a token and how long the form was open: a forged or garbled token and an expired form are
 * 400 BAD_REQUEST; a form sent sooner than `minFillMs` is 429 RATE_LIMITED (a bot, or a person who
 * should take a moment to check what they wrote).
 */
export function checkFormToken(
  token: string,
  now: number,
  limits: { minFillMs: number; formMaxAgeMs: number },
): void {
  const [at, mac] = token.split('.');
  const issuedAt = Number(at);
  const expected = Number.isSafeInteger(issuedAt) ? Buffer.from(sign(issuedAt)) : null;
  const given = Buffer.from(mac ?? '');
  if (!expected || expected.length !== given.length || !timingSafeEqual(expected, given)) {
    throw new AppError('BAD_REQUEST', '表单校验失败，请刷新页面后重新填写 (invalid form token)', {
      reason: 'form_invalid',
    });
  }
  const age = now - issuedAt;
  if (age > limits.formMaxAgeMs || age < -60_000) {
    throw new AppError('BAD_REQUEST', '表单已过期，请刷新页面后重新提交 (form expired)', {
      reason: 'form_expired',
    });
  }
  if (age < limits.minFillMs) {
    const retryAfterSeconds = Math.ceil((limits.minFillMs - age) / 1000);
    throw new AppError('RATE_LIMITED', '提交过快，请核对填写内容后再提交 (submitted too fast)', {
      reason: 'too_fast',
      retryAfterSeconds,
    });
  }
}
