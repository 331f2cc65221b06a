import { and, asc, desc, eq, inArray, isNull, like, or, type SQL } from 'drizzle-orm';
import type { Db } from '../../core/db/connection.ts';
import type { ProjectState, StepRecord, StepType } from './lifecycle.ts';
import {
  type MilestoneRow,
  type OpinionProjectRow,
  type OpinionProjectStepRow,
  opinionProjectMilestones,
  opinionProjectSteps,
  opinionProjects,
} from './tables.ts';

/** The 民意立项 queries; other capabilities call these, never the tables. */

export type NewProject = typeof opinionProjects.$inferInsert;
export type NewProjectStep = Omit<typeof opinionProjectSteps.$inferInsert, 'seq' | 'projectId'>;

/** Inserts a new project row (its steps follow through recordProjectSteps). */
export async function insertProject(tx: Db, row: NewProject): Promise<void> {
  await tx.insert(opinionProjects).values(row);
}

/** A project by id; `forUpdate` locks the row for the transaction. */
export async function getProject(
  db: Db,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<OpinionProjectRow | undefined> {
  const q = db.select().from(opinionProjects).where(eq(opinionProjects.id, id));
  const [row] = options.forUpdate ? await q.for('update') : await q;
  return row;
}

/** Projects by id, in no particular order. */
export async function getProjects(db: Db, ids: readonly string[]): Promise<OpinionProjectRow[]> {
  if (ids.length === 0) return [];
  return db
    .select()
    .from(opinionProjects)
    .where(inArray(opinionProjects.id, [...ids]));
}

/** A project’s sub-projects, oldest first. */
export async function listChildren(db: Db, parentId: string): Promise<OpinionProjectRow[]> {
  return db
    .select()
    .from(opinionProjects)
    .where(eq(opinionProjects.parentId, parentId))
    .orderBy(asc(opinionProjects.createdAt));
}

export interface ProjectFilter {
  districtCode: string;
  /** A project is inside when the unit it serves or its implementing unit is. */
  withinPath: string;
  status?: string[] | undefined;
  /** Top-level projects only (sub-projects show under their parent). */
  topLevel?: boolean | undefined;
  limit?: number | undefined;
  offset?: number | undefined;
}

/** Projects serving or implemented inside a path, newest first. */
export async function listProjects(db: Db, f: ProjectFilter): Promise<OpinionProjectRow[]> {
  const where: (SQL | undefined)[] = [
    eq(opinionProjects.districtCode, f.districtCode),
    or(
      like(opinionProjects.unitPath, `${f.withinPath}%`),
      like(opinionProjects.ownerPath, `${f.withinPath}%`),
    ),
  ];
  if (f.status?.length) where.push(inArray(opinionProjects.status, f.status));
  if (f.topLevel) where.push(isNull(opinionProjects.parentId));
  return db
    .select()
    .from(opinionProjects)
    .where(and(...where))
    .orderBy(desc(opinionProjects.createdAt))
    .limit(f.limit ?? 200)
    .offset(f.offset ?? 0);
}

/** A project’s steps in order. */
export async function listSteps(db: Db, projectId: string): Promise<OpinionProjectStepRow[]> {
  return db
    .select()
    .from(opinionProjectSteps)
    .where(eq(opinionProjectSteps.projectId, projectId))
    .orderBy(asc(opinionProjectSteps.seq));
}

/** A stored step as the pure lifecycle reads it. */
export const toStepRecord = (s: Pick<OpinionProjectStepRow, 'type' | 'at' | 'data'>): StepRecord => ({
  type: s.type as StepType,
  at: s.at,
  data: s.data,
});

/** Appends steps after the `after`-th, returning the new count. */
export async function appendSteps(
  tx: Db,
  projectId: string,
  after: number,
  steps: NewProjectStep[],
): Promise<number> {
  let seq = after;
  for (const s of steps) {
    seq++;
    await tx.insert(opinionProjectSteps).values({ ...s, projectId, seq });
  }
  return seq;
}

/** A project’s milestone rows (cache), in plan order. */
export async function listMilestones(db: Db, projectId: string): Promise<MilestoneRow[]> {
  return db
    .select()
    .from(opinionProjectMilestones)
    .where(eq(opinionProjectMilestones.projectId, projectId))
    .orderBy(asc(opinionProjectMilestones.seq));
}

/** Writes the folded state into the project's cache columns and its milestone rows. */
export async function saveState(
  tx: Db,
  project: OpinionProjectRow,
  state: ProjectState,
  stepCount: number,
  extra: Partial<
    Pick<
      NewProject,
      'ownerUnitId' | 'ownerUnitName' | 'ownerPath' | 'budgetYuan' | 'meetingId' | 'resolutionId'
    >
  > = {},
): Promise<void> {
  await tx
    .update(opinionProjects)
    .set({
      status: state.status,
      satisfaction: state.evaluation?.satisfaction ?? null,
      stepCount,
      state: state as unknown as Record<string, unknown>,
      updatedAt: new Date(),
      ...extra,
    })
    .where(eq(opinionProjects.id, project.id));
  for (const m of state.milestones) {
    const cache = { progress: m.progress, doneAt: m.doneAt, lastNote: m.lastNote, updatedAt: new Date() };
    await tx
      .insert(opinionProjectMilestones)
      .values({
        id: m.id,
        districtCode: project.districtCode,
        projectId: project.id,
        seq: m.seq,
        title: m.title,
        dueOn: m.dueOn,
        weight: m.weight,
        ...cache,
      })
      .onConflictDoUpdate({ target: opinionProjectMilestones.id, set: cache });
  }
}

/** Writes a project’s rolled-up progress (cache). */
export async function setProgress(tx: Db, projectId: string, progress: number): Promise<void> {
  await tx.update(opinionProjects).set({ progress }).where(eq(opinionProjects.id, projectId));
}
