import { appendAudit } from '../core/audit/append-audit.ts';
import { authorize, type Principal } from '../core/auth/authorize.ts';
import type { Db } from '../core/db/connection.ts';
import { AppError } from '../core/errors.ts';
import { monthZh } from './model.ts';
import { communityOf } from './patrol-sheet.ts';
import { gridWorkPolicy } from './policy.ts';
import { ensureRegister, listRegisterItems, updateItem, updateRegister } from './register-store.ts';
import type { ProblemRegisterRow } from './tables.ts';

/** The community submits its month's register to the street's 党政办; its lines are then fixed. Audited. */
export async function submitRegister(options: {
  db: Db;
  principal: Principal;
  communityCode: string;
  month: string;
  requestId?: string | null;
}): Promise<ProblemRegisterRow> {
  const { principal, month } = options;
  return options.db.transaction(async (tx) => {
    const community = await communityOf(tx, principal.districtCode, options.communityCode);
    authorize(principal, gridWorkPolicy.registerSubmit, {
      districtCode: community.districtCode,
      paths: [community.path],
    });
    const register = await ensureRegister(tx, community, month);
    if (register.status !== 'draft') {
      throw new AppError('ILLEGAL_TRANSITION', `${monthZh(month)}登记表已提交 (already submitted)`, {
        status: register.status,
      });
    }
    const items = await listRegisterItems(tx, register.id);
    if (items.length === 0) {
      throw new AppError(
        'UNPROCESSABLE',
        `${community.name}${monthZh(month)}登记表没有内容，不能提交 (register empty)`,
      );
    }
    const now = new Date();
    await updateRegister(tx, register.id, {
      status: 'submitted',
      submittedAt: now,
      submittedByLabel: principal.displayName,
    });
    for (const item of items) await updateItem(tx, item.id, { status: 'submitted' });
    await appendAudit(tx, {
      districtCode: community.districtCode,
      actor: { id: principal.userId, label: principal.username },
      action: 'problem_register.submit',
      targetType: 'problem_register',
      targetId: register.id,
      details: { community: community.code, month, items: items.length },
      requestId: options.requestId ?? null,
    });
    return { ...register, status: 'submitted', submittedAt: now, submittedByLabel: principal.displayName };
  });
}
