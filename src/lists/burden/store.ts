/** Queries of work requests, access proposals, the forms registry and meeting registrations. */
import { and, asc, desc, eq, gte, like, lt, or, sql } from 'drizzle-orm';
import type { Db } from '../../core/db/connection.ts';
import {
  type AccessProposalRow,
  accessProposals,
  type FormRegistrationRow,
  formRegistrations,
  type MeetingRegistrationRow,
  meetingRegistrations,
  type WorkRequestRow,
  workRequests,
} from './tables.ts';

export async function insertWorkRequest(tx: Db, row: WorkRequestRow): Promise<void> {
  await tx.insert(workRequests).values(row);
}

export async function getWorkRequest(db: Db, id: string): Promise<WorkRequestRow | undefined> {
  const [row] = await db.select().from(workRequests).where(eq(workRequests.id, id));
  return row;
}

/** Notices issued in a district since `from` (the next notice number). */
export async function countNoticesSince(tx: Db, districtCode: string, from: Date): Promise<number> {
  const [row] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(workRequests)
    .where(
      and(
        eq(workRequests.districtCode, districtCode),
        eq(workRequests.status, 'accepted'),
        gte(workRequests.createdAt, from),
      ),
    );
  return Number(row?.n ?? 0);
}

export async function markAcknowledged(tx: Db, id: string, by: string): Promise<WorkRequestRow | undefined> {
  const [row] = await tx
    .update(workRequests)
    .set({ acknowledgedAt: new Date(), acknowledgedBy: by })
    .where(eq(workRequests.id, id))
    .returning();
  return row;
}

/** Requests visible to a caller: aimed inside `withinPath`, or filed by the caller's own unit. */
export async function listWorkRequests(
  db: Db,
  f: {
    districtCode: string;
    withinPath: string;
    ownUnitCode: string;
    status?: 'accepted' | 'refused' | undefined;
    target?: string | undefined;
    limit?: number;
  },
): Promise<WorkRequestRow[]> {
  const where = [
    eq(workRequests.districtCode, f.districtCode),
    or(like(workRequests.targetPath, `${f.withinPath}%`), eq(workRequests.fromUnitCode, f.ownUnitCode)),
  ];
  if (f.status) where.push(eq(workRequests.status, f.status));
  if (f.target) where.push(eq(workRequests.targetCode, f.target));
  return db
    .select()
    .from(workRequests)
    .where(and(...where))
    .orderBy(desc(workRequests.createdAt))
    .limit(f.limit ?? 500);
}

export async function insertProposal(tx: Db, row: AccessProposalRow): Promise<void> {
  await tx.insert(accessProposals).values(row);
}

export async function getProposal(db: Db, id: string): Promise<AccessProposalRow | undefined> {
  const [row] = await db.select().from(accessProposals).where(eq(accessProposals.id, id));
  return row;
}

export async function updateProposal(
  tx: Db,
  id: string,
  set: Partial<AccessProposalRow>,
): Promise<AccessProposalRow | undefined> {
  const [row] = await tx.update(accessProposals).set(set).where(eq(accessProposals.id, id)).returning();
  return row;
}

export async function listProposals(
  db: Db,
  f: { districtCode: string; status?: AccessProposalRow['status'] | undefined },
): Promise<AccessProposalRow[]> {
  const where = [eq(accessProposals.districtCode, f.districtCode)];
  if (f.status) where.push(eq(accessProposals.status, f.status));
  return db
    .select()
    .from(accessProposals)
    .where(and(...where))
    .orderBy(desc(accessProposals.createdAt));
}

/** The forms a department currently requires of a community. */
export async function activeFormsOf(
  db: Db,
  departmentCode: string,
  communityCode: string,
): Promise<FormRegistrationRow[]> {
  return db
    .select()
    .from(formRegistrations)
    .where(
      and(
        eq(formRegistrations.departmentCode, departmentCode),
        eq(formRegistrations.communityCode, communityCode),
        eq(formRegistrations.status, 'active'),
      ),
    )
    .orderBy(asc(formRegistrations.createdAt));
}

