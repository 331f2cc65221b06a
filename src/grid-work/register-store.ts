import { and, asc, desc, eq, isNull, like, sql } from 'drizzle-orm';
import type { Db } from '../core/db/connection.ts';
import { uuidv7 } from '../core/ids.ts';
import type { OrgUnitRow } from '../jurisdiction/tables.ts';
import { type ProblemItemRow, type ProblemRegisterRow, problemItems, problemRegisters } from './tables.ts';

/** Queries of the monthly problems register (交办登记表) and its items. */

export type NewProblemItem = typeof problemItems.$inferInsert;

export async function getRegister(
  db: Db,
  communityId: string,
  month: string,
): Promise<ProblemRegisterRow | undefined> {
  const [row] = await db
    .select()
    .from(problemRegisters)
    .where(and(eq(problemRegisters.communityId, communityId), eq(problemRegisters.month, month)));
  return row;
}

export async function getRegisterById(
  db: Db,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<ProblemRegisterRow | undefined> {
  const q = db.select().from(problemRegisters).where(eq(problemRegisters.id, id));
  const [row] = options.forUpdate ? await q.for('update') : await q;
  return row;
}

/** The month's register of a community, created as a draft on first use (concurrent callers agree). */
export async function ensureRegister(
  tx: Db,
  community: OrgUnitRow,
  month: string,
): Promise<ProblemRegisterRow> {
  await tx
    .insert(problemRegisters)
    .values({
      id: uuidv7(),
      districtCode: community.districtCode,
      communityId: community.id,
      communityPath: community.path,
      month,
      status: 'draft',
    })
    .onConflictDoNothing();
  const [row] = await tx
    .select()
    .from(problemRegisters)
    .where(and(eq(problemRegisters.communityId, community.id), eq(problemRegisters.month, month)))
    .for('update');
  return row as ProblemRegisterRow;
}

export async function updateRegister(
  tx: Db,
  id: string,
  set: Partial<Omit<ProblemRegisterRow, 'id' | 'districtCode' | 'communityId' | 'communityPath' | 'month'>>,
): Promise<void> {
  await tx.update(problemRegisters).set(set).where(eq(problemRegisters.id, id));
}

export async function insertItem(tx: Db, row: NewProblemItem): Promise<void> {
  await tx.insert(problemItems).values(row);
}

export async function getItem(
  db: Db,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<ProblemItemRow | undefined> {
  const q = db.select().from(problemItems).where(eq(problemItems.id, id));
  const [row] = options.forUpdate ? await q.for('update') : await q;
  return row;
}

export async function updateItem(
  tx: Db,
  id: string,
  set: Partial<
    Pick<
      ProblemItemRow,
      | 'status'
      | 'responsibleLeader'
      | 'approvedBy'
      | 'assignedAt'
      | 'assignedByLabel'
      | 'result'
      | 'resolvedAt'
    >
  >,
): Promise<void> {
  await tx.update(problemItems).set(set).where(eq(problemItems.id, id));
}

/** The items of a register, in the order they were added. */
export async function listRegisterItems(db: Db, registerId: string): Promise<ProblemItemRow[]> {
  return db
    .select()
    .from(problemItems)
    .where(eq(problemItems.registerId, registerId))
    .orderBy(asc(problemItems.createdAt));
}

/** A community's major items of a month (they bypass the register). */
export async function listMajorItems(db: Db, communityId: string, month: string): Promise<ProblemItemRow[]> {
  return db
    .select()
    .from(problemItems)
    .where(
      and(
        eq(problemItems.communityId, communityId),
        eq(problemItems.month, month),
        isNull(problemItems.registerId),
      ),
    )
    .orderBy(asc(problemItems.createdAt));
}

/** Grid-event ids already on any item of the community's month (so a regrouping skips them). */
export async function eventIdsOnItems(db: Db, communityId: string, month: string): Promise<Set<string>> {
  const rows = await db
    .select({ ids: problemItems.gridEventIds })
    .from(problemItems)
    .where(and(eq(problemItems.communityId, communityId), eq(problemItems.month, month)));
  return new Set(rows.flatMap((r) => r.ids));
}

/** Major items waiting for the street's leader assignment within a scope, oldest first. */
export async function listPendingMajorItems(
  db: Db,
  districtCode: string,
  withinPath: string,
): Promise<ProblemItemRow[]> {
  return db
    .select()
    .from(problemItems)
    .where(
      and(
        eq(problemItems.districtCode, districtCode),
        eq(problemItems.major, true),
        eq(problemItems.status, 'submitted'),
        like(problemItems.communityPath, `${withinPath}%`),
      ),
    )
    .orderBy(asc(problemItems.createdAt));
}

/** Registers within a scope, newest month first. */
export async function listRegisters(
  db: Db,
  f: { districtCode: string; withinPath: string; month?: string | undefined; status?: string | undefined },
): Promise<(ProblemRegisterRow & { items: number })[]> {
  const where = [
    eq(problemRegisters.districtCode, f.districtCode),
    like(problemRegisters.communityPath, `${f.withinPath}%`),
  ];
  if (f.month) where.push(eq(problemRegisters.month, f.month));
  if (f.status) where.push(eq(problemRegisters.status, f.status as ProblemRegisterRow['status']));
  const rows = await db
    .select({
      register: problemRegisters,
      items: sql<number>`(select count(*)::int from problem_items i where i.register_id = ${problemRegisters.id})`,
    })
    .from(problemRegisters)
    .where(and(...where))
    .orderBy(desc(problemRegisters.month), asc(problemRegisters.communityPath));
  return rows.map((r) => ({ ...r.register, items: Number(r.items) }));
}
