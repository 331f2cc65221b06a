import { z } from 'zod';
import { TaskStatusSchema } from './model.ts';
import type { TaskCommentRow, TaskPlanRow, TaskProgressRow } from './tables.ts';
import { STATUS_NAMES, TASK_STATUSES } from './task-status.ts';
import type { TaskView } from './task-views.ts';

/** A unit as views name it: its code and short name. */
export const UnitRef = z.object({ code: z.string(), name: z.string() });

export const TaskLinkView = z.object({
  role: z.enum(['lead', 'co']),
  writtenName: z.string(),
  unit: UnitRef.nullable(),
  match: z.string(),
  done: z.boolean(),
});

export const ProgressView = z.object({
  id: z.string(),
  unit: z.string(),
  role: z.enum(['lead', 'co']),
  period: z.string(),
  text: z.string(),
  attachments: z.array(z.object({ name: z.string(), ref: z.string() })),
  done: z.boolean(),
  reportedBy: z.string(),
  reportedAt: z.string(),
});

export const CommentView = z.object({
  id: z.string(),
  text: z.string(),
  author: z.string(),
  createdAt: z.string(),
});

export const TaskItemView = z.object({
  id: z.string(),
  planId: z.string(),
  no: z.number(),
  section: z.string().nullable(),
  content: z.string(),
  lead: z.array(z.string()),
  co: z.array(z.string()),
  deadline: z.string().nullable(),
  dueDate: z.string().nullable(),
  status: TaskStatusSchema,
  statusName: z.string(),
  color: z.enum(['green', 'yellow', 'red']),
  reason: z.string(),
  daysLeft: z.number().nullable(),
  doneAt: z.string().nullable(),
  units: z.array(TaskLinkView),
  latestProgress: ProgressView.nullable(),
});

export const TaskDetailView = TaskItemView.extend({
  plan: z.object({ id: z.string(), title: z.string() }),
  progress: z.array(ProgressView),
  comments: z.array(CommentView),
});

export const PlanView = z.object({
  id: z.string(),
  title: z.string(),
  reportCadence: z.enum(['month', 'quarter']),
  dueSoonDays: z.number(),
  warnings: z.array(z.string()),
  createdBy: z.string(),
  createdAt: z.string(),
  /** Counts of the tasks the caller sees, as of today. */
  counts: z.record(z.string(), z.number()),
});

/** Allow-listed view of a progress report. */
export function presentProgress(p: TaskProgressRow): z.infer<typeof ProgressView> {
  return {
    id: p.id,
    unit: p.unitName,
    role: p.role,
    period: p.period,
    text: p.text,
    attachments: p.attachments.map((a) => ({ name: a.name, ref: a.ref })),
    done: p.done,
    reportedBy: p.reportedByLabel,
    reportedAt: p.reportedAt.toISOString(),
  };
}

/** Allow-listed view of a supervisor's comment. */
export function presentComment(c: TaskCommentRow): z.infer<typeof CommentView> {
  return { id: c.id, text: c.text, author: c.authorLabel, createdAt: c.createdAt.toISOString() };
}

/** Allow-listed view of a task with its computed status (the caller's own unit paths are not shown). */
export function presentTask(v: TaskView): z.infer<typeof TaskItemView> {
  return {
    id: v.task.id,
    planId: v.task.planId,
    no: v.task.no,
    section: v.task.section,
    content: v.task.content,
    lead: v.leadNames,
    co: v.coNames,
    deadline: v.task.deadline,
    dueDate: v.status.dueDate,
    status: v.status.status,
    statusName: STATUS_NAMES[v.status.status],
    color: v.status.color,
    reason: v.status.reason,
    daysLeft: v.status.daysLeft,
    doneAt: v.task.doneAt?.toISOString() ?? null,
    units: v.links.map((l) => ({
      role: l.role,
      writtenName: l.writtenName,
      unit: l.unitCode ? { code: l.unitCode, name: l.unitName ?? l.writtenName } : null,
      match: l.match,
      done: l.done,
    })),
    latestProgress: v.latest ? presentProgress(v.latest) : null,
  };
}

/** Allow-listed view of a plan with status counts of the tasks given (the caller's own). */
export function presentPlan(plan: TaskPlanRow, views: readonly TaskView[]): z.infer<typeof PlanView> {
  const counts: Record<string, number> = { tasks: views.length };
  for (const s of TASK_STATUSES) counts[s] = views.filter((v) => v.status.status === s).length;
  return {
    id: plan.id,
    title: plan.title,
    reportCadence: plan.reportCadence,
    dueSoonDays: plan.dueSoonDays,
    warnings: plan.warnings,
    createdBy: plan.createdByLabel,
    createdAt: plan.createdAt.toISOString(),
    counts,
  };
}

/** What an import reports: counts, names left for a person to map, the parser's warnings. */
export const ImportResult = z.object({
  planId: z.string(),
  title: z.string(),
  tasks: z.number(),
  links: z.number(),
  unmatched: z.array(
    z.object({ name: z.string(), taskNos: z.array(z.number()), suggestions: z.array(UnitRef) }),
  ),
  warnings: z.array(z.string()),
});
/** The supervision bulletin (see bulletin.ts). */
export const BulletinView = z.object({
  plan: z.object({ id: z.string(), title: z.string() }),
  asOf: z.string(),
  totals: z.record(z.string(), z.number()),
  overdue: z.array(
    z.object({
      taskId: z.string(),
      no: z.number(),
      content: z.string(),
      deadline: z.string().nullable(),
      deadlineText: z.string(),
      daysOverdue: z.number(),
      pendingLeads: z.array(z.string()),
    }),
  ),
  ranking: z.array(
    z.object({
      rank: z.number(),
      unitCode: z.string(),
      unitName: z.string(),
      leadTasks: z.number(),
      done: z.number(),
      overdue: z.number(),
      atRisk: z.number(),
      completionRate: z.number(),
    }),
  ),
});
