import { and, asc, desc, eq, inArray, isNull, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../core/db/connection.ts';
import {
  type TaskPlanRow,
  type TaskProgressRow,
  type TaskRow,
  type TaskUnitRow,
  taskComments,
  taskPlans,
  taskProgress,
  taskReminders,
  tasks,
  taskUnits,
  type UnitNameMappingRow,
  unitNameMappings,
} from './tables.ts';

/** The supervision module's queries; other capabilities call these, never the tables. */

export type NewTaskPlan = typeof taskPlans.$inferInsert;
export type NewTask = typeof tasks.$inferInsert;
export type NewTaskUnit = typeof taskUnits.$inferInsert;
export type NewTaskProgress = typeof taskProgress.$inferInsert;
export type NewTaskComment = typeof taskComments.$inferInsert;
export type NewTaskReminder = typeof taskReminders.$inferInsert;

const BATCH = 500;

/** Multi-row insert in batches (one round-trip per 500 rows). */
async function insertMany<T>(rows: T[], insert: (batch: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += BATCH) await insert(rows.slice(i, i + BATCH));
}

/** Inserts one plan row (inside the import transaction). */
export async function insertPlan(tx: Db, row: NewTaskPlan): Promise<void> {
  await tx.insert(taskPlans).values(row);
}

/** Inserts a plan's tasks in batches. */
export async function insertTasks(tx: Db, rows: NewTask[]): Promise<void> {
  await insertMany(rows, (b) => tx.insert(tasks).values(b));
}

/** Inserts task–unit links in batches. */
export async function insertTaskUnits(tx: Db, rows: NewTaskUnit[]): Promise<void> {
  await insertMany(rows, (b) => tx.insert(taskUnits).values(b));
}

/** The plan already imported from the same text in this district, if any. */
export async function findPlanBySource(db: Db, districtCode: string, sha256: string) {
  const [row] = await db
    .select({ id: taskPlans.id, title: taskPlans.title })
    .from(taskPlans)
    .where(and(eq(taskPlans.districtCode, districtCode), eq(taskPlans.sourceSha256, sha256)));
  return row;
}

/** One plan by id. */
export async function getPlan(db: Db, id: string): Promise<TaskPlanRow | undefined> {
  const [row] = await db.select().from(taskPlans).where(eq(taskPlans.id, id));
  return row;
}

/** A district's plans, newest first. */
export async function listPlans(db: Db, districtCode: string): Promise<TaskPlanRow[]> {
  return db
    .select()
    .from(taskPlans)
    .where(eq(taskPlans.districtCode, districtCode))
    .orderBy(desc(taskPlans.createdAt));
}

/** A task is inside a scope when one of its linked units is (`null`: the whole district). */
const linkedWithin = (withinPath: string): SQL =>
  sql`EXISTS (SELECT 1 FROM ${taskUnits} WHERE ${taskUnits.taskId} = ${tasks.id} AND ${taskUnits.unitPath} LIKE ${`${withinPath}%`})`;

export interface ListTasksFilter {
  districtCode: string;
  planId?: string | undefined;
  /** Only tasks with a lead or co-unit inside this path; null for district-wide roles. */
  withinPath: string | null;
}

/** Tasks in plan order, scoped by their linked units' paths. */
export async function listTasks(db: Db, f: ListTasksFilter): Promise<TaskRow[]> {
  const where = [eq(tasks.districtCode, f.districtCode)];
  if (f.planId) where.push(eq(tasks.planId, f.planId));
  if (f.withinPath !== null) where.push(linkedWithin(f.withinPath));
  return db
    .select()
    .from(tasks)
    .where(and(...where))
    .orderBy(asc(tasks.planId), asc(tasks.seq));
}

/** One task by id. */
export async function getTask(db: Db, id: string): Promise<TaskRow | undefined> {
  const [row] = await db.select().from(tasks).where(eq(tasks.id, id));
  return row;
}

/** Locks the task row for the rest of the transaction (progress reports re-check done-ness). */
export async function lockTask(tx: Db, id: string): Promise<TaskRow | undefined> {
  const [row] = await tx.select().from(tasks).where(eq(tasks.id, id)).for('update');
  return row;
}

/** Updates the task's cached facts (last lead report, done) in the report's transaction. */
export async function setTaskProgressCache(
  tx: Db,
  id: string,
  set: { lastProgressAt?: Date; doneAt?: Date | null },
): Promise<void> {
  await tx.update(tasks).set(set).where(eq(tasks.id, id));
}

/** The unit links of some tasks, in each task's own order (leads first, as the plan names them). */
export async function listTaskUnits(db: Db, taskIds: readonly string[]): Promise<TaskUnitRow[]> {
  if (taskIds.length === 0) return [];
  return db
    .select()
    .from(taskUnits)
    .where(inArray(taskUnits.taskId, [...taskIds]))
    .orderBy(asc(taskUnits.taskId), asc(taskUnits.position), asc(taskUnits.id));
}

/** The latest lead-unit report of each task (what the bulletin and the export call 最新进展). */
export async function latestLeadProgress(db: Db, taskIds: readonly string[]): Promise<TaskProgressRow[]> {
  if (taskIds.length === 0) return [];
  return db
    .selectDistinctOn([taskProgress.taskId])
    .from(taskProgress)
    .where(and(inArray(taskProgress.taskId, [...taskIds]), eq(taskProgress.role, 'lead')))
    .orderBy(taskProgress.taskId, desc(taskProgress.reportedAt), desc(taskProgress.id));
}

/** (task, unit) pairs whose unit has reported its part done. */
export async function doneUnits(db: Db, taskIds: readonly string[]) {
  if (taskIds.length === 0) return [];
  return db
    .selectDistinct({ taskId: taskProgress.taskId, unitId: taskProgress.unitId })
    .from(taskProgress)
    .where(and(inArray(taskProgress.taskId, [...taskIds]), eq(taskProgress.done, true)));
}

/** A task's progress reports, oldest first. */
export async function listProgress(db: Db, taskId: string): Promise<TaskProgressRow[]> {
  return db
    .select()
    .from(taskProgress)
    .where(eq(taskProgress.taskId, taskId))
    .orderBy(asc(taskProgress.reportedAt), asc(taskProgress.id));
}

/** Appends a progress report. */
export async function insertProgress(tx: Db, row: NewTaskProgress): Promise<void> {
  await tx.insert(taskProgress).values(row);
}

/** A task's comments, oldest first. */
export async function listComments(db: Db, taskId: string) {
  return db
    .select()
    .from(taskComments)
    .where(eq(taskComments.taskId, taskId))
    .orderBy(asc(taskComments.createdAt), asc(taskComments.id));
}

/** Appends a comment. */
export async function insertComment(tx: Db, row: NewTaskComment): Promise<void> {
  await tx.insert(taskComments).values(row);
}

/** Names no unit was found for, with how many tasks name them (for a person to map once). */
export async function listUnmatchedNames(db: Db, districtCode: string) {
  return db
    .select({
      nameKey: taskUnits.nameKey,
      name: sql<string>`min(${taskUnits.writtenName})`,
      tasks: sql<number>`count(DISTINCT ${taskUnits.taskId})::int`,
    })
    .from(taskUnits)
    .where(and(eq(taskUnits.districtCode, districtCode), eq(taskUnits.match, 'unmatched')))
    .groupBy(taskUnits.nameKey)
    .orderBy(desc(sql`count(DISTINCT ${taskUnits.taskId})`), asc(taskUnits.nameKey));
}

/** The links of one name still without a unit (unmatched or ignored), locked: a mapping replaces them. */
export async function lockUnlinkedByName(
  tx: Db,
  districtCode: string,
  nameKey: string,
): Promise<TaskUnitRow[]> {
  return tx
    .select()
    .from(taskUnits)
    .where(
      and(
        eq(taskUnits.districtCode, districtCode),
        eq(taskUnits.nameKey, nameKey),
        inArray(taskUnits.match, ['unmatched', 'ignored']),
        isNull(taskUnits.unitId),
      ),
    )
    .for('update');
}

/** Removes links (an unmatched name's placeholder replaced by its mapped units). */
export async function deleteTaskUnits(tx: Db, ids: readonly string[]): Promise<void> {
  if (ids.length > 0) await tx.delete(taskUnits).where(inArray(taskUnits.id, [...ids]));
}

/** Marks unit-less links as deliberately not a unit of this district. */
export async function markTaskUnitsIgnored(tx: Db, ids: readonly string[]): Promise<void> {
  if (ids.length > 0)
    await tx
      .update(taskUnits)
      .set({ match: 'ignored' })
      .where(inArray(taskUnits.id, [...ids]));
}

/** A district's remembered name mappings. */
export async function listMappings(db: Db, districtCode: string): Promise<UnitNameMappingRow[]> {
  return db
    .select()
    .from(unitNameMappings)
    .where(eq(unitNameMappings.districtCode, districtCode))
    .orderBy(asc(unitNameMappings.nameKey));
}

/** Saves a person's decision for a name; a second decision for the same name replaces the first. */
export async function upsertMapping(tx: Db, row: typeof unitNameMappings.$inferInsert): Promise<void> {
  await tx
    .insert(unitNameMappings)
    .values(row)
    .onConflictDoUpdate({
      target: [unitNameMappings.districtCode, unitNameMappings.nameKey],
      set: {
        name: row.name,
        unitIds: row.unitIds,
        createdById: row.createdById,
        createdByLabel: row.createdByLabel,
        updatedAt: row.updatedAt,
      },
    });
}

/**
 * Claims the open tasks whose reminder of `kind` is due, in one statement: rows another process has
 * locked are skipped and rows already claimed no longer match, so concurrent sweeps never claim a
 * task twice. `due_soon`: due within the plan's window from today; `overdue`: due before today.
 */
export async function claimTasksToRemind(
  tx: Db,
  kind: 'due_soon' | 'overdue',
  today: string,
  now: Date,
  districtCode?: string,
): Promise<TaskRow[]> {
  const column = kind === 'due_soon' ? tasks.remindedAt : tasks.overdueNotifiedAt;
  const window =
    kind === 'due_soon'
      ? sql`${tasks.dueDate} >= ${today} AND ${tasks.dueDate}::date - (SELECT ${taskPlans.dueSoonDays} FROM ${taskPlans} WHERE ${taskPlans.id} = ${tasks.planId}) <= ${today}::date`
      : sql`${tasks.dueDate} < ${today}`;
  const inDistrict = districtCode ? sql`${tasks.districtCode} = ${districtCode} AND ` : sql``;
  const claimable = sql`SELECT ${tasks.id} FROM ${tasks} WHERE ${inDistrict}${column} IS NULL AND ${tasks.doneAt} IS NULL AND ${tasks.dueDate} IS NOT NULL AND ${window} FOR UPDATE SKIP LOCKED`;
  return tx
    .update(tasks)
    .set(kind === 'due_soon' ? { remindedAt: now } : { overdueNotifiedAt: now })
    .where(and(sql`${tasks.id} IN (${claimable})`, isNull(column)))
    .returning();
}

/** Writes reminders; the (task, kind, unit) key drops any repeat. */
export async function insertReminders(tx: Db, rows: NewTaskReminder[]): Promise<void> {
  if (rows.length === 0) return;
  await insertMany(rows, (b) => tx.insert(taskReminders).values(b).onConflictDoNothing());
}

/** Reminders addressed to units inside a scope (null: the whole district), newest first. */
export async function listReminders(db: Db, districtCode: string, withinPath: string | null) {
  const where = [eq(taskReminders.districtCode, districtCode)];
  if (withinPath !== null) where.push(sql`${taskReminders.unitPath} LIKE ${`${withinPath}%`}`);
  return db
    .select({ reminder: taskReminders, no: tasks.no, content: tasks.content, planId: tasks.planId })
    .from(taskReminders)
    .innerJoin(tasks, eq(tasks.id, taskReminders.taskId))
    .where(and(...where))
    .orderBy(desc(taskReminders.createdAt), asc(tasks.seq))
    .limit(500);
}
