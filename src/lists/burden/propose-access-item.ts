import { z } from 'zod';
import { type AuditActor, appendAudit } from '../../core/audit/append-audit.ts';
import type { Db } from '../../core/db/connection.ts';
import { AppError, notFound } from '../../core/errors.ts';
import { uuidv7 } from '../../core/ids.ts';
import { getUnitByCode } from '../../jurisdiction/store.ts';
import type { OrgUnitRow } from '../../jurisdiction/tables.ts';
import { resolveRule } from '../../policy/load-profiles.ts';
import { parseOrThrow } from '../../policy/model.ts';
import { getActivePolicy } from '../../policy/store.ts';
import {
  ACCESS_LIST_FOR_LEVEL,
  districtUnitCode,
  itemCodeSchema,
  LIST_KIND_NAMES,
  transfersSchema,
} from '../model.ts';
import { excludedMatterIn, missingTransfers, shortSource, transferNames } from './rules.ts';
import { insertProposal } from './store.ts';
import type { AccessProposalRow } from './tables.ts';

export const AccessProposalInput = z.strictObject({
  /** Whose access list: streets' or communities'. */
  targetLevel: z.enum(['street', 'community']),
  /** The unit whose list grows (default: the district-wide list). */
  scopeCode: z.string().optional(),
  item: z.strictObject({
    itemCode: itemCodeSchema.optional(),
    name: z.string().trim().min(1).max(200),
    category: z.string().trim().max(100).optional(),
    basis: z.string().trim().max(1000).optional(),
    demandCategories: z
      .array(z.string().regex(/^\d{4}$/))
      .max(50)
      .default([]),
  }),
  transfers: transfersSchema,
});
export type AccessProposalInput = z.input<typeof AccessProposalInput>;

/**
 * Proposes a new item for a street's or community's access list. Under the active profile's rule
 * (XQ 二(一); NJ 4) the proposal must state the authority, staff and funds that move with the work —
 * a blank one is `TRANSFERS_REQUIRED`; a community item that is a matter communities may never be
 * made responsible for (执法, 拆迁拆违 …) is `EXCLUDED_MATTER`. The item is citable only once approved.
 */
export async function proposeAccessItem(options: {
  db: Db;
  districtCode: string;
  proposedBy: Pick<OrgUnitRow, 'code'>;
  input: AccessProposalInput;
  actor: AuditActor;
  requestId?: string | null;
  authorizeScope?: (unit: OrgUnitRow) => void;
}): Promise<AccessProposalRow> {
  const input = parseOrThrow(AccessProposalInput, options.input, '准入事项申请无效 (invalid proposal)');
  const listKind = ACCESS_LIST_FOR_LEVEL[input.targetLevel];
  const scopeCode = input.scopeCode ?? districtUnitCode(options.districtCode);
  return options.db.transaction(async (tx) => {
    const scope = await getUnitByCode(tx, scopeCode);
    if (!scope || scope.districtCode !== options.districtCode) throw notFound('清单适用单位', scopeCode);
    options.authorizeScope?.(scope);
    const allowed =
      input.targetLevel === 'street' ? ['district', 'street'] : ['district', 'street', 'community'];
    if (!allowed.includes(scope.level)) {
      throw new AppError('VALIDATION_FAILED', `${LIST_KIND_NAMES[listKind]}不能适用于：${scope.name}`, {
        level: scope.level,
      });
    }
    const active = await getActivePolicy(tx, options.districtCode);
    const rule = resolveRule(active.profileId, 'burden.newAccessItem', active.overrides);
    const missing = missingTransfers(input.transfers, rule.value.mustTransfer);
    if (missing.length > 0) {
      throw new AppError(
        'TRANSFERS_REQUIRED',
        `新增准入事项须做到权随事转、人随事转、费随事转，未写明：${transferNames(missing)}（${shortSource(rule.source)}） (authority, staff and funds must move with the item)`,
        { missing, rule: { key: rule.key, source: rule.source } },
      );
    }
    if (input.targetLevel === 'community') {
      const excluded = resolveRule(active.profileId, 'burden.communityExcludedMatters', active.overrides);
      const hit = excludedMatterIn([input.item.name, input.item.category ?? null], excluded.value);
      if (hit) {
        throw new AppError(
          'EXCLUDED_MATTER',
          `社区不作为“${hit}”等事项的责任主体，不能列入社区工作事项准入清单（${shortSource(excluded.source)}） (matter excluded from communities)`,
          { matter: hit, rule: { key: excluded.key, source: excluded.source } },
        );
      }
    }
    const row: AccessProposalRow = {
      id: uuidv7(),
      districtCode: options.districtCode,
      listKind,
      scopeCode: scope.code,
      proposedByUnitCode: options.proposedBy.code,
      proposedBy: options.actor.label,
      item: {
        ...(input.item.itemCode ? { itemCode: input.item.itemCode } : {}),
        name: input.item.name,
        category: input.item.category ?? null,
        basis: input.item.basis ?? null,
        demandCategories: input.item.demandCategories,
      },
      transfers: input.transfers,
      status: 'pending',
      approval: null,
      rejectionReason: null,
      resultVersionId: null,
      resultItemCode: null,
      createdAt: new Date(),
      decidedAt: null,
    };
    await insertProposal(tx, row);
    await appendAudit(tx, {
      districtCode: options.districtCode,
      actor: options.actor,
      action: 'access_proposal.create',
      targetType: 'access_proposal',
      targetId: row.id,
      details: { listKind, scopeCode: scope.code, name: input.item.name, transfers: input.transfers },
      requestId: options.requestId ?? null,
    });
    return row;
  });
}
