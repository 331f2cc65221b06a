import type { Principal } from '../core/auth/authorize.ts';
import { DISTRICT_WIDE_ROLES } from '../core/auth/roles.ts';
import { toZoned } from '../core/calendar/zoned-time.ts';
import type { Db } from '../core/db/connection.ts';
import { doneUnits, latestLeadProgress, listTasks, listTaskUnits } from './store.ts';
import type { TaskPlanRow, TaskProgressRow, TaskRow, TaskUnitRow } from './tables.ts';
import { computeTaskStatus, type TaskStatusResult } from './task-status.ts';

/** Supervision dates are Beijing civil dates, whatever zone the server runs in. */
export const SUPERVISION_ZONE = 'Asia/Shanghai';

/** The civil date of an instant in the supervision zone. */
export const civilDateOf = (instant: Date): string => toZoned(instant, SUPERVISION_ZONE).date;

/** One named unit of a task and whether its unit has reported its part done. */
export interface TaskLink {
  role: 'lead' | 'co';
  writtenName: string;
  unitId: string | null;
  unitCode: string | null;
  unitName: string | null;
  unitPath: string | null;
  match: string;
  done: boolean;
}

/** A task with its links, latest lead report and computed status: what presenters and exports read. */
export interface TaskView {
  task: TaskRow;
  plan: TaskPlanRow;
  links: TaskLink[];
  /** The names as the plan wrote them, in order, once each (the paper plan's columns). */
  leadNames: string[];
  coNames: string[];
  latest: TaskProgressRow | null;
  status: TaskStatusResult;
}

/** The org-unit paths a task belongs to, for `authorize`: its owner (the district) and its units. */
export function taskPaths(
  links: readonly Pick<TaskUnitRow, 'unitPath'>[],
  plan?: Pick<TaskPlanRow, 'ownerPath'>,
) {
  const paths = links.map((l) => l.unitPath).filter((p): p is string => p !== null);
  return plan ? [plan.ownerPath, ...paths] : paths;
}

/** Assembles the views of some tasks in three queries, with statuses as of `today`. */
export async function loadTaskViews(
  db: Db,
  rows: readonly TaskRow[],
  plans: ReadonlyMap<string, TaskPlanRow>,
  today: string,
): Promise<TaskView[]> {
  const ids = rows.map((r) => r.id);
  const [links, latest, done] = await Promise.all([
    listTaskUnits(db, ids),
    latestLeadProgress(db, ids),
    doneUnits(db, ids),
  ]);
  const doneSet = new Set(done.map((d) => `${d.taskId}:${d.unitId}`));
  const latestBy = new Map(latest.map((p) => [p.taskId, p]));
  const linksBy = new Map<string, TaskLink[]>();
  for (const l of links) {
    const list = linksBy.get(l.taskId) ?? [];
    list.push({
      role: l.role,
      writtenName: l.writtenName,
      unitId: l.unitId,
      unitCode: l.unitCode,
      unitName: l.unitName,
      unitPath: l.unitPath,
      match: l.match,
      done: l.unitId !== null && doneSet.has(`${l.taskId}:${l.unitId}`),
    });
    linksBy.set(l.taskId, list);
  }
  return rows.flatMap((task) => {
    const plan = plans.get(task.planId);
    if (!plan) return [];
    const taskLinks = linksBy.get(task.id) ?? [];
    const status = computeTaskStatus({
      deadline: task.deadline,
      doneOn: task.doneAt ? civilDateOf(task.doneAt) : null,
      lastProgressOn: task.lastProgressAt ? civilDateOf(task.lastProgressAt) : null,
      startedOn: civilDateOf(task.createdAt),
      today,
      dueSoonDays: plan.dueSoonDays,
      cadence: plan.reportCadence,
    });
    return [
      {
        task,
        plan,
        links: taskLinks,
        leadNames: task.leadNames,
        coNames: task.coNames,
        latest: latestBy.get(task.id) ?? null,
        status,
      },
    ];
  });
}

/** Where a caller's tasks are: null (the whole district) for district-wide roles, else their subtree. */
export function visibleWithin(principal: Principal): string | null {
  return principal.roles.some((r) => DISTRICT_WIDE_ROLES.has(r)) ? null : principal.unitPath;
}

/** The views of one plan's tasks that a scope sees (null: all of them), as of `today`. */
export async function planTaskViews(
  db: Db,
  plan: TaskPlanRow,
  withinPath: string | null,
  today: string,
): Promise<TaskView[]> {
  const rows = await listTasks(db, { districtCode: plan.districtCode, planId: plan.id, withinPath });
  return loadTaskViews(db, rows, new Map([[plan.id, plan]]), today);
}
