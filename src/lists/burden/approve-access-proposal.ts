import { z } from 'zod';
import { type AuditActor, appendAudit } from '../../core/audit/append-audit.ts';
import type { Db } from '../../core/db/connection.ts';
import { AppError, notFound } from '../../core/errors.ts';
import { getUnitByCode } from '../../jurisdiction/store.ts';
import type { OrgUnitRow } from '../../jurisdiction/tables.ts';
import { parseOrThrow } from '../../policy/model.ts';
import { chinaToday, ITEM_CODE_PREFIX, LIST_KIND_NAMES, type ListItemInput } from '../model.ts';
import { publishVersion } from '../publish-version.ts';
import { findEffectiveVersion, listItemsOf } from '../store.ts';
import type { ListVersionRow } from '../tables.ts';
import { nextItemCode } from './rules.ts';
import { getProposal, updateProposal } from './store.ts';
import type { AccessProposalRow } from './tables.ts';

/** The approval record: who approved (e.g. 区委、政府研究同意; 区编委会), by which document, when. */
export const ApprovalInput = z.strictObject({
  approvingBody: z.string().trim().min(1, '须写明审批机关 (approving body required)').max(200),
  document: z.string().trim().min(1, '须写明批准文件 (approving document required)').max(300),
  approvedOn: z.iso.date(),
  /** When the grown list takes effect (default: today). */
  effectiveFrom: z.iso.date().optional(),
});
export type ApprovalInput = z.infer<typeof ApprovalInput>;

/**
 * Approves a pending proposal: records the approval and publishes a new version of the scope's
 * access list — the items in force for it plus the new item carrying its transfers — so the item is
 * citable from its effective date. A decided proposal is `CONFLICT`.
 */
export async function approveAccessProposal(options: {
  db: Db;
  proposalId: string;
  approval: ApprovalInput;
  actor: AuditActor;
  requestId?: string | null;
  authorizeScope?: (unit: OrgUnitRow) => void;
}): Promise<{ proposal: AccessProposalRow; version: ListVersionRow; itemCode: string }> {
  const approval = parseOrThrow(ApprovalInput, options.approval, '审批记录不完整 (invalid approval record)');
  return options.db.transaction(async (tx) => {
    const proposal = await getProposal(tx, options.proposalId);
    if (!proposal) throw notFound('准入事项申请', options.proposalId);
    const scope = await getUnitByCode(tx, proposal.scopeCode);
    if (!scope) throw notFound('清单适用单位', proposal.scopeCode);
    options.authorizeScope?.(scope);
    if (proposal.status !== 'pending') {
      throw new AppError(
        'CONFLICT',
        `该申请已${proposal.status === 'approved' ? '批准' : '驳回'} (already decided)`,
        {
          status: proposal.status,
        },
      );
    }
    const kind = proposal.listKind;
    const effectiveFrom = approval.effectiveFrom ?? chinaToday();
    // The new version continues the list that governs the scope today (possibly the district's).
    const current = await findEffectiveVersion(tx, {
      districtCode: scope.districtCode,
      kind,
      unitPath: scope.path,
      on: effectiveFrom,
    });
    const currentItems = current ? await listItemsOf(tx, current.id) : [];
    const codes = currentItems.map((i) => i.itemCode);
    const itemCode = proposal.item.itemCode ?? nextItemCode(ITEM_CODE_PREFIX[kind], codes);
    if (codes.includes(itemCode)) {
      throw new AppError('CONFLICT', `事项编号已在清单中：${itemCode} (item code taken)`, { itemCode });
    }
    const items: (ListItemInput & { proposalId?: string | null })[] = currentItems.map((i) => ({
      itemCode: i.itemCode,
      name: i.name,
      category: i.category,
      demandCategories: i.demandCategories,
      responsibleUnitCode: i.responsibleUnitCode,
      basis: i.basis,
      details: i.details,
      transfers: i.transfers,
      proposalId: i.proposalId,
    }));
    items.push({
      itemCode,
      name: proposal.item.name,
      category: proposal.item.category,
      demandCategories: proposal.item.demandCategories,
      responsibleUnitCode: null,
      basis: proposal.item.basis,
      details: null,
      transfers: proposal.transfers,
      proposalId: proposal.id,
    });
    const version = await publishVersion(tx, {
      kind,
      scope,
      meta: {
        title: current?.title ?? `${scope.name}${LIST_KIND_NAMES[kind]}`,
        approvingDocument: approval.document,
        effectiveFrom,
      },
      items,
      origin: 'approval',
      createdBy: options.actor.label,
    });
    const updated = await updateProposal(tx, proposal.id, {
      status: 'approved',
      approval: {
        approvingBody: approval.approvingBody,
        document: approval.document,
        approvedOn: approval.approvedOn,
        decidedBy: options.actor.label,
      },
      resultVersionId: version.id,
      resultItemCode: itemCode,
      decidedAt: new Date(),
    });
    await appendAudit(tx, {
      districtCode: scope.districtCode,
      actor: options.actor,
      action: 'access_proposal.approve',
      targetType: 'access_proposal',
      targetId: proposal.id,
      details: {
        ...approval,
        itemCode,
        versionId: version.id,
        versionNo: version.versionNo,
        transfers: proposal.transfers,
      },
      requestId: options.requestId ?? null,
    });
    return { proposal: updated ?? proposal, version, itemCode };
  });
}
