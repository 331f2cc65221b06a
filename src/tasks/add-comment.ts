import { type AuditActor, appendAudit } from '../core/audit/append-audit.ts';
import type { ScopedResource } from '../core/auth/authorize.ts';
import type { Db } from '../core/db/connection.ts';
import { notFound } from '../core/errors.ts';
import { uuidv7 } from '../core/ids.ts';
import { CommentInput } from './model.ts';
import { getPlan, getTask, insertComment, listTaskUnits } from './store.ts';
import type { TaskCommentRow } from './tables.ts';
import { taskPaths } from './task-views.ts';

/** A supervisor's comment (督办意见) on a task, audited. */
export async function addComment(options: {
  db: Db;
  taskId: string;
  input: { text: string };
  actor: AuditActor;
  requestId?: string | null;
  now?: Date;
  /** Called inside the transaction with the task's paths: the route's scope check. */
  authorizeTask?: (resource: ScopedResource) => void;
}): Promise<TaskCommentRow> {
  const input = CommentInput.parse(options.input);
  return options.db.transaction(async (tx) => {
    const task = await getTask(tx, options.taskId);
    if (!task) throw notFound('任务', options.taskId);
    const plan = await getPlan(tx, task.planId);
    options.authorizeTask?.({
      districtCode: task.districtCode,
      paths: taskPaths(await listTaskUnits(tx, [task.id]), plan),
    });
    const row: TaskCommentRow = {
      id: uuidv7(),
      districtCode: task.districtCode,
      taskId: task.id,
      text: input.text,
      authorId: options.actor.id,
      authorLabel: options.actor.label,
      createdAt: options.now ?? new Date(),
    };
    await insertComment(tx, row);
    await appendAudit(tx, {
      districtCode: task.districtCode,
      actor: options.actor,
      action: 'task.comment',
      targetType: 'task',
      targetId: task.id,
      details: { length: input.text.length },
      requestId: options.requestId ?? null,
    });
    return row;
  });
}
