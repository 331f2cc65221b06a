import { type AuditActor, appendAudit } from '../../core/audit/append-audit.ts';
import type { Db } from '../../core/db/connection.ts';
import { AppError, notFound } from '../../core/errors.ts';
import { getForm, retireFormRow } from './store.ts';
import type { FormRegistrationRow } from './tables.ts';

/** Retires a registered form (the department no longer requires it); audited. */
export async function retireForm(options: {
  db: Db;
  formId: string;
  actor: AuditActor;
  requestId?: string | null;
  /** The route's check: only the owning department (or the district) may retire it. */
  authorizeForm?: (form: FormRegistrationRow) => void;
}): Promise<FormRegistrationRow> {
  return options.db.transaction(async (tx) => {
    const form = await getForm(tx, options.formId);
    if (!form) throw notFound('报表登记', options.formId);
    options.authorizeForm?.(form);
    if (form.status !== 'active') throw new AppError('CONFLICT', '该报表已停用 (already retired)');
    const row = await retireFormRow(tx, form.id);
    await appendAudit(tx, {
      districtCode: form.districtCode,
      actor: options.actor,
      action: 'form.retire',
      targetType: 'form_registration',
      targetId: form.id,
      details: { department: form.departmentCode, community: form.communityCode, name: form.name },
      requestId: options.requestId ?? null,
    });
    return row ?? form;
  });
}
