import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { type AuditActor, appendAudit } from '../../core/audit/append-audit.ts';
import type { Db } from '../../core/db/connection.ts';
import { AppError, notFound } from '../../core/errors.ts';
import { uuidv7 } from '../../core/ids.ts';
import { getUnitByCode } from '../../jurisdiction/store.ts';
import type { OrgUnitRow } from '../../jurisdiction/tables.ts';
import { resolveRule } from '../../policy/load-profiles.ts';
import { parseOrThrow } from '../../policy/model.ts';
import { getActivePolicy } from '../../policy/store.ts';
import { formQuotaUsed, shortSource } from './rules.ts';
import { activeFormsOf, insertForm } from './store.ts';
import type { FormRegistrationRow } from './tables.ts';

export const FormInput = z.strictObject({
  communityCode: z.string().min(1),
  name: z.string().trim().min(1).max(200),
  /** 报表 (a report to fill) or 系统 (an information system to keep up to date). */
  formKind: z.enum(['report', 'system']),
  frequency: z.string().trim().max(50).optional(),
});
export type FormInput = z.infer<typeof FormInput>;

/**
 * Registers a form (报表/系统) a department requires of a community. The active profile caps the
 * number per department and community (SJS 39: one): beyond it → `FORM_LIMIT_REACHED`, naming the
 * form already registered. Retire that one first to replace it.
 */
export async function registerForm(options: {
  db: Db;
  department: OrgUnitRow;
  input: FormInput;
  actor: AuditActor;
  requestId?: string | null;
  authorizeCommunity?: (unit: OrgUnitRow) => void;
}): Promise<FormRegistrationRow> {
  const input = parseOrThrow(FormInput, options.input, '报表登记无效 (invalid form registration)');
  const { department } = options;
  if (department.tree !== 'department') {
    throw new AppError('VALIDATION_FAILED', `只有部门可以登记报表：${department.name} (not a department)`);
  }
  return options.db.transaction(async (tx) => {
    const community = await getUnitByCode(tx, input.communityCode);
    if (!community) throw notFound('社区', input.communityCode);
    options.authorizeCommunity?.(community);
    if (community.level !== 'community' || community.districtCode !== department.districtCode) {
      throw new AppError('VALIDATION_FAILED', `报表只能登记到本区社区：${community.name} (not a community)`);
    }
    // Two simultaneous registrations must not both see "none yet".
    await tx.execute(
      sql`SELECT pg_advisory_xact_lock(hashtext(${`forms:${department.code}:${community.code}`}))`,
    );
    const active = await getActivePolicy(tx, department.districtCode);
    const rule = resolveRule(active.profileId, 'burden.formsPerDepartmentMax', active.overrides);
    const existing = await activeFormsOf(tx, department.code, community.code);
    if (formQuotaUsed(existing.length, rule.value)) {
      throw new AppError(
        'FORM_LIMIT_REACHED',
        `${department.shortName}已向${community.name}要求报表/系统“${existing.map((f) => f.name).join('”“')}”，同一部门至多${rule.value}个（${shortSource(rule.source)}）；请先停用原报表 (form limit reached)`,
        {
          max: rule.value,
          existing: existing.map((f) => ({ id: f.id, name: f.name })),
          rule: { key: rule.key, source: rule.source },
        },
      );
    }
    const row: FormRegistrationRow = {
      id: uuidv7(),
      districtCode: department.districtCode,
      departmentCode: department.code,
      departmentName: department.shortName,
      communityCode: community.code,
      communityPath: community.path,
      name: input.name,
      formKind: input.formKind,
      frequency: input.frequency ?? null,
      status: 'active',
      createdBy: options.actor.label,
      createdAt: new Date(),
      retiredAt: null,
    };
    await insertForm(tx, row);
    await appendAudit(tx, {
      districtCode: department.districtCode,
      actor: options.actor,
      action: 'form.register',
      targetType: 'form_registration',
      targetId: row.id,
      details: {
        department: department.code,
        community: community.code,
        name: input.name,
        formKind: input.formKind,
      },
      requestId: options.requestId ?? null,
    });
    return row;
  });
}
