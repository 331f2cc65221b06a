import { z } from 'zod';
import { appendAudit } from '../core/audit/append-audit.ts';
import { authorize, type Principal } from '../core/auth/authorize.ts';
import type { Db } from '../core/db/connection.ts';
import { AppError } from '../core/errors.ts';
import { uuidv7 } from '../core/ids.ts';
import { isAssignedGridWorker } from './assignments-store.ts';
import { isUniqueViolation } from './model.ts';
import { assertMonthOpen, assertNotFuture, gridWithCommunity, PatrolFields } from './patrol-rules.ts';
import { getEntry, insertEntry, lockSheet } from './patrol-store.ts';
import { gridWorkPolicy } from './policy.ts';
import type { PatrolEntryRow } from './tables.ts';

export const PatrolEntryInput = PatrolFields.extend({ gridCode: z.string().length(15) });
export type PatrolEntryInput = z.input<typeof PatrolEntryInput>;

/**
 * A grid worker records one day in one of their grids. Only a worker on that grid's post may; a
 * month already signed by the community's party secretary is frozen (409 PERIOD_SIGNED). Audited.
 */
export async function recordPatrolEntry(options: {
  db: Db;
  principal: Principal;
  input: PatrolEntryInput;
  requestId?: string | null;
}): Promise<PatrolEntryRow> {
  const input = PatrolEntryInput.parse(options.input);
  const { principal } = options;
  assertNotFuture(input.date);
  return options.db.transaction(async (tx) => {
    const { grid, community } = await gridWithCommunity(tx, principal.districtCode, input.gridCode);
    authorize(principal, gridWorkPolicy.patrol, { districtCode: grid.districtCode, paths: [grid.path] });
    if (!(await isAssignedGridWorker(tx, principal.userId, grid.id))) {
      throw new AppError(
        'NOT_ASSIGNED',
        `您不是${grid.name}的在岗网格员，不能填写该网格的纪实 (not assigned)`,
        {
          grid: grid.code,
        },
      );
    }
    const month = input.date.slice(0, 7);
    await lockSheet(tx, community.id, month);
    await assertMonthOpen(tx, community.id, month);
    const id = uuidv7();
    try {
      await tx.transaction((sp) =>
        insertEntry(sp, {
          id,
          districtCode: grid.districtCode,
          workerId: principal.userId,
          workerName: principal.displayName,
          gridId: grid.id,
          gridCode: grid.code,
          gridName: grid.name,
          gridPath: grid.path,
          communityId: community.id,
          date: input.date,
          month,
          hours: input.hours,
          householdsVisited: input.householdsVisited,
          findings: input.findings,
        }),
      );
    } catch (err) {
      if (isUniqueViolation(err)) {
        throw new AppError(
          'CONFLICT',
          `${input.date}在${grid.name}已有纪实记录，请修改原记录 (entry exists)`,
        );
      }
      throw err;
    }
    await appendAudit(tx, {
      districtCode: grid.districtCode,
      actor: { id: principal.userId, label: principal.username },
      action: 'patrol.create',
      targetType: 'patrol_entry',
      targetId: id,
      details: { grid: grid.code, date: input.date, hours: input.hours },
      requestId: options.requestId ?? null,
    });
    return (await getEntry(tx, id)) as PatrolEntryRow;
  });
}
