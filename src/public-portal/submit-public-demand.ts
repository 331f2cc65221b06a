import type { Db } from '../core/db/connection.ts';
import { AppError } from '../core/errors.ts';
import { intakeDemand } from '../demands/intake-demand.ts';
import { STATUS_NAMES } from '../demands/model.ts';
import { findByIdempotencyKey, listDemands } from '../demands/store.ts';
import type { AppContext } from '../http/context.ts';
import { checkFormToken } from './form-token.ts';
import type { PortalGuards } from './guards.ts';
import { PUBLIC_ACTOR, PublicSubmitInput } from './model.ts';
import { idempotencyKeyFor } from './secret.ts';

export interface SubmitPublicDemandOptions {
  ctx: Pick<AppContext, 'geo' | 'classifiers' | 'calendars'>;
  db: Db;
  districtCode: string;
  input: unknown;
  clientIp: string;
  guards: PortalGuards;
  now?: number;
  requestId?: string | null;
}

export interface SubmittedDemand {
  code: string;
  status: string;
  statusName: string;
  createdAt: string;
  /** True when this form was already sent (a retry or a double click): nothing new was created. */
  replayed: boolean;
}

/**
 * A resident files a demand through the public portal (no account): abuse checks first (honeypot,
 * minimum fill time, per-IP, per-phone and per-district caps), then the ordinary intake with channel
 * `web`, audited as the public actor. It waits in 待派单 for the hotline, which reviews and dispatches
 * it like a call. A retry of the same form (same secret) returns the same demand and is not counted.
 */
export async function submitPublicDemand(options: SubmitPublicDemandOptions): Promise<SubmittedDemand> {
  const input = PublicSubmitInput.parse(options.input);
  const { db, districtCode, guards } = options;
  const now = options.now ?? Date.now();
  if (input.website?.trim()) {
    throw new AppError('BAD_REQUEST', '提交未通过校验，请刷新页面后重试 (rejected)', { reason: 'honeypot' });
  }
  checkFormToken(input.formToken, now, guards.limits);

  const key = idempotencyKeyFor(input.secret);
  const retry = await findByIdempotencyKey(db, districtCode, key);
  if (!retry) {
    guards.countSubmission(options.clientIp, input.phone, now);
    const cap = guards.limits.perDistrictPerHour;
    const lastHour = await listDemands(db, {
      districtCode,
      scopePath: `/${districtCode}000000/`,
      channel: 'web',
      from: new Date(now - 3600_000),
      limit: cap,
      offset: 0,
    });
    if (lastHour.length >= cap) {
      throw new AppError('RATE_LIMITED', '当前提交人数较多，请稍后再试或拨打 12345 (portal busy)', {
        reason: 'district',
        retryAfterSeconds: 600,
      });
    }
  }

  const result = await intakeDemand({
    ctx: options.ctx,
    db,
    districtCode,
    input: {
      caller: { name: input.name || null, phone: input.phone },
      content: input.content,
      type: input.type,
      channel: 'web',
      urgency: 'normal',
      address: input.address,
      point: input.point ?? null,
      attachments: [],
      // The hotline reviews what residents send before anything is dispatched.
      action: { kind: 'record' },
    },
    actor: PUBLIC_ACTOR,
    idempotencyKey: key,
    requestId: options.requestId ?? null,
  });
  const d = result.demand;
  return {
    code: d.code,
    status: d.status,
    statusName: STATUS_NAMES[d.status as keyof typeof STATUS_NAMES] ?? d.status,
    createdAt: d.createdAt.toISOString(),
    replayed: result.replayed,
  };
}
