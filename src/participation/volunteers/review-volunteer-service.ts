import { appendAudit } from '../../core/audit/append-audit.ts';
import { authorize, type Principal } from '../../core/auth/authorize.ts';
import type { Db } from '../../core/db/connection.ts';
import { AppError, notFound } from '../../core/errors.ts';
import { ReviewServiceInput } from '../model.ts';
import { participationPolicy } from '../policy.ts';
import { getVolunteerService, reviewVolunteerServiceRow } from './store.ts';
import type { VolunteerServiceRow } from './tables.ts';

/** The community confirms a volunteer's hours (they then count) or sends them back with a reason. */
export async function reviewVolunteerService(options: {
  db: Db;
  principal: Principal;
  serviceId: string;
  input: ReviewServiceInput;
  requestId?: string | null;
}): Promise<VolunteerServiceRow> {
  const input = ReviewServiceInput.parse(options.input);
  const { principal } = options;
  return options.db.transaction(async (tx) => {
    const s = await getVolunteerService(tx, options.serviceId, { forUpdate: true });
    if (!s || s.districtCode !== principal.districtCode) throw notFound('服务记录', options.serviceId);
    authorize(principal, participationPolicy.reviewService, {
      districtCode: s.districtCode,
      paths: [s.communityPath],
    });
    if (s.status !== 'pending') {
      throw new AppError(
        'ILLEGAL_TRANSITION',
        `服务记录${s.status === 'confirmed' ? '已确认' : '已退回'}，不能再次确认 (already reviewed)`,
        { status: s.status, step: input.confirm ? 'confirm' : 'reject' },
      );
    }
    const status = input.confirm ? 'confirmed' : 'rejected';
    await reviewVolunteerServiceRow(tx, s.id, {
      status,
      byLabel: principal.displayName,
      note: input.note ?? null,
    });
    await appendAudit(tx, {
      districtCode: s.districtCode,
      actor: { id: principal.userId, label: principal.username },
      action: `volunteer_service.${input.confirm ? 'confirm' : 'reject'}`,
      targetType: 'volunteer_service',
      targetId: s.id,
      details: { volunteerId: s.volunteerId, hours: s.hours },
      requestId: options.requestId ?? null,
    });
    return (await getVolunteerService(tx, s.id)) as VolunteerServiceRow;
  });
}
