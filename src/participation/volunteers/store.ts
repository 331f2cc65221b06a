import { and, asc, desc, eq, ilike, inArray, like, lte, type SQL } from 'drizzle-orm';
import type { Db } from '../../core/db/connection.ts';
import {
  type VolunteerRow,
  type VolunteerServiceRow,
  type VolunteerTeamRow,
  volunteerServices,
  volunteers,
  volunteerTeamMembers,
  volunteerTeams,
} from './tables.ts';

/** The volunteer registers' queries; other capabilities call these, never the tables. */

export async function insertVolunteer(tx: Db, row: typeof volunteers.$inferInsert): Promise<void> {
  await tx.insert(volunteers).values(row);
}

/** A volunteer by id (any state). */
export async function getVolunteer(db: Db, id: string): Promise<VolunteerRow | undefined> {
  const [row] = await db.select().from(volunteers).where(eq(volunteers.id, id));
  return row;
}

/** Volunteers by id (any state), in no particular order. */
export async function getVolunteers(db: Db, ids: readonly string[]): Promise<VolunteerRow[]> {
  if (ids.length === 0) return [];
  return db
    .select()
    .from(volunteers)
    .where(inArray(volunteers.id, [...ids]));
}

/** The active volunteer with an ID number in a district, if any. */
export async function findActiveVolunteerByIdNumber(
  db: Db,
  districtCode: string,
  idNumber: string,
): Promise<VolunteerRow | undefined> {
  const [row] = await db
    .select()
    .from(volunteers)
    .where(
      and(
        eq(volunteers.districtCode, districtCode),
        eq(volunteers.idNumber, idNumber),
        eq(volunteers.active, true),
      ),
    );
  return row;
}

export interface VolunteerFilter {
  districtCode: string;
  withinPath: string;
  q?: string | undefined;
  includeLeft?: boolean | undefined;
  /** Registered on or before this day (the rate counts who stood registered then). */
  registeredBy?: string | undefined;
  limit?: number | undefined;
  offset?: number | undefined;
}

/** Volunteers of communities inside a path, by community and registration day. */
export async function listVolunteers(db: Db, f: VolunteerFilter): Promise<VolunteerRow[]> {
  const where: (SQL | undefined)[] = [
    eq(volunteers.districtCode, f.districtCode),
    like(volunteers.communityPath, `${f.withinPath}%`),
  ];
  if (f.q) where.push(ilike(volunteers.name, `%${f.q}%`));
  if (!f.includeLeft) where.push(eq(volunteers.active, true));
  if (f.registeredBy) where.push(lte(volunteers.registeredOn, f.registeredBy));
  return db
    .select()
    .from(volunteers)
    .where(and(...where))
    .orderBy(asc(volunteers.communityPath), asc(volunteers.registeredOn), asc(volunteers.id))
    .limit(f.limit ?? 100_000)
    .offset(f.offset ?? 0);
}

/** Marks a volunteer as left from a day. */
export async function deactivateVolunteer(tx: Db, id: string, leftOn: string): Promise<void> {
  await tx.update(volunteers).set({ active: false, leftOn }).where(eq(volunteers.id, id));
}

// --- teams ------------------------------------------------------------------------------------------

/** Inserts a volunteer team. */
export async function insertTeam(tx: Db, row: typeof volunteerTeams.$inferInsert): Promise<void> {
  await tx.insert(volunteerTeams).values(row);
}

/** A team by id. */
export async function getTeam(db: Db, id: string): Promise<VolunteerTeamRow | undefined> {
  const [row] = await db.select().from(volunteerTeams).where(eq(volunteerTeams.id, id));
  return row;
}

/** A community’s team by name, if any. */
export async function findTeamByName(
  db: Db,
  communityId: string,
  name: string,
): Promise<VolunteerTeamRow | undefined> {
  const [row] = await db
    .select()
    .from(volunteerTeams)
    .where(and(eq(volunteerTeams.communityId, communityId), eq(volunteerTeams.name, name)));
  return row;
}

