import { type AuditActor, appendAudit } from '../../core/audit/append-audit.ts';
import type { Db } from '../../core/db/connection.ts';
import { AppError, notFound } from '../../core/errors.ts';
import { getUnitByCode } from '../../jurisdiction/store.ts';
import type { OrgUnitRow } from '../../jurisdiction/tables.ts';
import { getProposal, updateProposal } from './store.ts';
import type { AccessProposalRow } from './tables.ts';

/** Rejects a pending proposal with a reason (audited); a decided one is `CONFLICT`. */
export async function rejectAccessProposal(options: {
  db: Db;
  proposalId: string;
  reason: string;
  actor: AuditActor;
  requestId?: string | null;
  authorizeScope?: (unit: OrgUnitRow) => void;
}): Promise<AccessProposalRow> {
  const reason = options.reason.trim();
  if (!reason) throw new AppError('VALIDATION_FAILED', '须写明驳回理由 (reason required)');
  return options.db.transaction(async (tx) => {
    const proposal = await getProposal(tx, options.proposalId);
    if (!proposal) throw notFound('准入事项申请', options.proposalId);
    const scope = await getUnitByCode(tx, proposal.scopeCode);
    if (!scope) throw notFound('清单适用单位', proposal.scopeCode);
    options.authorizeScope?.(scope);
    if (proposal.status !== 'pending') {
      throw new AppError('CONFLICT', '该申请已处理 (already decided)', { status: proposal.status });
    }
    const row = await updateProposal(tx, proposal.id, {
      status: 'rejected',
      rejectionReason: reason,
      decidedAt: new Date(),
    });
    await appendAudit(tx, {
      districtCode: proposal.districtCode,
      actor: options.actor,
      action: 'access_proposal.reject',
      targetType: 'access_proposal',
      targetId: proposal.id,
      details: { reason },
      requestId: options.requestId ?? null,
    });
    return row ?? proposal;
  });
}
