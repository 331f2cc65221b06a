import { z } from 'zod';
import { type AuditActor, appendAudit } from '../core/audit/append-audit.ts';
import type { Db } from '../core/db/connection.ts';
import { AppError, notFound } from '../core/errors.ts';
import { getUnitByCode } from '../jurisdiction/store.ts';
import type { OrgUnitRow } from '../jurisdiction/tables.ts';
import { parseOrThrow, partyOrgTypeSchema } from './model.ts';
import { getCommunityFacts, upsertCommunityFacts } from './store.ts';
import type { CommunityPolicyFactsRow } from './tables.ts';

const count = z.int().min(0).max(1_000_000);
const yuan = z.int().min(0).max(1_000_000_000);

/** What a community actually has in a year; every field optional (unknown stays null). */
export const CommunityFactsInput = z.strictObject({
  year: z.int().min(2000).max(2100),
  twoCommitteeMembers: count.nullable().optional(),
  serviceStationStaff: count.nullable().optional(),
  partyOrg: partyOrgTypeSchema.nullable().optional(),
  partyMembers: count.nullable().optional(),
  workingFundsYuan: yuan.nullable().optional(),
  partyBuildingFundsYuan: yuan.nullable().optional(),
  note: z.string().trim().max(500).nullable().optional(),
});
export type CommunityFactsInput = z.infer<typeof CommunityFactsInput>;

/**
 * Records a community's actual staffing, party organisation and funds for a year (replacing what
 * was recorded before; before/after audited). Only communities have such facts.
 */
export async function recordCommunityFacts(options: {
  db: Db;
  communityCode: string;
  input: CommunityFactsInput;
  actor: AuditActor;
  requestId?: string | null;
  /** The route's jurisdiction check, run inside the transaction on the community row. */
  authorizeUnit?: (unit: OrgUnitRow) => void;
}): Promise<CommunityPolicyFactsRow> {
  const input = parseOrThrow(CommunityFactsInput, options.input, '社区配备与经费信息无效 (invalid facts)');
  return options.db.transaction(async (tx) => {
    const unit = await getUnitByCode(tx, options.communityCode);
    if (!unit) throw notFound('社区', options.communityCode);
    options.authorizeUnit?.(unit);
    if (unit.level !== 'community') {
      throw new AppError(
        'VALIDATION_FAILED',
        `只有社区可以登记配备与经费情况：${unit.name} (not a community)`,
        {
          code: unit.code,
          level: unit.level,
        },
      );
    }
    const before = await getCommunityFacts(tx, unit.code, input.year);
    const row = await upsertCommunityFacts(tx, {
      districtCode: unit.districtCode,
      communityCode: unit.code,
      year: input.year,
      twoCommitteeMembers: input.twoCommitteeMembers ?? null,
      serviceStationStaff: input.serviceStationStaff ?? null,
      partyOrg: input.partyOrg ?? null,
      partyMembers: input.partyMembers ?? null,
      workingFundsYuan: input.workingFundsYuan ?? null,
      partyBuildingFundsYuan: input.partyBuildingFundsYuan ?? null,
      note: input.note ?? null,
      isDemo: false,
      updatedBy: options.actor.label,
    });
    await appendAudit(tx, {
      districtCode: unit.districtCode,
      actor: options.actor,
      action: 'policy.community_facts.record',
      targetType: 'org_unit',
      targetId: unit.code,
      details: { year: input.year, before: before ? factsOf(before) : null, after: factsOf(row) },
      requestId: options.requestId ?? null,
    });
    return row;
  });
}

function factsOf(r: CommunityPolicyFactsRow) {
  return {
    twoCommitteeMembers: r.twoCommitteeMembers,
    serviceStationStaff: r.serviceStationStaff,
    partyOrg: r.partyOrg,
    partyMembers: r.partyMembers,
    workingFundsYuan: r.workingFundsYuan,
    partyBuildingFundsYuan: r.partyBuildingFundsYuan,
    note: r.note,
  };
}
