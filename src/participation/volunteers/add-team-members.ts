import { appendAudit } from '../../core/audit/append-audit.ts';
import { authorize, type Principal } from '../../core/auth/authorize.ts';
import type { Db } from '../../core/db/connection.ts';
import { AppError, notFound } from '../../core/errors.ts';
import { uuidv7 } from '../../core/ids.ts';
import { beijingDate } from '../periods.ts';
import { participationPolicy } from '../policy.ts';
import { AddTeamMembersInput } from './model.ts';
import { addTeamMembers, getTeam, getVolunteers } from './store.ts';

/** Every id must be an active volunteer of the team's community (a team serves its own residents). */
export async function checkTeamMembers(db: Db, communityPath: string, ids: readonly string[]): Promise<void> {
  const found = await getVolunteers(db, ids);
  const bad = ids.filter(
    (id) => !found.some((v) => v.id === id && v.active && v.communityPath === communityPath),
  );
  if (bad.length > 0) {
    throw new AppError('VALIDATION_FAILED', '队员须为本社区在册志愿者 (members must be volunteers here)', {
      ids: bad,
    });
  }
}

/** Adds volunteers to a team; those already in it are left alone. Returns how many joined. */
export async function addMembersToTeam(options: {
  db: Db;
  principal: Principal;
  teamId: string;
  input: AddTeamMembersInput;
  requestId?: string | null;
}): Promise<{ added: number }> {
  const input = AddTeamMembersInput.parse(options.input);
  const { principal } = options;
  return options.db.transaction(async (tx) => {
    const team = await getTeam(tx, options.teamId);
    if (!team || team.districtCode !== principal.districtCode) throw notFound('志愿服务队', options.teamId);
    authorize(principal, participationPolicy.manageVolunteers, {
      districtCode: team.districtCode,
      paths: [team.communityPath],
    });
    const ids = [...new Set(input.volunteerIds)];
    await checkTeamMembers(tx, team.communityPath, ids);
    const joinedOn = beijingDate(new Date());
    const added = await addTeamMembers(
      tx,
      ids.map((volunteerId) => ({
        id: uuidv7(),
        districtCode: team.districtCode,
        teamId: team.id,
        volunteerId,
        joinedOn,
      })),
    );
    await appendAudit(tx, {
      districtCode: team.districtCode,
      actor: { id: principal.userId, label: principal.username },
      action: 'volunteer_team.add_members',
      targetType: 'volunteer_team',
      targetId: team.id,
      details: { added },
      requestId: options.requestId ?? null,
    });
    return { added };
  });
}
