import { type AuditActor, appendAudit } from '../core/audit/append-audit.ts';
import type { Db } from '../core/db/connection.ts';
import { AppError, notFound } from '../core/errors.ts';
import { uuidv7 } from '../core/ids.ts';
import { getAssessmentConstraints } from '../policy/assessment-constraints.ts';
import { issuesOf } from '../policy/model.ts';
import { getActivePolicy } from '../policy/store.ts';
import { entryScore } from './entry-score.ts';
import { ENTRY_KIND_OF_SOURCE, EntryInputSchema, leavesOf, type SchemeDefinition } from './model.ts';
import { periodForScheme } from './periods.ts';
import type { Subject } from './sources/types.ts';
import { getEntry, getScheme, upsertEntry } from './store.ts';
import { resolveSubjects } from './subjects.ts';
import type { AssessmentEntryRow } from './tables.ts';
import { partyWeightsFor } from './validate-scheme.ts';

/**
 * Enters (or replaces) one subject's value of an entered indicator for a period: a resident survey
 * (sample, questionnaire, score), a third party's score, a manual score with evidence, or a resident
 * unit's street and community party-building scores. Audited with the value before and after; a
 * published result keeps the value it was computed with until a correction is published.
 */
export async function recordEntry(options: {
  db: Db;
  districtCode: string;
  schemeId: string;
  period: string;
  indicatorKey: string;
  subjectCode: string;
  input: unknown;
  actor: AuditActor;
  requestId?: string | null;
  /** Checks the caller may enter a value for this subject (its jurisdiction). */
  authorizeSubject?: (subject: Subject) => void;
}): Promise<AssessmentEntryRow> {
  const { db, districtCode } = options;
  const scheme = await getScheme(db, options.schemeId);
  if (!scheme || scheme.districtCode !== districtCode) throw notFound('考核方案', options.schemeId);
  const def = scheme.definition as unknown as SchemeDefinition;
  const period = periodForScheme(options.period, def.period);
  const leaf = leavesOf(def.nodes).find((l) => l.indicator.key === options.indicatorKey)?.indicator;
  if (!leaf) throw notFound('指标', options.indicatorKey);
  const kind = ENTRY_KIND_OF_SOURCE[leaf.source];
  if (!kind) {
    throw new AppError('VALIDATION_FAILED', `「${leaf.name}」由系统记录计算，不能录入 (computed indicator)`, {
      indicator: leaf.key,
    });
  }
  const parsed = EntryInputSchema.safeParse(options.input);
  if (!parsed.success) {
    throw new AppError('VALIDATION_FAILED', '录入内容不完整 (invalid entry)', {
      issues: issuesOf(parsed.error),
    });
  }
  if (parsed.data.kind !== kind) {
    throw new AppError('VALIDATION_FAILED', `「${leaf.name}」应录入 ${kind}，而不是 ${parsed.data.kind}`, {
      expected: kind,
    });
  }
  const subject = (await resolveSubjects(db, districtCode, def)).find((s) => s.code === options.subjectCode);
  if (!subject) throw notFound('被考核对象', options.subjectCode);
  options.authorizeSubject?.(subject);
  const active = await getActivePolicy(db, districtCode);
  const weights = partyWeightsFor(
    getAssessmentConstraints(active.profileId, active.overrides),
    leaf.unitLevel,
  );
  const score = entryScore(parsed.data, weights);
  return db.transaction(async (tx) => {
    const key = {
      schemeId: scheme.id,
      period: period.key,
      indicatorKey: leaf.key,
      subjectCode: subject.code,
    };
    const before = await getEntry(tx, key);
    const saved = await upsertEntry(tx, {
      id: before?.id ?? uuidv7(),
      districtCode,
      ...key,
      kind,
      score,
      data: parsed.data as unknown as Record<string, unknown>,
      enteredById: options.actor.id,
      enteredByLabel: options.actor.label,
      enteredAt: new Date(),
    });
    await appendAudit(tx, {
      districtCode,
      actor: options.actor,
      action: 'assessment.entry',
      targetType: 'assessment_entry',
      targetId: saved.id,
      details: {
        ...key,
        kind,
        before: before ? { score: before.score, data: before.data } : null,
        after: { score, data: saved.data },
      },
      requestId: options.requestId ?? null,
    });
    return saved;
  });
}
