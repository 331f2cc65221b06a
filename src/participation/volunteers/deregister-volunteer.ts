import { appendAudit } from '../../core/audit/append-audit.ts';
import { authorize, type Principal } from '../../core/auth/authorize.ts';
import type { Db } from '../../core/db/connection.ts';
import { AppError, notFound } from '../../core/errors.ts';
import { beijingDate } from '../periods.ts';
import { participationPolicy } from '../policy.ts';
import { DeregisterVolunteerInput } from './model.ts';
import { deactivateVolunteer, getVolunteer } from './store.ts';
import type { VolunteerRow } from './tables.ts';

/** 注销: a volunteer leaves from a day; their hours stay on record, the rate stops counting them. */
export async function deregisterVolunteer(options: {
  db: Db;
  principal: Principal;
  volunteerId: string;
  input: DeregisterVolunteerInput;
  requestId?: string | null;
}): Promise<VolunteerRow> {
  const input = DeregisterVolunteerInput.parse(options.input);
  const { principal } = options;
  return options.db.transaction(async (tx) => {
    const v = await getVolunteer(tx, options.volunteerId);
    if (!v || v.districtCode !== principal.districtCode) throw notFound('志愿者', options.volunteerId);
    authorize(principal, participationPolicy.manageVolunteers, {
      districtCode: v.districtCode,
      paths: [v.communityPath],
    });
    if (!v.active) {
      throw new AppError('ILLEGAL_TRANSITION', `该志愿者已于 ${v.leftOn} 注销 (already left)`, {
        status: 'left',
        step: 'deregister',
      });
    }
    const leftOn = input.leftOn ?? beijingDate(new Date());
    if (leftOn < v.registeredOn) {
      throw new AppError('VALIDATION_FAILED', '注销日期不能早于注册日期 (left before registering)');
    }
    await deactivateVolunteer(tx, v.id, leftOn);
    await appendAudit(tx, {
      districtCode: v.districtCode,
      actor: { id: principal.userId, label: principal.username },
      action: 'volunteer.deregister',
      targetType: 'volunteer',
      targetId: v.id,
      details: { community: v.communityCode, leftOn, reason: input.reason },
      requestId: options.requestId ?? null,
    });
    return (await getVolunteer(tx, v.id)) as VolunteerRow;
  });
}
