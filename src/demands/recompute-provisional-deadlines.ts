import { and, eq, inArray, sql } from 'drizzle-orm';
import { SYSTEM_ACTOR } from '../core/audit/append-audit.ts';
import type { TimeLimitSpec } from '../core/calendar/index.ts';
import { CalendarRegistry } from '../core/calendar/store.ts';
import type { Db } from '../core/db/connection.ts';
import { computeDeadlines } from './deadlines.ts';
import { demandRules } from './demand-rules.ts';
import { recordEvents } from './record-events.ts';
import { listEvents } from './store.ts';
import { type DemandRow, demands } from './tables.ts';

const OPEN = ['dispatched', 'in_progress', 'returned', 'replied'];
const DISPATCHING = new Set(['dispatched', 'redispatched', 'reopened']);

export interface RecomputeResult {
  recomputed: number;
  /** Still in a year without holiday data (nothing imported for it yet). */
  stillProvisional: number;
  /** An approved extension moved the deadline since: left as it is (the flag stays). */
  skipped: number;
}

/**
 * After a year's holiday arrangement is imported, recomputes the deadlines that were written as
 * provisional (Mon–Fri assumed for that year): from the same dispatch instant and the same time limit
 * written on the order, on the calendar as it is now, recorded as a `deadline_recomputed` event (so
 * the state, the sweeper and the audit log all follow). Idempotent; rows are claimed FOR UPDATE SKIP
 * LOCKED, so several processes may run it.
 */
export async function recomputeProvisionalDeadlines(options: {
  db: Db;
  districtCode?: string;
  calendars?: CalendarRegistry;
}): Promise<RecomputeResult> {
  const calendars = options.calendars ?? new CalendarRegistry();
  const result: RecomputeResult = { recomputed: 0, stillProvisional: 0, skipped: 0 };
  const where = and(
    inArray(demands.status, OPEN),
    sql`(${demands.state}->>'deadlineProvisional')::boolean IS TRUE`,
    options.districtCode ? eq(demands.districtCode, options.districtCode) : undefined,
  );
  const rows = await options.db.select({ id: demands.id }).from(demands).where(where);
  for (const { id } of rows) {
    await options.db.transaction(async (tx) => {
      const [row] = await tx
        .select()
        .from(demands)
        .where(and(eq(demands.id, id), where))
        .for('update', { skipLocked: true });
      if (!row) return; // another process has it, or it changed meanwhile
      const outcome = await recomputeOne(tx, row, calendars);
      result[outcome]++;
    });
  }
  return result;
}

async function recomputeOne(
  tx: Db,
  row: DemandRow,
  calendars: CalendarRegistry,
): Promise<keyof RecomputeResult> {
  const events = await listEvents(tx, row.id);
  const lastDispatch = [...events].reverse().find((e) => DISPATCHING.has(e.type) && e.data.dueAt);
  if (!lastDispatch) return 'skipped';
  if (events.some((e) => e.type === 'extension_approved' && e.seq > lastDispatch.seq)) return 'skipped';
  const limit = lastDispatch.data.timeLimit as (TimeLimitSpec & { basis?: string }) | undefined;
  if (!limit) return 'skipped';
  const calendar = await calendars.get(tx, row.districtCode);
  const { timeLimits } = await demandRules(tx, row.districtCode);
  const basis = limit.basis ?? 'general';
  const d = computeDeadlines(
    calendar,
    // the handle-by limit written on the order, whatever the profile says today
    {
      ...timeLimits,
      [basis]: { amount: limit.amount, unit: limit.unit === 'calendar_hours' ? 'hours' : limit.unit },
    },
    {
      from: lastDispatch.data.deadlineFrom
        ? new Date(lastDispatch.data.deadlineFrom as string)
        : lastDispatch.at,
      urgent: basis === 'urgent',
      roundTheClock: basis === 'utilities',
      complexity: basis === 'complex' ? 'complex' : 'general',
    },
  );
  if (d.provisional) return 'stillProvisional';
  await recordEvents(
    tx,
    row,
    [
      {
        type: 'deadline_recomputed',
        data: {
          dueAt: d.dueAt.toISOString(),
          signDueAt: d.signDueAt.toISOString(),
          contactDueAt: d.contactDueAt.toISOString(),
          previousDueAt: row.dueAt?.toISOString() ?? null,
          deadlineProvisional: false,
          reason: '已导入节假日安排，按正式日历重算办理时限',
        },
      },
    ],
    { actor: { ...SYSTEM_ACTOR, label: 'system:calendar' }, auditAction: 'demand.deadline_recomputed' },
  );
  return 'recomputed';
}
