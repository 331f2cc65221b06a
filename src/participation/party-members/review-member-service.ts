import { appendAudit } from '../../core/audit/append-audit.ts';
import { authorize, type Principal } from '../../core/auth/authorize.ts';
import type { Db } from '../../core/db/connection.ts';
import { AppError, notFound } from '../../core/errors.ts';
import { ReviewServiceInput } from '../model.ts';
import { participationPolicy } from '../policy.ts';
import { getService, reviewService } from './store.ts';
import type { PartyMemberServiceRow } from './tables.ts';

const STATUS_NAMES = { pending: '待确认', confirmed: '已确认', rejected: '已退回' } as const;

/** The community confirms a member's service (its hours then count) or sends it back with a reason. */
export async function reviewMemberService(options: {
  db: Db;
  principal: Principal;
  serviceId: string;
  input: ReviewServiceInput;
  requestId?: string | null;
}): Promise<PartyMemberServiceRow> {
  const input = ReviewServiceInput.parse(options.input);
  const { principal } = options;
  return options.db.transaction(async (tx) => {
    const service = await getService(tx, options.serviceId, { forUpdate: true });
    if (!service || service.districtCode !== principal.districtCode) {
      throw notFound('服务记录', options.serviceId);
    }
    authorize(principal, participationPolicy.reviewService, {
      districtCode: service.districtCode,
      paths: [service.communityPath],
    });
    if (service.status !== 'pending') {
      throw new AppError(
        'ILLEGAL_TRANSITION',
        `服务记录${STATUS_NAMES[service.status]}，不能再次确认 (already reviewed)`,
        { status: service.status, step: input.confirm ? 'confirm' : 'reject' },
      );
    }
    const status = input.confirm ? 'confirmed' : 'rejected';
    await reviewService(tx, service.id, { status, byLabel: principal.displayName, note: input.note ?? null });
    await appendAudit(tx, {
      districtCode: service.districtCode,
      actor: { id: principal.userId, label: principal.username },
      action: `party_member_service.${input.confirm ? 'confirm' : 'reject'}`,
      targetType: 'party_member_service',
      targetId: service.id,
      details: { memberId: service.memberId, hours: service.hours },
      requestId: options.requestId ?? null,
    });
    return (await getService(tx, service.id)) as PartyMemberServiceRow;
  });
}
