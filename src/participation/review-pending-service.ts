import { appendAudit } from '../core/audit/append-audit.ts';
import { authorize, type Principal } from '../core/auth/authorize.ts';
import type { Db } from '../core/db/connection.ts';
import { AppError, notFound } from '../core/errors.ts';
import { ReviewServiceInput } from './model.ts';
import { participationPolicy } from './policy.ts';

const STATUS_NAMES = { pending: '待确认', confirmed: '已确认', rejected: '已退回' } as const;

/** The columns a service record (a party member's or a volunteer's) shares for its review. */
export interface ReviewableService {
  id: string;
  districtCode: string;
  communityPath: string;
  status: keyof typeof STATUS_NAMES;
}

export type ServiceReview = { status: 'confirmed' | 'rejected'; byLabel: string; note: string | null };

/** Where one kind of service record is kept, and how its review is audited. */
export interface ServiceRecords<Row extends ReviewableService> {
  /** A record by id; `forUpdate` locks the row for the transaction. */
  get: (db: Db, id: string, options?: { forUpdate?: boolean }) => Promise<Row | undefined>;
  write: (tx: Db, id: string, review: ServiceReview) => Promise<void>;
  /** The audit target type and the action's prefix (`volunteer_service` → `volunteer_service.confirm`). */
  auditType: string;
  auditDetails: (row: Row) => Record<string, unknown>;
}

/**
 * The community confirms a pending service record (its hours then count) or sends it back with a
 * reason; a record already reviewed is an ILLEGAL_TRANSITION.
 */
export async function reviewPendingService<Row extends ReviewableService>(
  records: ServiceRecords<Row>,
  options: {
    db: Db;
    principal: Principal;
    serviceId: string;
    input: ReviewServiceInput;
    requestId?: string | null;
  },
): Promise<Row> {
  const input = ReviewServiceInput.parse(options.input);
  const { principal } = options;
  return options.db.transaction(async (tx) => {
    const service = await records.get(tx, options.serviceId, { forUpdate: true });
    if (!service || service.districtCode !== principal.districtCode) {
      throw notFound('服务记录', options.serviceId);
    }
    authorize(principal, participationPolicy.reviewService, {
      districtCode: service.districtCode,
      paths: [service.communityPath],
    });
    const step = input.confirm ? 'confirm' : 'reject';
    if (service.status !== 'pending') {
      throw new AppError(
        'ILLEGAL_TRANSITION',
        `服务记录${STATUS_NAMES[service.status]}，不能再次确认 (already reviewed)`,
        { status: service.status, step },
      );
    }
    await records.write(tx, service.id, {
      status: input.confirm ? 'confirmed' : 'rejected',
      byLabel: principal.displayName,
      note: input.note ?? null,
    });
    await appendAudit(tx, {
      districtCode: service.districtCode,
      actor: { id: principal.userId, label: principal.username },
      action: `${records.auditType}.${step}`,
      targetType: records.auditType,
      targetId: service.id,
      details: records.auditDetails(service),
      requestId: options.requestId ?? null,
    });
    return (await records.get(tx, service.id)) as Row;
  });
}
