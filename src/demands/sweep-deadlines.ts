import { and, asc, eq, inArray, lt, lte, sql } from 'drizzle-orm';
import { type AppendAuditOptions, appendAuditBatch, SYSTEM_ACTOR } from '../core/audit/append-audit.ts';
import type { Db } from '../core/db/connection.ts';
import { enqueueMessages, notificationMessage } from '../core/outbox/enqueue-message.ts';
import type { PlannedEvent } from './record-events.ts';
import { recordEvents } from './record-events.ts';
import { type DemandRow, demands } from './tables.ts';

const HANDLING = ['dispatched', 'in_progress', 'returned'];
const BATCH = 50;

export interface SweepResult {
  dueSoon: number;
  overdue: number;
  callbacksScheduled: number;
}

/**
 * Marks demands due soon (the last quarter of their limit, at most 24 h) and overdue, and schedules
 * the follow-up call when a limit expires (《接诉即办条例》). Safe with several server processes: each
 * batch claims its rows with FOR UPDATE SKIP LOCKED and changes their due state in the same
 * transaction, so no row is fired twice.
 */
export async function sweepDeadlines(db: Db, now: Date = new Date()): Promise<SweepResult> {
  const result: SweepResult = { dueSoon: 0, overdue: 0, callbacksScheduled: 0 };
  const stages: {
    where: ReturnType<typeof and>;
    events: PlannedEvent[];
    count: keyof SweepResult;
    /** The owning unit's notice (through the outbox, in the same transaction). */
    notice?: string;
  }[] = [
    {
      where: and(
        inArray(demands.status, HANDLING),
        inArray(demands.dueState, ['ok', 'due_soon']),
        lt(demands.dueAt, now),
      ),
      events: [
        { type: 'overdue' },
        { type: 'callback_scheduled', data: { reason: '办理时限届满，安排回访' } },
      ],
      count: 'overdue',
      notice: '已超期',
    },
    {
      where: and(eq(demands.status, 'replied'), eq(demands.dueState, 'ok'), lt(demands.dueAt, now)),
      events: [{ type: 'callback_scheduled', data: { reason: '办理时限届满，安排回访' } }],
      count: 'callbacksScheduled',
    },
    {
      where: and(
        inArray(demands.status, HANDLING),
        eq(demands.dueState, 'ok'),
        lte(
          demands.dueAt,
          sql`${now.toISOString()}::timestamptz + LEAST(interval '24 hours', (${demands.dueAt} - ${demands.dispatchedAt}) / 4)`,
        ),
      ),
      events: [{ type: 'due_soon', data: { reminder: true } }],
      count: 'dueSoon',
      notice: '即将超期',
    },
  ];
  for (const stage of stages) {
    for (;;) {
      const batchStarted = performance.now();
      const claimed = await db.transaction(async (tx) => {
        const rows: DemandRow[] = await tx
          .select()
          .from(demands)
          .where(stage.where)
          .orderBy(asc(demands.dueAt))
          .limit(BATCH)
          .for('update', { skipLocked: true });
        // Audit rows per district in one append at the end: the district's audit lock (which intake
        // needs too) is held for the end of the batch only, not for all of it (docs/decisions/perf-intake.md).
        const byDistrict = new Map<
          string,
          { audits: AppendAuditOptions[]; after: (() => Promise<void>)[] }
        >();
        for (const row of rows) {
          const deferred = byDistrict.get(row.districtCode) ?? { audits: [], after: [] };
          byDistrict.set(row.districtCode, deferred);
          await recordEvents(tx, row, stage.events, {
            actor: { ...SYSTEM_ACTOR, label: 'system:sweeper' },
            auditAction: `demand.sweep.${stage.count}`,
            deferred,
          });
        }
        for (const [, deferred] of [...byDistrict].sort(([a], [b]) => (a < b ? -1 : 1))) {
          await appendAuditBatch(tx, deferred.audits);
          for (const after of deferred.after) await after();
        }
        const { notice } = stage;
        if (notice) {
          await enqueueMessages(
            tx,
            rows
              .filter((r) => r.ownerUnitId && r.ownerPath)
              .map((r) =>
                notificationMessage(r.districtCode, {
                  unitId: r.ownerUnitId as string,
                  unitPath: r.ownerPath as string,
                  kind: `demand.${stage.count === 'overdue' ? 'overdue' : 'due_soon'}`,
                  title: `工单 ${r.code} ${notice}`,
                  targetType: 'demand',
                  targetId: r.id,
                }),
              ),
          );
        }
        return rows.length;
      });
      result[stage.count] += claimed;
      if (claimed < BATCH) break;
      // A backlog (after an outage) is worked off at a third of the process's time: the process
      // serving intake keeps the rest for requests (docs/decisions/perf-intake.md).
      await new Promise((r) => setTimeout(r, Math.min(2000, 2 * (performance.now() - batchStarted))));
    }
  }
  return result;
}
