import { createHash } from 'node:crypto';
import { and, asc, eq, sql } from 'drizzle-orm';
import { canonicalJson } from '../core/audit/hash.ts';
import type { Db } from '../core/db/connection.ts';
import { type PatrolEntryRow, type PatrolSheetRow, patrolEntries, patrolSheets } from './tables.ts';

/** Queries of the patrol log (网格工作纪实) and its monthly signatures. */

export type NewPatrolEntry = typeof patrolEntries.$inferInsert;

/**
 * Serialises every writer of one community's month (entries and the signature) for the rest of the
 * transaction, so an entry can never slip in beside a signature being written.
 */
export async function lockSheet(tx: Db, communityId: string, month: string): Promise<void> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${`patrol:${communityId}:${month}`}))`);
}

export async function getSheet(
  db: Db,
  communityId: string,
  month: string,
): Promise<PatrolSheetRow | undefined> {
  const [row] = await db
    .select()
    .from(patrolSheets)
    .where(and(eq(patrolSheets.communityId, communityId), eq(patrolSheets.month, month)));
  return row;
}

export async function insertSheet(tx: Db, row: typeof patrolSheets.$inferInsert): Promise<void> {
  await tx.insert(patrolSheets).values(row);
}

export async function insertEntry(tx: Db, row: NewPatrolEntry): Promise<void> {
  await tx.insert(patrolEntries).values(row);
}

export async function getEntry(db: Db, id: string): Promise<PatrolEntryRow | undefined> {
  const [row] = await db.select().from(patrolEntries).where(eq(patrolEntries.id, id));
  return row;
}

export async function updateEntry(
  tx: Db,
  id: string,
  set: Partial<Pick<PatrolEntryRow, 'date' | 'month' | 'hours' | 'householdsVisited' | 'findings'>>,
): Promise<void> {
  await tx
    .update(patrolEntries)
    .set({ ...set, updatedAt: new Date() })
    .where(eq(patrolEntries.id, id));
}

export async function deleteEntry(tx: Db, id: string): Promise<void> {
  await tx.delete(patrolEntries).where(eq(patrolEntries.id, id));
}

/** A community's entries of one month, by date, grid and worker. */
export async function listSheetEntries(
  db: Db,
  communityId: string,
  month: string,
): Promise<PatrolEntryRow[]> {
  return db
    .select()
    .from(patrolEntries)
    .where(and(eq(patrolEntries.communityId, communityId), eq(patrolEntries.month, month)))
    .orderBy(
      asc(patrolEntries.date),
      asc(patrolEntries.gridCode),
      asc(patrolEntries.workerName),
      asc(patrolEntries.id),
    );
}

/** A worker's own entries of one month. */
export async function listWorkerEntries(db: Db, workerId: string, month: string): Promise<PatrolEntryRow[]> {
  return db
    .select()
    .from(patrolEntries)
    .where(and(eq(patrolEntries.workerId, workerId), eq(patrolEntries.month, month)))
    .orderBy(asc(patrolEntries.date), asc(patrolEntries.gridCode));
}

/** SHA-256 over the signed content of the entries: what the secretary's signature covers. */
export function sheetContentHash(entries: readonly PatrolEntryRow[]): string {
  const content = entries.map((e) => ({
    id: e.id,
    worker: e.workerId,
    grid: e.gridCode,
    date: e.date,
    hours: e.hours,
    households: e.householdsVisited,
    findings: e.findings,
  }));
  return createHash('sha256').update(canonicalJson(content)).digest('hex');
}