export async function insertForm(tx: Db, row: FormRegistrationRow): Promise<void> {
  await tx.insert(formRegistrations).values(row);
}

export async function getForm(db: Db, id: string): Promise<FormRegistrationRow | undefined> {
  const [row] = await db.select().from(formRegistrations).where(eq(formRegistrations.id, id));
  return row;
}

export async function retireFormRow(tx: Db, id: string): Promise<FormRegistrationRow | undefined> {
  const [row] = await tx
    .update(formRegistrations)
    .set({ status: 'retired', retiredAt: new Date() })
    .where(eq(formRegistrations.id, id))
    .returning();
  return row;
}

/** Forms registered at communities inside `withinPath` (or by the caller's own department). */
export async function listForms(
  db: Db,
  f: { districtCode: string; withinPath: string; ownUnitCode: string; community?: string | undefined },
): Promise<FormRegistrationRow[]> {
  const where = [
    eq(formRegistrations.districtCode, f.districtCode),
    or(
      like(formRegistrations.communityPath, `${f.withinPath}%`),
      eq(formRegistrations.departmentCode, f.ownUnitCode),
    ),
  ];
  if (f.community) where.push(eq(formRegistrations.communityCode, f.community));
  return db
    .select()
    .from(formRegistrations)
    .where(and(...where))
    .orderBy(asc(formRegistrations.communityCode), asc(formRegistrations.createdAt));
}

export async function insertMeeting(tx: Db, row: MeetingRegistrationRow): Promise<void> {
  await tx.insert(meetingRegistrations).values(row);
}

/** Meetings of a district held in [from, to) (civil dates). */
export async function listMeetings(
  db: Db,
  f: { districtCode: string; from: string; to: string },
): Promise<MeetingRegistrationRow[]> {
  return db
    .select()
    .from(meetingRegistrations)
    .where(
      and(
        eq(meetingRegistrations.districtCode, f.districtCode),
        gte(meetingRegistrations.heldOn, f.from),
        lt(meetingRegistrations.heldOn, f.to),
      ),
    )
    .orderBy(asc(meetingRegistrations.heldOn));
}

/** Requests per target unit inside `withinPath` filed in [from, to): received, accepted, refused. */
export async function countRequestsByTarget(
  db: Db,
  f: { districtCode: string; withinPath: string; from: Date; to: Date },
): Promise<Map<string, { accepted: number; refused: number }>> {
  const rows = await db
    .select({
      target: workRequests.targetCode,
      status: workRequests.status,
      n: sql<number>`count(*)::int`,
    })
    .from(workRequests)
    .where(
      and(
        eq(workRequests.districtCode, f.districtCode),
        like(workRequests.targetPath, `${f.withinPath}%`),
        gte(workRequests.createdAt, f.from),
        lt(workRequests.createdAt, f.to),
      ),
    )
    .groupBy(workRequests.targetCode, workRequests.status);
  const out = new Map<string, { accepted: number; refused: number }>();
  for (const r of rows) {
    const entry = out.get(r.target) ?? { accepted: 0, refused: 0 };
    entry[r.status] += Number(r.n);
    out.set(r.target, entry);
  }
  return out;
}

/** Active forms per community inside `withinPath`. */
export async function countActiveFormsByCommunity(
  db: Db,
  f: { districtCode: string; withinPath: string },
): Promise<Map<string, number>> {
  const rows = await db
    .select({ community: formRegistrations.communityCode, n: sql<number>`count(*)::int` })
    .from(formRegistrations)
    .where(
      and(
        eq(formRegistrations.districtCode, f.districtCode),
        eq(formRegistrations.status, 'active'),
        like(formRegistrations.communityPath, `${f.withinPath}%`),
      ),
    )
    .groupBy(formRegistrations.communityCode);
  return new Map(rows.map((r) => [r.community, Number(r.n)]));
}
