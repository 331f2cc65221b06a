import { and, asc, desc, eq, gte, ilike, inArray, like, lte, or, type SQL } from 'drizzle-orm';
import type { Db } from '../../core/db/connection.ts';
import {
  type PartyMemberRecord,
  type PartyMemberServiceRow,
  type PartyUnitRegistrationRow,
  partyMemberServices,
  partyMembers,
  partyUnitRegistrations,
} from './tables.ts';

/** The party-member registers' queries; other capabilities call these, never the tables. */

export { getUnitReportInRate, listUnitReportInRates } from './report-in-rates.ts';

/** Inserts a registered member. */
export async function insertMember(tx: Db, row: typeof partyMembers.$inferInsert): Promise<void> {
  await tx.insert(partyMembers).values(row);
}

/** A member by id (any state). */
export async function getMember(db: Db, id: string): Promise<PartyMemberRecord | undefined> {
  const [row] = await db.select().from(partyMembers).where(eq(partyMembers.id, id));
  return row;
}

/** Members by id (any state), in no particular order. */
export async function getMembers(db: Db, ids: readonly string[]): Promise<PartyMemberRecord[]> {
  if (ids.length === 0) return [];
  return db
    .select()
    .from(partyMembers)
    .where(inArray(partyMembers.id, [...ids]));
}

/** The active member with an ID number in a district, if any. */
export async function findActiveByIdNumber(
  db: Db,
  districtCode: string,
  idNumber: string,
): Promise<PartyMemberRecord | undefined> {
  const [row] = await db
    .select()
    .from(partyMembers)
    .where(
      and(
        eq(partyMembers.districtCode, districtCode),
        eq(partyMembers.idNumber, idNumber),
        eq(partyMembers.active, true),
      ),
    );
  return row;
}

export interface MemberFilter {
  districtCode: string;
  /** The caller's scope: a member is inside when their community or their unit is. */
  scopePath: string;
  communityPath?: string | undefined;
  unitId?: string | undefined;
  kind?: string | undefined;
  /** Name or work unit contains. */
  q?: string | undefined;
  includeLeft?: boolean | undefined;
  limit?: number | undefined;
  offset?: number | undefined;
}

/** Members whose community or unit lies in the scope, by community and registration day. */
export async function listMembers(db: Db, f: MemberFilter): Promise<PartyMemberRecord[]> {
  const where: (SQL | undefined)[] = [
    eq(partyMembers.districtCode, f.districtCode),
    or(like(partyMembers.communityPath, `${f.scopePath}%`), like(partyMembers.unitPath, `${f.scopePath}%`)),
  ];
  if (f.communityPath) where.push(eq(partyMembers.communityPath, f.communityPath));
  if (f.unitId) where.push(eq(partyMembers.unitId, f.unitId));
  if (f.kind) where.push(eq(partyMembers.kind, f.kind as PartyMemberRecord['kind']));
  if (f.q) where.push(or(ilike(partyMembers.name, `%${f.q}%`), ilike(partyMembers.workUnit, `%${f.q}%`)));
  if (!f.includeLeft) where.push(eq(partyMembers.active, true));
  return db
    .select()
    .from(partyMembers)
    .where(and(...where))
    .orderBy(asc(partyMembers.communityPath), asc(partyMembers.registeredOn), asc(partyMembers.id))
    .limit(f.limit ?? 1000)
    .offset(f.offset ?? 0);
}

/**
 * The members registered (and still active) at a community: who a community whistle may summon
 * (社区吹哨、党员报到).
 */
export async function listRegisteredPartyMembers(db: Db, communityId: string): Promise<PartyMemberRecord[]> {
  return db
    .select()
    .from(partyMembers)
    .where(and(eq(partyMembers.communityId, communityId), eq(partyMembers.active, true)))
    .orderBy(asc(partyMembers.name));
}

/** Active members of every community inside a path (a street's or the district's). */
export async function listRegisteredPartyMembersWithin(
  db: Db,
  districtCode: string,
  withinPath: string,
): Promise<PartyMemberRecord[]> {
  return db
    .select()
    .from(partyMembers)
    .where(
      and(
        eq(partyMembers.districtCode, districtCode),
        eq(partyMembers.active, true),
        like(partyMembers.communityPath, `${withinPath}%`),
      ),
    )
    .orderBy(asc(partyMembers.communityPath), asc(partyMembers.name));
}

