import { z } from 'zod';
import { type AuditActor, appendAudit } from '../../core/audit/append-audit.ts';
import type { Db } from '../../core/db/connection.ts';
import { AppError, notFound } from '../../core/errors.ts';
import { parseOrThrow } from '../../policy/model.ts';
import { getServiceCase, updateServiceCase } from './store.ts';
import type { ServiceCaseRow } from './tables.ts';

export const CompleteServiceCaseInput = z.strictObject({
  result: z.string().trim().min(1, '须写明办理结果 (result required)').max(500),
});

/** Closes an accepted case (办结) and records whether it met its time limit (限时办结). */
export async function completeServiceCase(options: {
  db: Db;
  caseId: string;
  input: z.input<typeof CompleteServiceCaseInput>;
  actor: AuditActor;
  requestId?: string | null;
  now?: Date;
  authorizeCase?: (row: ServiceCaseRow) => void;
}): Promise<ServiceCaseRow> {
  const input = parseOrThrow(CompleteServiceCaseInput, options.input, '办结信息无效 (invalid input)');
  return options.db.transaction(async (tx) => {
    const current = await getServiceCase(tx, options.caseId);
    if (!current) throw notFound('办件', options.caseId);
    options.authorizeCase?.(current);
    if (current.status !== 'accepted') {
      throw new AppError(
        'ILLEGAL_TRANSITION',
        `只有已受理的办件可以办结（当前：${current.status}） (cannot complete)`,
        {
          status: current.status,
        },
      );
    }
    const now = options.now ?? new Date();
    const onTime = current.dueAt ? now.getTime() <= current.dueAt.getTime() : true;
    const row = await updateServiceCase(tx, current.id, {
      status: 'completed',
      completedAt: now,
      completedOnTime: onTime,
      result: input.result,
      history: [...current.history, { at: now.toISOString(), action: 'completed', by: options.actor.label }],
    });
    await appendAudit(tx, {
      districtCode: current.districtCode,
      actor: options.actor,
      action: 'service_case.complete',
      targetType: 'service_case',
      targetId: current.id,
      details: { onTime, dueAt: current.dueAt?.toISOString() ?? null },
      requestId: options.requestId ?? null,
    });
    return row ?? current;
  });
}
