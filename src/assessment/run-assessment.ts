import { type AuditActor, appendAudit } from '../core/audit/append-audit.ts';
import type { Db } from '../core/db/connection.ts';
import { AppError, notFound } from '../core/errors.ts';
import { uuidv7 } from '../core/ids.ts';
import { computeAssessment } from './compute-assessment.ts';
import type { SchemeDefinition } from './model.ts';
import { periodForScheme } from './periods.ts';
import {
  deleteDraft,
  getResult,
  getScheme,
  insertRecords,
  insertResult,
  latestResult,
  listEntries,
} from './store.ts';
import type { AssessmentResultRow } from './tables.ts';

/**
 * Computes a scheme's results for a period from the records and entries and stores them as a draft.
 * Running again replaces the draft. Once a version is published it is never touched: the next run is
 * a correction — a new draft version that must say why (`reason`), published in its turn. Audited.
 */
export async function runAssessment(options: {
  db: Db;
  districtCode: string;
  schemeId: string;
  period: string;
  asOf?: Date | undefined;
  reason?: string | undefined;
  actor: AuditActor;
  requestId?: string | null;
}): Promise<AssessmentResultRow> {
  const { db, districtCode } = options;
  const scheme = await getScheme(db, options.schemeId);
  if (!scheme || scheme.districtCode !== districtCode) throw notFound('考核方案', options.schemeId);
  const def = scheme.definition as unknown as SchemeDefinition;
  const period = periodForScheme(options.period, def.period);
  const asOf = options.asOf ?? new Date();
  // A future instant would judge limits that have not passed yet as missed.
  if (asOf.getTime() > Date.now() + 60_000) {
    throw new AppError(
      'VALIDATION_FAILED',
      `数据截至时间不能晚于现在：${asOf.toISOString()} (asOf is in the future)`,
    );
  }
  const entries = await listEntries(db, scheme.id, period.key);
  // Reads only, outside the transaction: the result is a snapshot as of `asOf` either way.
  const computed = await computeAssessment({ db, districtCode, definition: def, period, asOf, entries });
  const id = uuidv7();
  await db.transaction(async (tx) => {
    // One writer per scheme at a time, so versions never collide.
    const locked = await getScheme(tx, scheme.id, { forUpdate: true });
    if (!locked || locked.version !== scheme.version) {
      throw new AppError('CONFLICT', '考核方案刚被修改，请重新计算 (scheme changed during the run)');
    }
    const latest = await latestResult(tx, scheme.id, period.key);
    let version = 1;
    let correctionOf: string | null = null;
    let reason = options.reason?.trim() || null;
    if (latest?.status === 'draft') {
      version = latest.version;
      correctionOf = latest.correctionOf;
      reason = reason ?? latest.reason;
      await deleteDraft(tx, latest.id);
    } else if (latest) {
      version = latest.version + 1;
      correctionOf = latest.id;
    }
    if (correctionOf && !reason) {
      throw new AppError(
        'VALIDATION_FAILED',
        `${period.label}的考核结果已发布，重新计算即为更正，须说明更正原因 (a correction needs a reason)`,
        { publishedResultId: correctionOf },
      );
    }
    const now = new Date();
    await insertResult(tx, {
      id,
      districtCode,
      schemeId: scheme.id,
      schemeVersion: scheme.version,
      schemeName: scheme.name,
      evaluatedKind: scheme.evaluatedKind,
      period: period.key,
      version,
      status: 'draft',
      definition: scheme.definition,
      profileId: computed.profileId,
      asOf,
      summary: computed.summary as unknown as Record<string, unknown>,
      rows: computed.rows,
      subjectPaths: computed.rows.map((r) => r.path),
      correctionOf,
      reason,
      computedByLabel: options.actor.label,
      computedAt: now,
    });
    await insertRecords(
      tx,
      id,
      computed.records.map((r) => ({
        subjectCode: r.subjectCode,
        indicatorKey: r.indicatorKey,
        recordType: r.type,
        recordId: r.id,
        recordCode: r.code,
        outcome: r.outcome,
        note: r.note ?? null,
      })),
    );
    await appendAudit(tx, {
      districtCode,
      actor: options.actor,
      action: 'assessment.run',
      targetType: 'assessment_result',
      targetId: id,
      details: {
        schemeId: scheme.id,
        schemeVersion: scheme.version,
        period: period.key,
        version,
        correctionOf,
        reason,
        asOf: asOf.toISOString(),
        subjects: computed.summary.subjects,
        ranked: computed.summary.ranked,
      },
      requestId: options.requestId ?? null,
    });
  });
  const saved = await getResult(db, id);
  if (!saved) throw new Error('result vanished after its own transaction');
  return saved;
}
