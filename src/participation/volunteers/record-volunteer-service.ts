import { appendAudit } from '../../core/audit/append-audit.ts';
import { authorize, type Principal } from '../../core/auth/authorize.ts';
import type { Db } from '../../core/db/connection.ts';
import { AppError, notFound } from '../../core/errors.ts';
import { uuidv7 } from '../../core/ids.ts';
import { beijingDate } from '../periods.ts';
import { participationPolicy } from '../policy.ts';
import { RecordVolunteerServiceInput } from './model.ts';
import {
  getTeam,
  getVolunteer,
  getVolunteerService,
  insertVolunteerService,
  listTeamMemberIds,
} from './store.ts';
import type { VolunteerServiceRow } from './tables.ts';

/** Hours a volunteer served (志愿服务时长), pending until the community confirms them. */
export async function recordVolunteerService(options: {
  db: Db;
  principal: Principal;
  volunteerId: string;
  input: RecordVolunteerServiceInput;
  requestId?: string | null;
}): Promise<VolunteerServiceRow> {
  const input = RecordVolunteerServiceInput.parse(options.input);
  const { principal } = options;
  return options.db.transaction(async (tx) => {
    const v = await getVolunteer(tx, options.volunteerId);
    if (!v || v.districtCode !== principal.districtCode) throw notFound('志愿者', options.volunteerId);
    authorize(principal, participationPolicy.manageVolunteers, {
      districtCode: v.districtCode,
      paths: [v.communityPath],
    });
    if (input.servedOn > beijingDate(new Date())) {
      throw new AppError('VALIDATION_FAILED', '服务日期不能晚于今天 (service date in the future)');
    }
    if (input.servedOn < v.registeredOn || (v.leftOn !== null && input.servedOn >= v.leftOn)) {
      throw new AppError('VALIDATION_FAILED', '服务日期不在该志愿者注册期间内 (outside registration)');
    }
    if (input.teamId) {
      const team = await getTeam(tx, input.teamId);
      if (!team || !(await listTeamMemberIds(tx, team.id)).includes(v.id)) {
        throw new AppError('VALIDATION_FAILED', '该志愿者不是此服务队队员 (not in this team)');
      }
    }
    const id = uuidv7();
    await insertVolunteerService(tx, {
      id,
      districtCode: v.districtCode,
      volunteerId: v.id,
      teamId: input.teamId ?? null,
      communityPath: v.communityPath,
      title: input.title,
      servedOn: input.servedOn,
      hours: input.hours,
      status: 'pending',
      note: input.note ?? null,
      recordedByLabel: principal.displayName,
    });
    await appendAudit(tx, {
      districtCode: v.districtCode,
      actor: { id: principal.userId, label: principal.username },
      action: 'volunteer_service.record',
      targetType: 'volunteer_service',
      targetId: id,
      details: { volunteerId: v.id, servedOn: input.servedOn, hours: input.hours },
      requestId: options.requestId ?? null,
    });
    return (await getVolunteerService(tx, id)) as VolunteerServiceRow;
  });
}
