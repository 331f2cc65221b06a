import { appendAudit } from '../../core/audit/append-audit.ts';
import { authorize, type Principal } from '../../core/auth/authorize.ts';
import type { Db } from '../../core/db/connection.ts';
import { AppError } from '../../core/errors.ts';
import { uuidv7 } from '../../core/ids.ts';
import { registrantValues } from '../columns.ts';
import { beijingDate } from '../periods.ts';
import { participationPolicy } from '../policy.ts';
import { communityByCode } from '../units.ts';
import { RegisterVolunteerInput } from './model.ts';
import { findActiveVolunteerByIdNumber, getVolunteer, insertVolunteer } from './store.ts';
import type { VolunteerRow } from './tables.ts';

/**
 * 志愿者注册 at a community (the community's staff or a grid worker records it). A person is
 * registered at one community at a time (the same ID number active elsewhere is refused), so the
 * registration rate never counts anyone twice. Audited without the personal data itself.
 */
export async function registerVolunteer(options: {
  db: Db;
  principal: Principal;
  input: RegisterVolunteerInput;
  requestId?: string | null;
}): Promise<VolunteerRow> {
  const input = RegisterVolunteerInput.parse(options.input);
  const { principal } = options;
  const today = beijingDate(new Date());
  if (input.registeredOn && input.registeredOn > today) {
    throw new AppError('VALIDATION_FAILED', '注册日期不能晚于今天 (registration date in the future)');
  }
  return options.db.transaction(async (tx) => {
    const community = await communityByCode(tx, principal, input.communityCode);
    authorize(principal, participationPolicy.manageVolunteers, {
      districtCode: community.districtCode,
      paths: [community.path],
    });
    if (input.idNumber) {
      const existing = await findActiveVolunteerByIdNumber(tx, principal.districtCode, input.idNumber);
      if (existing) {
        throw new AppError(
          'ALREADY_REGISTERED',
          `该志愿者已在${existing.communityName}注册 (already registered)`,
          { volunteerId: existing.id, community: existing.communityCode },
        );
      }
    }
    const id = uuidv7();
    await insertVolunteer(tx, {
      id,
      districtCode: community.districtCode,
      ...registrantValues(community, input),
      skills: input.skills ?? null,
      registeredOn: input.registeredOn ?? today,
      createdByLabel: principal.displayName,
    });
    await appendAudit(tx, {
      districtCode: community.districtCode,
      actor: { id: principal.userId, label: principal.username },
      action: 'volunteer.register',
      targetType: 'volunteer',
      targetId: id,
      details: { community: community.code },
      requestId: options.requestId ?? null,
    });
    return (await getVolunteer(tx, id)) as VolunteerRow;
  });
}
