import { type AuditActor, appendAudit } from '../core/audit/append-audit.ts';
import type { Db } from '../core/db/connection.ts';
import { AppError, notFound } from '../core/errors.ts';
import { uuidv7 } from '../core/ids.ts';
import { getUnitByCode } from '../jurisdiction/store.ts';
import { getAssessmentConstraints } from '../policy/assessment-constraints.ts';
import { issuesOf } from '../policy/model.ts';
import { getActivePolicy } from '../policy/store.ts';
import { type SchemeDefinition, SchemeInputSchema } from './model.ts';
import { getScheme, insertScheme, updateScheme } from './store.ts';
import { resolveSubjects } from './subjects.ts';
import type { AssessmentSchemeRow } from './tables.ts';
import { describeShares, type SchemeValidation, validateScheme } from './validate-scheme.ts';

export interface SchemeCheck {
  definition: SchemeDefinition;
  profileId: string;
  validation: SchemeValidation;
  shares: ReturnType<typeof describeShares>;
}

/**
 * Parses a scheme and judges it against the district's active profile and overrides, without saving.
 * Malformed input is `VALIDATION_FAILED`; the policy findings are returned, not thrown.
 */
export async function checkScheme(options: {
  db: Db;
  districtCode: string;
  input: unknown;
}): Promise<SchemeCheck> {
  const parsed = SchemeInputSchema.safeParse(options.input);
  if (!parsed.success) {
    throw new AppError('VALIDATION_FAILED', '考核方案格式不正确 (invalid scheme)', {
      issues: issuesOf(parsed.error),
    });
  }
  const active = await getActivePolicy(options.db, options.districtCode);
  const constraints = getAssessmentConstraints(active.profileId, active.overrides);
  return {
    definition: parsed.data,
    profileId: active.profileId,
    validation: validateScheme(parsed.data, constraints),
    shares: describeShares(parsed.data, constraints),
  };
}

/** Throws unless the scheme may be saved: structural issues, then every binding policy violation. */
export function assertAcceptable(check: SchemeCheck): void {
  const { issues, violations, warnings } = check.validation;
  if (issues.length > 0) {
    throw new AppError(
      'VALIDATION_FAILED',
      `考核方案不完整或不一致：${issues.map((i) => i.message).join('；')} (invalid scheme)`,
      { issues },
    );
  }
  if (violations.length > 0) {
    throw new AppError(
      'SCHEME_REFUSED',
      `考核方案不符合现行政策配置（${check.profileId}）：\n${violations.map((v) => v.message).join('\n')}\n(scheme refused by the active policy profile)`,
      { profileId: check.profileId, violations, warnings },
    );
  }
}

/**
 * Creates a scheme, or with `schemeId` replaces one's definition as its next version, after judging it
 * against the active policy (`SCHEME_REFUSED` names each rule, its source and the shortfall). Results
 * already computed keep the definition they were computed with. Audited in the same transaction.
 */
export async function saveScheme(options: {
  db: Db;
  districtCode: string;
  input: unknown;
  schemeId?: string | undefined;
  actor: AuditActor;
  requestId?: string | null;
}): Promise<AssessmentSchemeRow> {
  const { db, districtCode } = options;
  const check = await checkScheme({ db, districtCode, input: options.input });
  assertAcceptable(check);
  const def = check.definition;
  await resolveSubjects(db, districtCode, def);
  if (def.organiser.unitCode) {
    const unit = await getUnitByCode(db, def.organiser.unitCode);
    if (!unit || unit.districtCode !== districtCode) throw notFound('组织考核的单位', def.organiser.unitCode);
  }
  const now = new Date();
  const fields = {
    name: def.name,
    evaluatedKind: def.evaluatedKind,
    periodKind: def.period,
    definition: def as unknown as Record<string, unknown>,
    profileId: check.profileId,
    warnings: check.validation.warnings,
    updatedAt: now,
  };
  return db.transaction(async (tx) => {
    let id = options.schemeId;
    let version = 1;
    if (id) {
      const existing = await getScheme(tx, id, { forUpdate: true });
      if (!existing || existing.districtCode !== districtCode) throw notFound('考核方案', id);
      version = existing.version + 1;
      await updateScheme(tx, id, { ...fields, version });
    } else {
      id = uuidv7();
      await insertScheme(tx, {
        id,
        districtCode,
        ...fields,
        version,
        createdByLabel: options.actor.label,
        createdAt: now,
      });
    }
    await appendAudit(tx, {
      districtCode,
      actor: options.actor,
      action: options.schemeId ? 'assessment.scheme.update' : 'assessment.scheme.create',
      targetType: 'assessment_scheme',
      targetId: id,
      details: {
        name: def.name,
        evaluatedKind: def.evaluatedKind,
        version,
        profileId: check.profileId,
        warnings: check.validation.warnings.map((w) => w.rule),
      },
      requestId: options.requestId ?? null,
    });
    const saved = await getScheme(tx, id);
    if (!saved) throw new Error('scheme vanished inside its own transaction');
    return saved;
  });
}
