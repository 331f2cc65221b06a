import type { Db } from '../core/db/connection.ts';
import { AppError, notFound } from '../core/errors.ts';
import { foldEvents } from '../demands/lifecycle.ts';
import { STATUS_NAMES } from '../demands/model.ts';
import { type PlannedEvent, recordEvents } from '../demands/record-events.ts';
import { getDemand, getDemandByCode, listEvents, toEventRecord } from '../demands/store.ts';
import type { DemandRow } from '../demands/tables.ts';
import { PUBLIC_ACTOR, PublicRatingInput } from './model.ts';
import { secretMatches } from './secret.ts';

export interface RatePublicDemandOptions {
  db: Db;
  code: string;
  input: unknown;
  /** Called when the secret is wrong (the routes count it against the client's IP). */
  onBadSecret?: () => void;
  requestId?: string | null;
}

export interface RatedDemand {
  code: string;
  status: string;
  statusName: string;
  closed: boolean;
}

/**
 * 市民评价: the resident who submitted a demand through the portal rates the unit's reply — resolved
 * or not, satisfied or not — with the secret the form gave them. It is the demand's callback (回访),
 * recorded through the lifecycle like the hotline's: a resolved, satisfied rating closes the demand;
 * an unresolved or unsatisfied one leaves it with the hotline, which reopens or closes it. Once only.
 */
export async function ratePublicDemand(options: RatePublicDemandOptions): Promise<RatedDemand> {
  const input = PublicRatingInput.parse(options.input);
  const { db } = options;
  return db.transaction(async (tx) => {
    const found = await getDemandByCode(tx, options.code);
    // A wrong secret and an unknown code answer alike, so codes cannot be probed through ratings.
    if (!found || !secretMatches(found.idempotencyKey, input.secret)) {
      options.onBadSecret?.();
      if (!found) throw notFound('受理编号', options.code);
      throw new AppError('FORBIDDEN', '评价凭证不正确，请使用提交时获得的评价码 (wrong secret)');
    }
    const demand = (await getDemand(tx, found.id, { forUpdate: true })) as DemandRow;
    const events = await listEvents(tx, demand.id);
    if (events.some((e) => e.type === 'callback' && e.data.by === 'resident')) {
      throw new AppError('CONFLICT', '您已评价过该诉求 (already rated)');
    }
    const state = foldEvents(events.map(toEventRecord));
    if (state.status !== 'replied') {
      const name = STATUS_NAMES[state.status];
      throw new AppError(
        'ILLEGAL_TRANSITION',
        `诉求当前为“${name}”，承办单位反馈办理结果后才能评价 (nothing to rate yet)`,
        { status: state.status },
      );
    }
    // Same rule as the hotline's callback (perform-demand-action.ts): resolved and not unsatisfied closes it.
    const good = input.resolved && input.satisfaction !== 'unsatisfied';
    const planned: PlannedEvent[] = [
      {
        type: 'callback',
        note: input.note || null,
        data: { reached: true, resolved: input.resolved, satisfaction: input.satisfaction, by: 'resident' },
      },
      ...(good ? [{ type: 'closed' as const, data: { by: 'callback' } }] : []),
    ];
    const { state: after } = await recordEvents(tx, demand, planned, {
      actor: PUBLIC_ACTOR,
      requestId: options.requestId ?? null,
      auditAction: 'demand.callback',
      auditDetails: { via: 'public_portal' },
    });
    return {
      code: demand.code,
      status: after.status,
      statusName: STATUS_NAMES[after.status],
      closed: after.status === 'closed',
    };
  });
}