/** Marks a member as left from a day, with the reason. */
export async function deactivateMember(tx: Db, id: string, leftOn: string, reason: string): Promise<void> {
  await tx
    .update(partyMembers)
    .set({ active: false, leftOn, leftReason: reason })
    .where(eq(partyMembers.id, id));
}

// --- unit registrations -------------------------------------------------------------------------

/** A unit’s registration with its street, if any. */
export async function getUnitRegistration(
  db: Db,
  unitId: string,
): Promise<PartyUnitRegistrationRow | undefined> {
  const [row] = await db
    .select()
    .from(partyUnitRegistrations)
    .where(eq(partyUnitRegistrations.unitId, unitId));
  return row;
}

/** Inserts or replaces a unit's registration (one per unit). */
export async function upsertUnitRegistration(
  tx: Db,
  row: typeof partyUnitRegistrations.$inferInsert,
): Promise<PartyUnitRegistrationRow> {
  const { id: _id, createdAt: _c, unitId: _u, ...changes } = row;
  const [saved] = await tx
    .insert(partyUnitRegistrations)
    .values(row)
    .onConflictDoUpdate({ target: partyUnitRegistrations.unitId, set: { ...changes, updatedAt: new Date() } })
    .returning();
  if (!saved) throw new Error('unit registration upsert returned no row');
  return saved;
}

/** Registrations whose unit or street lies in the scope, by street then unit. */
export async function listUnitRegistrations(
  db: Db,
  f: { districtCode: string; scopePath: string; streetPath?: string | undefined },
): Promise<PartyUnitRegistrationRow[]> {
  const where: (SQL | undefined)[] = [
    eq(partyUnitRegistrations.districtCode, f.districtCode),
    or(
      like(partyUnitRegistrations.unitPath, `${f.scopePath}%`),
      like(partyUnitRegistrations.streetPath, `${f.scopePath}%`),
    ),
  ];
  if (f.streetPath) where.push(eq(partyUnitRegistrations.streetPath, f.streetPath));
  return db
    .select()
    .from(partyUnitRegistrations)
    .where(and(...where))
    .orderBy(asc(partyUnitRegistrations.streetCode), asc(partyUnitRegistrations.unitCode));
}

// --- service records ------------------------------------------------------------------------------

/** Inserts a member’s service record. */
export async function insertService(tx: Db, row: typeof partyMemberServices.$inferInsert): Promise<void> {
  await tx.insert(partyMemberServices).values(row);
}

/** A service record by id; `forUpdate` locks the row for the transaction. */
export async function getService(
  db: Db,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<PartyMemberServiceRow | undefined> {
  const q = db.select().from(partyMemberServices).where(eq(partyMemberServices.id, id));
  const [row] = options.forUpdate ? await q.for('update') : await q;
  return row;
}

/** Writes the community’s review of a service record. */
export async function reviewService(
  tx: Db,
  id: string,
  review: { status: 'confirmed' | 'rejected'; byLabel: string; note: string | null },
): Promise<void> {
  await tx
    .update(partyMemberServices)
    .set({
      status: review.status,
      reviewedByLabel: review.byLabel,
      reviewedAt: new Date(),
      reviewNote: review.note,
    })
    .where(eq(partyMemberServices.id, id));
}

export interface ServiceFilter {
  districtCode: string;
  scopePath: string;
  memberIds?: readonly string[] | undefined;
  status?: PartyMemberServiceRow['status'] | undefined;
  fromDay?: string | undefined;
  toDay?: string | undefined;
  limit?: number | undefined;
}

/** Service records whose community or member's unit lies in the scope, newest first. */
export async function listServices(db: Db, f: ServiceFilter): Promise<PartyMemberServiceRow[]> {
  const where: (SQL | undefined)[] = [
    eq(partyMemberServices.districtCode, f.districtCode),
    or(
      like(partyMemberServices.communityPath, `${f.scopePath}%`),
      like(partyMemberServices.unitPath, `${f.scopePath}%`),
    ),
  ];
  if (f.memberIds) {
    if (f.memberIds.length === 0) return [];
    where.push(inArray(partyMemberServices.memberId, [...f.memberIds]));
  }
  if (f.status) where.push(eq(partyMemberServices.status, f.status));
  if (f.fromDay) where.push(gte(partyMemberServices.servedOn, f.fromDay));
  if (f.toDay) where.push(lte(partyMemberServices.servedOn, f.toDay));
  return db
    .select()
    .from(partyMemberServices)
    .where(and(...where))
    .orderBy(desc(partyMemberServices.servedOn), desc(partyMemberServices.recordedAt))
    .limit(f.limit ?? 2000);
}
