import { type AuditActor, appendAudit } from '../../core/audit/append-audit.ts';
import type { Db } from '../../core/db/connection.ts';
import { AppError, notFound } from '../../core/errors.ts';
import { getWorkRequest, markAcknowledged } from './store.ts';
import type { WorkRequestRow } from './tables.ts';

/** The target acknowledges receipt of a work notice (签收); only accepted requests are notices. */
export async function acknowledgeNotice(options: {
  db: Db;
  workRequestId: string;
  actor: AuditActor;
  requestId?: string | null;
  authorizeTarget?: (row: WorkRequestRow) => void;
}): Promise<WorkRequestRow> {
  return options.db.transaction(async (tx) => {
    const request = await getWorkRequest(tx, options.workRequestId);
    if (!request) throw notFound('工作提示单', options.workRequestId);
    options.authorizeTarget?.(request);
    if (request.status !== 'accepted') {
      throw new AppError('CONFLICT', '已拒收的工作请求不是工作提示单，无需签收 (refused request)');
    }
    if (request.acknowledgedAt) return request;
    const row = await markAcknowledged(tx, request.id, options.actor.label);
    await appendAudit(tx, {
      districtCode: request.districtCode,
      actor: options.actor,
      action: 'work_notice.acknowledge',
      targetType: 'work_request',
      targetId: request.id,
      details: { noticeNo: request.noticeNo },
      requestId: options.requestId ?? null,
    });
    return row ?? request;
  });
}
