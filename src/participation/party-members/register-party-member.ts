import { appendAudit } from '../../core/audit/append-audit.ts';
import { authorize, type Principal } from '../../core/auth/authorize.ts';
import type { Db } from '../../core/db/connection.ts';
import { AppError } from '../../core/errors.ts';
import { uuidv7 } from '../../core/ids.ts';
import { registrantValues } from '../columns.ts';
import { beijingDate } from '../periods.ts';
import { participationPolicy } from '../policy.ts';
import { communityByCode, departmentUnitByCode } from '../units.ts';
import { RegisterPartyMemberInput } from './model.ts';
import { findActiveByIdNumber, getMember, insertMember } from './store.ts';
import type { PartyMemberRecord } from './tables.ts';

/**
 * 党员到社区报到: a party member registers at their home community — an in-service member with their
 * unit, whose report-in rate then counts them. One home community at a time: the same ID number
 * active elsewhere is refused (转出 first). Audited without the personal data itself.
 */
export async function registerPartyMember(options: {
  db: Db;
  principal: Principal;
  input: RegisterPartyMemberInput;
  requestId?: string | null;
}): Promise<PartyMemberRecord> {
  const input = RegisterPartyMemberInput.parse(options.input);
  const { principal } = options;
  const today = beijingDate(new Date());
  if (input.registeredOn && input.registeredOn > today) {
    throw new AppError('VALIDATION_FAILED', '报到日期不能晚于今天 (registration date in the future)');
  }
  return options.db.transaction(async (tx) => {
    const community = await communityByCode(tx, principal, input.communityCode);
    authorize(principal, participationPolicy.registerMember, {
      districtCode: community.districtCode,
      paths: [community.path],
    });
    const unit = input.unitCode ? await departmentUnitByCode(tx, principal, input.unitCode) : null;
    if (input.idNumber) {
      const existing = await findActiveByIdNumber(tx, principal.districtCode, input.idNumber);
      if (existing) {
        throw new AppError(
          'ALREADY_REGISTERED',
          `该党员已在${existing.communityName}报到，请先办理转出 (already registered)`,
          { memberId: existing.id, community: existing.communityCode },
        );
      }
    }
    const id = uuidv7();
    await insertMember(tx, {
      id,
      districtCode: community.districtCode,
      ...registrantValues(community, input),
      kind: input.kind,
      unitId: unit?.id ?? null,
      unitPath: unit?.path ?? null,
      workUnit: input.workUnit ?? unit?.name ?? null,
      skills: input.skills ?? null,
      userId: input.userId ?? null,
      registeredOn: input.registeredOn ?? today,
      createdByLabel: principal.displayName,
    });
    await appendAudit(tx, {
      districtCode: community.districtCode,
      actor: { id: principal.userId, label: principal.username },
      action: 'party_member.register',
      targetType: 'party_member',
      targetId: id,
      details: { community: community.code, unit: unit?.code ?? null, kind: input.kind },
      requestId: options.requestId ?? null,
    });
    return (await getMember(tx, id)) as PartyMemberRecord;
  });
}
