import { type AuditActor, appendAudit } from '../core/audit/append-audit.ts';
import type { Db } from '../core/db/connection.ts';
import { AppError, notFound } from '../core/errors.ts';
import { getResult, getScheme, setResultStatus } from './store.ts';
import type { AssessmentResultRow } from './tables.ts';

/**
 * Publishes a draft result: from then on it is locked (`RESULT_LOCKED` for any change). A published
 * correction supersedes the version it corrects, which stays readable. Audited.
 */
export async function publishResult(options: {
  db: Db;
  districtCode: string;
  resultId: string;
  actor: AuditActor;
  requestId?: string | null;
}): Promise<AssessmentResultRow> {
  const { db, districtCode } = options;
  const first = await getResult(db, options.resultId);
  if (!first || first.districtCode !== districtCode) throw notFound('考核结果', options.resultId);
  await db.transaction(async (tx) => {
    // The scheme lock orders this against runs of the same scheme (the same lock they take).
    await getScheme(tx, first.schemeId, { forUpdate: true });
    const result = await getResult(tx, first.id, { forUpdate: true });
    if (!result) throw notFound('考核结果', first.id);
    if (result.status !== 'draft') {
      throw new AppError(
        'RESULT_LOCKED',
        `该考核结果已${result.status === 'published' ? '发布' : '被更正版本取代'}，不可再更改；如需更正请重新计算并说明原因 (result is locked)`,
        { status: result.status, version: result.version },
      );
    }
    const now = new Date();
    if (result.correctionOf) await setResultStatus(tx, result.correctionOf, { status: 'superseded' });
    await setResultStatus(tx, result.id, {
      status: 'published',
      publishedAt: now,
      publishedByLabel: options.actor.label,
    });
    await appendAudit(tx, {
      districtCode,
      actor: options.actor,
      action: 'assessment.publish',
      targetType: 'assessment_result',
      targetId: result.id,
      details: {
        schemeId: result.schemeId,
        period: result.period,
        version: result.version,
        supersedes: result.correctionOf,
        reason: result.reason,
      },
      requestId: options.requestId ?? null,
    });
  });
  const saved = await getResult(db, first.id);
  if (!saved) throw new Error('result vanished after publishing');
  return saved;
}
