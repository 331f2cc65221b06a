import { type AuditActor, appendAudit, SYSTEM_ACTOR } from '../core/audit/append-audit.ts';
import type { Db } from '../core/db/connection.ts';
import { uuidv7 } from '../core/ids.ts';
import { enqueueMessages, notificationMessage } from '../core/outbox/enqueue-message.ts';
import { claimTasksToRemind, insertReminders, listTaskUnits, type NewTaskReminder } from './store.ts';
import type { TaskRow } from './tables.ts';
import { civilDateOf } from './task-views.ts';

export interface SweepRemindersResult {
  today: string;
  /** Tasks claimed now, per kind (a task is claimed once per kind, ever). */
  dueSoon: number;
  overdue: number;
  /** Reminder rows written (one per lead unit of each claimed task). */
  reminders: number;
}

const KINDS = ['due_soon', 'overdue'] as const;

/**
 * Writes the reminders that are due: lead units of open tasks entering their plan's due-soon
 * window, and of tasks that have just become overdue (催办). Idempotent and safe to run from several
 * processes at once: each task is claimed by one atomic `UPDATE … WHERE reminded_at IS NULL` over
 * rows selected `FOR UPDATE SKIP LOCKED`, in the transaction that writes its reminders.
 */
export async function sweepReminders(options: {
  db: Db;
  now?: Date;
  actor?: AuditActor;
  /** Only this district's tasks (a district's supervisor); every district when absent (the CLI). */
  districtCode?: string;
}): Promise<SweepRemindersResult> {
  const now = options.now ?? new Date();
  const today = civilDateOf(now);
  const result: SweepRemindersResult = { today, dueSoon: 0, overdue: 0, reminders: 0 };
  for (const kind of KINDS) {
    await options.db.transaction(async (tx) => {
      const claimed = await claimTasksToRemind(tx, kind, today, now, options.districtCode);
      if (claimed.length === 0) return;
      const links = await listTaskUnits(
        tx,
        claimed.map((t) => t.id),
      );
      const rows: NewTaskReminder[] = [];
      for (const task of claimed) {
        const own = links.filter((l) => l.taskId === task.id && l.unitId && l.unitPath);
        // A task whose lead names are still unmatched reminds its co-units instead of nobody.
        const leads = own.filter((l) => l.role === 'lead');
        for (const l of leads.length > 0 ? leads : own) {
          rows.push({
            id: uuidv7(),
            districtCode: task.districtCode,
            taskId: task.id,
            kind,
            unitId: l.unitId as string,
            unitName: l.unitName ?? l.writtenName,
            unitPath: l.unitPath as string,
            dueDate: task.dueDate as string,
            createdAt: now,
          });
        }
      }
      await insertReminders(tx, rows);
      // Each reminder also reaches its unit as an in-app notification (outbox, same transaction).
      await enqueueMessages(
        tx,
        rows.map((r) =>
          notificationMessage(r.districtCode, {
            unitId: r.unitId,
            unitPath: r.unitPath,
            kind: `task.${kind}`,
            title: `督办任务${kind === 'due_soon' ? '即将到期' : '已逾期'}（${r.dueDate}）`,
            targetType: 'task',
            targetId: r.taskId,
          }),
        ),
      );
      for (const [districtCode, tasks] of byDistrict(claimed)) {
        await appendAudit(tx, {
          districtCode,
          actor: options.actor ?? SYSTEM_ACTOR,
          action: `task.remind.${kind}`,
          targetType: 'task',
          targetId: tasks.length === 1 ? (tasks[0]?.id ?? '') : `${tasks.length} tasks`,
          details: {
            today,
            tasks: tasks.map((t) => t.id),
            reminders: rows.filter((r) => r.districtCode === districtCode).length,
          },
        });
      }
      result[kind === 'due_soon' ? 'dueSoon' : 'overdue'] += claimed.length;
      result.reminders += rows.length;
    });
  }
  return result;
}

function byDistrict(rows: readonly TaskRow[]): Map<string, TaskRow[]> {
  const map = new Map<string, TaskRow[]>();
  for (const r of rows) map.set(r.districtCode, [...(map.get(r.districtCode) ?? []), r]);
  return map;
}
