import { and, asc, eq, inArray, isNull, like, sql } from 'drizzle-orm';
import type { Db } from '../core/db/connection.ts';
import type { Post } from './model.ts';
import { type GridAssignmentRow, gridAssignments } from './tables.ts';

/** Queries over posts on grids; other capabilities call these, never the table. */

export type NewAssignment = typeof gridAssignments.$inferInsert;

export async function insertAssignment(tx: Db, row: NewAssignment): Promise<void> {
  await tx.insert(gridAssignments).values(row);
}

export async function getAssignment(db: Db, id: string): Promise<GridAssignmentRow | undefined> {
  const [row] = await db.select().from(gridAssignments).where(eq(gridAssignments.id, id));
  return row;
}

export async function endAssignment(tx: Db, id: string, byLabel: string): Promise<void> {
  await tx
    .update(gridAssignments)
    .set({ endedAt: new Date(), endedByLabel: byLabel })
    .where(and(eq(gridAssignments.id, id), isNull(gridAssignments.endedAt)));
}

/** Posts inside a subtree, active ones unless `includeEnded`. */
export async function listAssignments(
  db: Db,
  f: { districtCode: string; withinPath: string; post?: Post | undefined; includeEnded?: boolean },
): Promise<GridAssignmentRow[]> {
  const where = [
    eq(gridAssignments.districtCode, f.districtCode),
    like(gridAssignments.unitPath, `${f.withinPath}%`),
  ];
  if (f.post) where.push(eq(gridAssignments.post, f.post));
  if (!f.includeEnded) where.push(isNull(gridAssignments.endedAt));
  return db
    .select()
    .from(gridAssignments)
    .where(and(...where))
    .orderBy(asc(gridAssignments.unitPath), asc(gridAssignments.post), asc(gridAssignments.createdAt));
}

/** Is the user an active grid worker of this grid? */
export async function isAssignedGridWorker(db: Db, userId: string, gridId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: gridAssignments.id })
    .from(gridAssignments)
    .where(
      and(
        eq(gridAssignments.userId, userId),
        eq(gridAssignments.unitId, gridId),
        eq(gridAssignments.post, 'grid_worker'),
        isNull(gridAssignments.endedAt),
      ),
    );
  return row !== undefined;
}

/** The community's active party secretary (who signs the monthly patrol sheet), if designated. */
export async function activeSecretary(db: Db, communityId: string): Promise<GridAssignmentRow | undefined> {
  const [row] = await db
    .select()
    .from(gridAssignments)
    .where(
      and(
        eq(gridAssignments.unitId, communityId),
        eq(gridAssignments.post, 'party_secretary'),
        isNull(gridAssignments.endedAt),
      ),
    );
  return row;
}

/** Distinct people holding an active grid-worker post in each community. */
export async function countGridWorkersByCommunity(
  db: Db,
  districtCode: string,
  communityIds: readonly string[],
): Promise<Map<string, number>> {
  if (communityIds.length === 0) return new Map();
  const rows = await db
    .select({
      communityId: gridAssignments.communityId,
      n: sql<number>`count(distinct coalesce(${gridAssignments.userId}::text, ${gridAssignments.personName}))::int`,
    })
    .from(gridAssignments)
    .where(
      and(
        eq(gridAssignments.districtCode, districtCode),
        eq(gridAssignments.post, 'grid_worker'),
        isNull(gridAssignments.endedAt),
        inArray(gridAssignments.communityId, [...communityIds]),
      ),
    )
    .groupBy(gridAssignments.communityId);
  return new Map(rows.map((r) => [r.communityId, Number(r.n)]));
}
