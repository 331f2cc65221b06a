import { z } from 'zod';
import { appendAudit } from '../core/audit/append-audit.ts';
import { authorize, type Principal } from '../core/auth/authorize.ts';
import type { Db } from '../core/db/connection.ts';
import { AppError, notFound } from '../core/errors.ts';
import { gridWorkPolicy } from './policy.ts';
import { getRegisterById, listRegisterItems, updateItem, updateRegister } from './register-store.ts';
import type { ProblemRegisterRow } from './tables.ts';

const name = z.string().trim().min(2).max(50);

export const SignOffInput = z.object({
  /** The street's principal leader who signed (党政主要负责同志签批). */
  leaderName: name,
  /** 包办领导 for every line: each item gets one responsible leader. */
  items: z
    .array(z.object({ itemId: z.uuid(), responsibleLeader: name }))
    .min(1)
    .max(500),
});
export type SignOffInput = z.input<typeof SignOffInput>;

/**
 * The street signs off a submitted register (GP 四(二)): the principal leader's name is recorded and
 * every line gets its responsible leader (包办领导) — all of them, or 422 LEADERS_REQUIRED naming the
 * lines left out. Audited.
 */
export async function signOffRegister(options: {
  db: Db;
  principal: Principal;
  registerId: string;
  input: SignOffInput;
  requestId?: string | null;
}): Promise<ProblemRegisterRow> {
  const input = SignOffInput.parse(options.input);
  const { principal } = options;
  return options.db.transaction(async (tx) => {
    const register = await getRegisterById(tx, options.registerId, { forUpdate: true });
    if (!register || register.districtCode !== principal.districtCode)
      throw notFound('登记表', options.registerId);
    authorize(principal, gridWorkPolicy.registerSignOff, {
      districtCode: register.districtCode,
      paths: [register.communityPath],
    });
    if (register.status !== 'submitted') {
      throw new AppError(
        'ILLEGAL_TRANSITION',
        register.status === 'draft' ? '登记表尚未提交 (not submitted)' : '登记表已签批 (already signed off)',
        { status: register.status },
      );
    }
    const items = await listRegisterItems(tx, register.id);
    const given = new Map(input.items.map((i) => [i.itemId, i.responsibleLeader]));
    const missing = items.filter((i) => !given.has(i.id));
    const unknown = input.items.filter((i) => !items.some((x) => x.id === i.itemId)).map((i) => i.itemId);
    if (missing.length > 0 || unknown.length > 0) {
      throw new AppError(
        'LEADERS_REQUIRED',
        `每一项都须落实包办领导${missing.length > 0 ? `，尚缺 ${missing.length} 项` : ''} (a leader for every item)`,
        {
          missing: missing.map((i) => i.id),
          unknown,
        },
      );
    }
    const now = new Date();
    for (const item of items) {
      await updateItem(tx, item.id, {
        status: 'assigned',
        responsibleLeader: given.get(item.id) ?? null,
        approvedBy: input.leaderName,
        assignedAt: now,
        assignedByLabel: principal.displayName,
      });
    }
    const set = {
      status: 'signed_off' as const,
      signedOffAt: now,
      signedOffLeader: input.leaderName,
      signedOffByLabel: principal.displayName,
    };
    await updateRegister(tx, register.id, set);
    await appendAudit(tx, {
      districtCode: register.districtCode,
      actor: { id: principal.userId, label: principal.username },
      action: 'problem_register.sign_off',
      targetType: 'problem_register',
      targetId: register.id,
      details: { month: register.month, leader: input.leaderName, items: input.items },
      requestId: options.requestId ?? null,
    });
    return { ...register, ...set };
  });
}
