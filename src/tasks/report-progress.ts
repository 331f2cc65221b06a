import { type AuditActor, appendAudit } from '../core/audit/append-audit.ts';
import type { ScopedResource } from '../core/auth/authorize.ts';
import type { Db } from '../core/db/connection.ts';
import { AppError, notFound } from '../core/errors.ts';
import { uuidv7 } from '../core/ids.ts';
import { ProgressInput } from './model.ts';
import {
  doneUnits,
  getPlan,
  insertProgress,
  listTaskUnits,
  lockTask,
  setTaskProgressCache,
} from './store.ts';
import type { TaskProgressRow, TaskUnitRow } from './tables.ts';
import { periodOf, periodStart } from './task-status.ts';
import { civilDateOf, taskPaths } from './task-views.ts';

export interface ReportProgressOptions {
  db: Db;
  taskId: string;
  input: ProgressInput;
  /** The reporter's own unit: it reports for itself, or for a linked unit of its subtree. */
  reporter: { unitId: string; unitPath: string };
  actor: AuditActor;
  requestId?: string | null;
  now?: Date;
  /** Called inside the transaction with the task's unit paths: the route's scope check. */
  authorizeTask?: (resource: ScopedResource) => void;
}

export interface ReportProgressResult {
  progress: TaskProgressRow;
  /** The task became done with this report (every lead unit has now reported done). */
  taskDone: boolean;
}

/** The linked unit a reporter speaks for: its own unit first, and a lead link before a co-link. */
export function reportingLink(links: readonly TaskUnitRow[], reporter: ReportProgressOptions['reporter']) {
  const inScope = links.filter((l) => l.unitId !== null && l.unitPath?.startsWith(reporter.unitPath));
  const rank = (l: TaskUnitRow) => (l.unitId === reporter.unitId ? 0 : 2) + (l.role === 'lead' ? 0 : 1);
  return inScope.sort((a, b) => rank(a) - rank(b))[0];
}

/**
 * A lead unit reports progress for a period with evidence; a co-unit contributes the same way. A
 * lead unit may declare its part done; when every lead unit has, the task is done. Reports are
 * append-only; the task's `last_progress_at` / `done_at` caches change in the same transaction.
 */
export async function reportProgress(options: ReportProgressOptions): Promise<ReportProgressResult> {
  const input = ProgressInput.parse(options.input);
  const now = options.now ?? new Date();
  return options.db.transaction(async (tx) => {
    const task = await lockTask(tx, options.taskId);
    if (!task) throw notFound('任务', options.taskId);
    const links = await listTaskUnits(tx, [task.id]);
    options.authorizeTask?.({ districtCode: task.districtCode, paths: taskPaths(links) });
    const plan = await getPlan(tx, task.planId);
    if (!plan) throw notFound('任务分解方案', task.planId);
    const link = reportingLink(links, options.reporter);
    if (!link?.unitId) {
      throw new AppError('FORBIDDEN_SCOPE', '本单位不是该任务的牵头或协办单位 (not a unit of this task)', {
        action: 'task.report',
      });
    }
    if (task.doneAt) throw new AppError('CONFLICT', '任务已完成，不再接受进展报送 (task already done)');
    if (input.done && link.role !== 'lead') {
      throw new AppError(
        'VALIDATION_FAILED',
        '只有牵头单位可以报告任务完成 (only a lead unit reports done)',
        {
          issues: [{ path: 'done', message: '协办单位不能报告完成' }],
        },
      );
    }
    const today = civilDateOf(now);
    const period = input.period ?? periodOf(today, plan.reportCadence);
    if ((periodStart(period) ?? today) > today) {
      throw new AppError('VALIDATION_FAILED', `报送周期尚未开始：${period} (period in the future)`, {
        issues: [{ path: 'period', message: '报送周期尚未开始' }],
      });
    }
    const progress: TaskProgressRow = {
      id: uuidv7(),
      districtCode: task.districtCode,
      taskId: task.id,
      unitId: link.unitId,
      unitName: link.unitName ?? link.writtenName,
      role: link.role,
      period,
      text: input.text,
      attachments: input.attachments,
      done: input.done,
      reportedById: options.actor.id,
      reportedByLabel: options.actor.label,
      reportedAt: now,
    };
    await insertProgress(tx, progress);
    let taskDone = false;
    if (link.role === 'lead') {
      const leads = new Set(links.filter((l) => l.role === 'lead' && l.unitId).map((l) => l.unitId));
      const doneNow = new Set((await doneUnits(tx, [task.id])).map((d) => d.unitId));
      taskDone = input.done && [...leads].every((id) => id !== null && doneNow.has(id));
      await setTaskProgressCache(
        tx,
        task.id,
        taskDone ? { lastProgressAt: now, doneAt: now } : { lastProgressAt: now },
      );
    }
    await appendAudit(tx, {
      districtCode: task.districtCode,
      actor: options.actor,
      action: 'task.report_progress',
      targetType: 'task',
      targetId: task.id,
      details: {
        unit: link.unitCode,
        role: link.role,
        period,
        done: input.done,
        attachments: input.attachments.length,
        taskDone,
      },
      requestId: options.requestId ?? null,
    });
    return { progress, taskDone };
  });
}
