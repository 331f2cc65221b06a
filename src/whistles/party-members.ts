import { and, eq, inArray, like } from 'drizzle-orm';
import { z } from 'zod';
import type { Principal } from '../core/auth/authorize.ts';
import type { Db } from '../core/db/connection.ts';
import {
  getSummonableMembers,
  listSummonableMembers,
  registerSummonableMember,
} from '../participation/party-members/whistle-seam.ts';
import { type PartyMemberRow, whistlePartyMembers } from './tables.ts';

/**
 * The seam to party members (党员报到). Whistles read members only through these functions. The
 * dual-registration capability (在职党员双报到, src/participation) now owns party members: new members
 * go to its register, and members already in `whistle_party_members` stay summonable beside them.
 */

export const PartyMemberInput = z.object({
  communityCode: z.string().length(12),
  name: z.string().trim().min(2).max(50),
  phone: z
    .string()
    .trim()
    .regex(/^[\d+\-() ]{5,20}$/, '电话号码格式不正确')
    .nullish(),
  workUnit: z.string().trim().max(100).nullish(),
  /** The member's staff account, when they have one (they may then check in themselves). */
  userId: z.uuid().nullish(),
});
export type PartyMemberInput = z.input<typeof PartyMemberInput>;

/**
 * Registers a party member with a community — in the 双报到 register of src/participation, the one
 * registry of party members (audited there). Signature unchanged for whistles' callers.
 */
export async function addPartyMember(options: {
  db: Db;
  principal: Principal;
  input: PartyMemberInput;
  requestId?: string | null;
}): Promise<PartyMemberRow> {
  const input = PartyMemberInput.parse(options.input);
  return registerSummonableMember({ ...options, input });
}

/** Members by id (any state; the caller checks community and `active`). */
export async function getPartyMembers(db: Db, ids: readonly string[]): Promise<PartyMemberRow[]> {
  if (ids.length === 0) return [];
  // Members registered here before the 双报到 register existed stay summonable alongside it.
  const legacy = await db
    .select()
    .from(whistlePartyMembers)
    .where(inArray(whistlePartyMembers.id, [...ids]));
  return [...legacy, ...(await getSummonableMembers(db, ids))];
}

/** Active members registered in communities within a path. */
export async function listPartyMembers(
  db: Db,
  districtCode: string,
  withinPath: string,
): Promise<PartyMemberRow[]> {
  const legacy = await db
    .select()
    .from(whistlePartyMembers)
    .where(
      and(
        eq(whistlePartyMembers.districtCode, districtCode),
        eq(whistlePartyMembers.active, true),
        like(whistlePartyMembers.communityPath, `${withinPath}%`),
      ),
    );
  const registered = await listSummonableMembers(db, districtCode, withinPath);
  return [...legacy, ...registered].sort(
    (a, b) => a.communityPath.localeCompare(b.communityPath) || a.name.localeCompare(b.name, 'zh-CN'),
  );
}