/** Teams of communities inside a path, with their member counts. */
export async function listTeams(
  db: Db,
  f: { districtCode: string; withinPath: string },
): Promise<(VolunteerTeamRow & { memberCount: number })[]> {
  const teams = await db
    .select()
    .from(volunteerTeams)
    .where(
      and(
        eq(volunteerTeams.districtCode, f.districtCode),
        like(volunteerTeams.communityPath, `${f.withinPath}%`),
      ),
    )
    .orderBy(asc(volunteerTeams.communityPath), asc(volunteerTeams.name));
  if (teams.length === 0) return [];
  const members = await db
    .select({ teamId: volunteerTeamMembers.teamId })
    .from(volunteerTeamMembers)
    .where(
      inArray(
        volunteerTeamMembers.teamId,
        teams.map((t) => t.id),
      ),
    );
  return teams.map((t) => ({ ...t, memberCount: members.filter((m) => m.teamId === t.id).length }));
}

/** Adds members; those already in the team are left as they are. Returns how many were added. */
export async function addTeamMembers(
  tx: Db,
  rows: (typeof volunteerTeamMembers.$inferInsert)[],
): Promise<number> {
  if (rows.length === 0) return 0;
  const added = await tx.insert(volunteerTeamMembers).values(rows).onConflictDoNothing().returning();
  return added.length;
}

/** The volunteers in a team. */
export async function listTeamMemberIds(db: Db, teamId: string): Promise<string[]> {
  const rows = await db
    .select({ id: volunteerTeamMembers.volunteerId })
    .from(volunteerTeamMembers)
    .where(eq(volunteerTeamMembers.teamId, teamId));
  return rows.map((r) => r.id);
}

// --- service hours ---------------------------------------------------------------------------------

/** Inserts a volunteer’s service hours. */
export async function insertVolunteerService(
  tx: Db,
  row: typeof volunteerServices.$inferInsert,
): Promise<void> {
  await tx.insert(volunteerServices).values(row);
}

/** A service record by id; `forUpdate` locks the row for the transaction. */
export async function getVolunteerService(
  db: Db,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<VolunteerServiceRow | undefined> {
  const q = db.select().from(volunteerServices).where(eq(volunteerServices.id, id));
  const [row] = options.forUpdate ? await q.for('update') : await q;
  return row;
}

/** Writes the community’s review of a volunteer’s hours. */
export async function reviewVolunteerServiceRow(
  tx: Db,
  id: string,
  review: { status: 'confirmed' | 'rejected'; byLabel: string; note: string | null },
): Promise<void> {
  await tx
    .update(volunteerServices)
    .set({
      status: review.status,
      reviewedByLabel: review.byLabel,
      reviewedAt: new Date(),
      reviewNote: review.note,
    })
    .where(eq(volunteerServices.id, id));
}

/** Service records of communities inside a path, newest first. */
export async function listVolunteerServices(
  db: Db,
  f: {
    districtCode: string;
    withinPath: string;
    volunteerId?: string | undefined;
    status?: VolunteerServiceRow['status'] | undefined;
    limit?: number | undefined;
  },
): Promise<VolunteerServiceRow[]> {
  const where: (SQL | undefined)[] = [
    eq(volunteerServices.districtCode, f.districtCode),
    like(volunteerServices.communityPath, `${f.withinPath}%`),
  ];
  if (f.volunteerId) where.push(eq(volunteerServices.volunteerId, f.volunteerId));
  if (f.status) where.push(eq(volunteerServices.status, f.status));
  return db
    .select()
    .from(volunteerServices)
    .where(and(...where))
    .orderBy(desc(volunteerServices.servedOn), desc(volunteerServices.recordedAt))
    .limit(f.limit ?? 2000);
}

/** Confirmed hours per volunteer (all time), for the register. */
export async function confirmedHoursByVolunteer(
  db: Db,
  ids: readonly string[],
): Promise<Map<string, number>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ id: volunteerServices.volunteerId, hours: volunteerServices.hours })
    .from(volunteerServices)
    .where(and(inArray(volunteerServices.volunteerId, [...ids]), eq(volunteerServices.status, 'confirmed')));
  const out = new Map<string, number>();
  for (const r of rows) out.set(r.id, (out.get(r.id) ?? 0) + r.hours);
  return out;
}
