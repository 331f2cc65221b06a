import { createHash } from 'node:crypto';
import { AppError } from '../core/errors.ts';
import type { PortalLimits } from './limits.ts';
import { SlidingWindow } from './sliding-window.ts';

const HOUR = 3600_000;

/** A phone number is kept in memory only as a hash (it is personal data). */
const phoneKey = (phone: string) => createHash('sha256').update(`phone:${phone}`).digest('hex');

function limited(reason: string, retryAfterMs: number, message: string): AppError {
  return new AppError('RATE_LIMITED', message, {
    reason,
    retryAfterSeconds: Math.ceil(retryAfterMs / 1000),
  });
}

/**
 * The portal's counters of one server: submissions per IP and per phone, wrong rating secrets per
 * IP. One instance per server (the routes create it), so tests start from zero.
 */
export class PortalGuards {
  private readonly perIp: SlidingWindow;
  private readonly perPhone: SlidingWindow;
  private readonly badSecrets: SlidingWindow;

  constructor(readonly limits: PortalLimits) {
    this.perIp = new SlidingWindow(limits.perIpPerHour, HOUR);
    this.perPhone = new SlidingWindow(limits.perPhonePerDay, 24 * HOUR);
    this.badSecrets = new SlidingWindow(limits.badSecretsPerIpPerHour, HOUR);
  }

  /** Counts a submission from this IP and phone; 429 RATE_LIMITED when either is over its cap. */
  countSubmission(ip: string, phone: string, now: number): void {
    const byIp = this.perIp.hit(ip, now);
    if (!byIp.allowed) {
      throw limited(
        'ip',
        byIp.retryAfterMs,
        '提交过于频繁，请稍后再试 (too many submissions from this address)',
      );
    }
    const byPhone = this.perPhone.hit(phoneKey(phone), now);
    if (!byPhone.allowed) {
      throw limited(
        'phone',
        byPhone.retryAfterMs,
        '该电话号码今日提交次数已达上限，如有紧急情况请拨打 12345 (too many submissions for this phone)',
      );
    }
  }

  /** Refuses rating attempts from an IP that has guessed wrong too often. */
  assertMayTrySecret(ip: string, now: number): void {
    const state = this.badSecrets.blocked(ip, now);
    if (state.blocked) {
      throw limited(
        'bad_secret',
        state.retryAfterMs,
        '评价凭证错误次数过多，请稍后再试 (too many wrong secrets)',
      );
    }
  }

  recordBadSecret(ip: string, now: number): void {
    this.badSecrets.hit(ip, now);
  }
}
