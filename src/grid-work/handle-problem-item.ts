import { z } from 'zod';
import { appendAudit } from '../core/audit/append-audit.ts';
import { authorize, type Principal } from '../core/auth/authorize.ts';
import type { Db } from '../core/db/connection.ts';
import { AppError, notFound } from '../core/errors.ts';
import { gridWorkPolicy } from './policy.ts';
import { getItem, updateItem } from './register-store.ts';
import type { ProblemItemRow } from './tables.ts';

const name = z.string().trim().min(2).max(50);

/** What the street does with one line: assign a major item's leader at once, or record the result. */
export const ItemAction = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('assign'), leaderName: name, responsibleLeader: name }),
  z.object({ kind: z.literal('resolve'), result: z.string().trim().min(2, '请填写落实情况').max(2000) }),
]);
export type ItemAction = z.input<typeof ItemAction>;

/**
 * `assign`: a major item (即报即办) gets its signing leader and responsible leader without waiting
 * for the month's register. `resolve`: the 落实情况 of an assigned line. Audited.
 */
export async function handleProblemItem(options: {
  db: Db;
  principal: Principal;
  itemId: string;
  action: ItemAction;
  requestId?: string | null;
}): Promise<ProblemItemRow> {
  const action = ItemAction.parse(options.action);
  const { principal } = options;
  return options.db.transaction(async (tx) => {
    const item = await getItem(tx, options.itemId, { forUpdate: true });
    if (!item || item.districtCode !== principal.districtCode) throw notFound('登记事项', options.itemId);
    const now = new Date();
    if (action.kind === 'assign') {
      authorize(principal, gridWorkPolicy.registerSignOff, {
        districtCode: item.districtCode,
        paths: [item.communityPath],
      });
      if (!item.major) {
        throw new AppError(
          'VALIDATION_FAILED',
          '一般事项随月度登记表签批；只有特殊重大事项即报即办 (not a major item)',
        );
      }
      if (item.status !== 'submitted') {
        throw new AppError('ILLEGAL_TRANSITION', '该事项已落实包办领导 (already assigned)', {
          status: item.status,
        });
      }
      await updateItem(tx, item.id, {
        status: 'assigned',
        responsibleLeader: action.responsibleLeader,
        approvedBy: action.leaderName,
        assignedAt: now,
        assignedByLabel: principal.displayName,
      });
    } else {
      authorize(principal, gridWorkPolicy.registerResult, {
        districtCode: item.districtCode,
        paths: [item.communityPath],
      });
      if (item.status !== 'assigned') {
        throw new AppError('ILLEGAL_TRANSITION', '该事项尚未落实包办领导或已办结 (not assigned)', {
          status: item.status,
        });
      }
      await updateItem(tx, item.id, { status: 'resolved', result: action.result, resolvedAt: now });
    }
    await appendAudit(tx, {
      districtCode: item.districtCode,
      actor: { id: principal.userId, label: principal.username },
      action: `problem_item.${action.kind}`,
      targetType: 'problem_item',
      targetId: item.id,
      details: { ...action },
      requestId: options.requestId ?? null,
    });
    return (await getItem(tx, item.id)) as ProblemItemRow;
  });
}
