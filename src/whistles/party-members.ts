import { and, eq, inArray, like } from 'drizzle-orm';
import { z } from 'zod';
import { appendAudit } from '../core/audit/append-audit.ts';
import type { Principal } from '../core/auth/authorize.ts';
import { authorize } from '../core/auth/authorize.ts';
import type { Db } from '../core/db/connection.ts';
import { notFound } from '../core/errors.ts';
import { uuidv7 } from '../core/ids.ts';
import { getUnitByCode } from '../jurisdiction/store.ts';
import { whistlePolicy } from './policy.ts';
import { type PartyMemberRow, whistlePartyMembers } from './tables.ts';

/**
 * The seam to party members (党员报到). Whistles read members only through these functions, so the
 * dual-registration capability (在职党员双报到) can take the registry over without touching whistles.
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

/** Registers a party member with a community (audited). */
export async function addPartyMember(options: {
  db: Db;
  principal: Principal;
  input: PartyMemberInput;
  requestId?: string | null;
}): Promise<PartyMemberRow> {
  const input = PartyMemberInput.parse(options.input);
  return options.db.transaction(async (tx) => {
    const community = await getUnitByCode(tx, input.communityCode);
    if (community?.level !== 'community') throw notFound('社区', input.communityCode);
    authorize(options.principal, whistlePolicy.members, {
      districtCode: community.districtCode,
      paths: [community.path],
    });
    const [row] = await tx
      .insert(whistlePartyMembers)
      .values({
        id: uuidv7(),
        districtCode: community.districtCode,
        communityId: community.id,
        communityPath: community.path,
        name: input.name,
        phone: input.phone ?? null,
        workUnit: input.workUnit ?? null,
        userId: input.userId ?? null,
      })
      .returning();
    await appendAudit(tx, {
      districtCode: community.districtCode,
      actor: { id: options.principal.userId, label: options.principal.username },
      action: 'party_member.register',
      targetType: 'party_member',
      targetId: row?.id ?? '',
      details: { community: community.code },
      requestId: options.requestId ?? null,
    });
    return row as PartyMemberRow;
  });
}

/** Members by id (any state; the caller checks community and `active`). */
export async function getPartyMembers(db: Db, ids: readonly string[]): Promise<PartyMemberRow[]> {
  if (ids.length === 0) return [];
  const legacy = await db
    .select()
    .from(whistlePartyMembers)
    .where(inArray(whistlePartyMembers.id, [...ids]));
  return legacy;
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
  return legacy.sort(
    (a, b) => a.communityPath.localeCompare(b.communityPath) || a.name.localeCompare(b.name, 'zh-CN'),
  );
}
