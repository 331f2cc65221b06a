import type { z } from 'zod';
import { appendAudit } from '../core/audit/append-audit.ts';
import { authorize, type Principal } from '../core/auth/authorize.ts';
import type { Db } from '../core/db/connection.ts';
import { AppError, notFound } from '../core/errors.ts';
import { isUniqueViolation } from './model.ts';
import { assertMonthOpen, assertNotFuture, PatrolFields } from './patrol-rules.ts';
import { deleteEntry, getEntry, lockSheet, updateEntry } from './patrol-store.ts';
import { gridWorkPolicy } from './policy.ts';
import type { PatrolEntryRow } from './tables.ts';

export const PatrolEntryPatch = PatrolFields.partial();
export type PatrolEntryPatch = z.input<typeof PatrolEntryPatch>;

/**
 * Edits (with `patch`) or deletes (without) the caller's own entry. Both the entry's month and, when
 * the date moves, the new month must still be unsigned (409 PERIOD_SIGNED). Audited with before/after.
 */
export async function changePatrolEntry(options: {
  db: Db;
  principal: Principal;
  entryId: string;
  patch?: PatrolEntryPatch;
  requestId?: string | null;
}): Promise<PatrolEntryRow | null> {
  const { principal } = options;
  const patch = options.patch ? PatrolEntryPatch.parse(options.patch) : null;
  if (patch?.date) assertNotFuture(patch.date);
  return options.db.transaction(async (tx) => {
    const entry = await getEntry(tx, options.entryId);
    if (!entry || entry.districtCode !== principal.districtCode) throw notFound('纪实记录', options.entryId);
    // the role and the grid's scope first (as when recording), then: only one's own entry
    authorize(principal, gridWorkPolicy.patrol, {
      districtCode: entry.districtCode,
      paths: [entry.gridPath],
    });
    if (entry.workerId !== principal.userId) {
      throw new AppError('FORBIDDEN', '只能修改本人的网格工作纪实 (not your entry)', {
        action: 'patrol.record',
      });
    }
    const months = [...new Set([entry.month, (patch?.date ?? entry.date).slice(0, 7)])].sort();
    for (const m of months) await lockSheet(tx, entry.communityId, m);
    for (const m of months) await assertMonthOpen(tx, entry.communityId, m);
    const before = {
      date: entry.date,
      hours: entry.hours,
      householdsVisited: entry.householdsVisited,
      findings: entry.findings,
    };
    if (patch) {
      try {
        await tx.transaction((sp) =>
          updateEntry(sp, entry.id, { ...patch, ...(patch.date ? { month: patch.date.slice(0, 7) } : {}) }),
        );
      } catch (err) {
        if (isUniqueViolation(err)) {
          throw new AppError('CONFLICT', `${patch.date}在${entry.gridName}已有纪实记录 (entry exists)`);
        }
        throw err;
      }
    } else {
      await deleteEntry(tx, entry.id);
    }
    await appendAudit(tx, {
      districtCode: entry.districtCode,
      actor: { id: principal.userId, label: principal.username },
      action: patch ? 'patrol.update' : 'patrol.delete',
      targetType: 'patrol_entry',
      targetId: entry.id,
      details: { grid: entry.gridCode, before, ...(patch ? { after: patch } : {}) },
      requestId: options.requestId ?? null,
    });
    return patch ? ((await getEntry(tx, entry.id)) as PatrolEntryRow) : null;
  });
}
