import { appendAudit } from '../../core/audit/append-audit.ts';
import { authorize, type Principal } from '../../core/auth/authorize.ts';
import type { Db } from '../../core/db/connection.ts';
import { AppError } from '../../core/errors.ts';
import { uuidv7 } from '../../core/ids.ts';
import { beijingDate } from '../periods.ts';
import { participationPolicy } from '../policy.ts';
import { communityByCode } from '../units.ts';
import { checkTeamMembers } from './add-team-members.ts';
import { CreateTeamInput } from './model.ts';
import { addTeamMembers, findTeamByName, getTeam, insertTeam } from './store.ts';
import type { VolunteerTeamRow } from './tables.ts';

/**
 * 组建志愿服务队 at a community, with its first members (the leader among them). Members must be
 * active volunteers registered at the same community. One name per community (CONFLICT).
 */
export async function createTeam(options: {
  db: Db;
  principal: Principal;
  input: CreateTeamInput;
  requestId?: string | null;
}): Promise<VolunteerTeamRow> {
  const input = CreateTeamInput.parse(options.input);
  const { principal } = options;
  return options.db.transaction(async (tx) => {
    const community = await communityByCode(tx, principal, input.communityCode);
    authorize(principal, participationPolicy.manageVolunteers, {
      districtCode: community.districtCode,
      paths: [community.path],
    });
    if (await findTeamByName(tx, community.id, input.name)) {
      throw new AppError('CONFLICT', `本社区已有同名志愿服务队：${input.name} (team exists)`);
    }
    const memberIds = [...new Set([...(input.leaderId ? [input.leaderId] : []), ...input.memberIds])];
    await checkTeamMembers(tx, community.path, memberIds);
    const id = uuidv7();
    await insertTeam(tx, {
      id,
      districtCode: community.districtCode,
      communityId: community.id,
      communityName: community.name,
      communityPath: community.path,
      name: input.name,
      serviceType: input.serviceType,
      leaderId: input.leaderId ?? null,
      description: input.description ?? null,
      createdByLabel: principal.displayName,
    });
    const joinedOn = beijingDate(new Date());
    await addTeamMembers(
      tx,
      memberIds.map((volunteerId) => ({
        id: uuidv7(),
        districtCode: community.districtCode,
        teamId: id,
        volunteerId,
        joinedOn,
      })),
    );
    await appendAudit(tx, {
      districtCode: community.districtCode,
      actor: { id: principal.userId, label: principal.username },
      action: 'volunteer_team.create',
      targetType: 'volunteer_team',
      targetId: id,
      details: { community: community.code, name: input.name, members: memberIds.length },
      requestId: options.requestId ?? null,
    });
    return (await getTeam(tx, id)) as VolunteerTeamRow;
  });
}
