import type { Principal } from '../../core/auth/authorize.ts';
import type { Db } from '../../core/db/connection.ts';
import { registerPartyMember } from './register-party-member.ts';
import { getMembers, listRegisteredPartyMembersWithin } from './store.ts';
import type { PartyMemberRecord } from './tables.ts';

/**
 * What whistles see of the 双报到 register (社区吹哨、党员报到): src/whistles/party-members.ts reads
 * and adds members only through these functions, in the shape its seam always returned. The name goes
 * through in full: a community summoning a member must know whom it summons; whistles' presenters
 * decide what their lists show.
 */
export interface SummonableMember {
  id: string;
  districtCode: string;
  communityId: string;
  communityPath: string;
  name: string;
  phone: string | null;
  workUnit: string | null;
  userId: string | null;
  active: boolean;
  createdAt: Date;
}

const toSummonable = (m: PartyMemberRecord): SummonableMember => ({
  id: m.id,
  districtCode: m.districtCode,
  communityId: m.communityId,
  communityPath: m.communityPath,
  name: m.name,
  phone: m.phone,
  workUnit: m.workUnit,
  userId: m.userId,
  active: m.active,
  createdAt: m.createdAt,
});

/** Members by id, any state (whistles check community and `active` themselves). */
export async function getSummonableMembers(db: Db, ids: readonly string[]): Promise<SummonableMember[]> {
  return (await getMembers(db, ids)).map(toSummonable);
}

/** Active members of every community inside a path. */
export async function listSummonableMembers(
  db: Db,
  districtCode: string,
  withinPath: string,
): Promise<SummonableMember[]> {
  return (await listRegisteredPartyMembersWithin(db, districtCode, withinPath)).map(toSummonable);
}

/**
 * Registers a member from the whistle screen's short form: with a work unit they count as in service,
 * without one as 其他; the full register (unit code, ID number) is the participation screen's.
 */
export async function registerSummonableMember(options: {
  db: Db;
  principal: Principal;
  input: {
    communityCode: string;
    name: string;
    phone?: string | null | undefined;
    workUnit?: string | null | undefined;
    userId?: string | null | undefined;
  };
  requestId?: string | null;
}): Promise<SummonableMember> {
  const { input } = options;
  const member = await registerPartyMember({
    db: options.db,
    principal: options.principal,
    input: { ...input, kind: input.workUnit ? 'in_service' : 'other' },
    requestId: options.requestId ?? null,
  });
  return toSummonable(member);
}
