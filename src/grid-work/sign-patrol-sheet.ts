import { z } from 'zod';
import { appendAudit } from '../core/audit/append-audit.ts';
import { authorize, decide, type Principal } from '../core/auth/authorize.ts';
import type { Db } from '../core/db/connection.ts';
import { AppError } from '../core/errors.ts';
import { uuidv7 } from '../core/ids.ts';
import { activeSecretary } from './assignments-store.ts';
import { beijingMonth, monthSchema, monthZh, POST_NAMES } from './model.ts';
import { assertMonthOpen } from './patrol-rules.ts';
import { communityOf, loadPatrolSheet, type PatrolSheet } from './patrol-sheet.ts';
import { insertSheet, listSheetEntries, lockSheet, sheetContentHash } from './patrol-store.ts';
import { gridWorkPolicy } from './policy.ts';

export const SignSheetInput = z.object({
  communityCode: z.string().length(12),
  month: monthSchema,
  /** 签署意见 */
  opinion: z.string().trim().min(2, '请填写签署意见').max(500),
});
export type SignSheetInput = z.input<typeof SignSheetInput>;

/**
 * The community party secretary signs the month's 网格工作纪实表 (GP 四(二)). Only the designated
 * secretary may; the signature covers a SHA-256 of the entries and is an audited event; from then
 * on the month is frozen (every later write is 409 PERIOD_SIGNED).
 */
export async function signPatrolSheet(options: {
  db: Db;
  principal: Principal;
  input: SignSheetInput;
  requestId?: string | null;
}): Promise<PatrolSheet> {
  const input = SignSheetInput.parse(options.input);
  const { principal } = options;
  if (input.month > beijingMonth(new Date())) {
    throw new AppError('VALIDATION_FAILED', `不能签署未来月份：${input.month} (future month)`);
  }
  await options.db.transaction(async (tx) => {
    const community = await communityOf(tx, principal.districtCode, input.communityCode);
    authorize(principal, gridWorkPolicy.signSheet, {
      districtCode: community.districtCode,
      paths: [community.path],
    });
    const secretary = await activeSecretary(tx, community.id);
    if (!secretary) {
      throw new AppError(
        'NOT_PARTY_SECRETARY',
        `${community.name}尚未指定社区党委书记，请街道先指定 (no secretary designated)`,
      );
    }
    if (secretary.userId !== principal.userId) {
      throw new AppError(
        'NOT_PARTY_SECRETARY',
        `只有${community.name}社区党委书记${secretary.personName}可以签署 (not the secretary)`,
      );
    }
    await lockSheet(tx, community.id, input.month);
    await assertMonthOpen(tx, community.id, input.month);
    const entries = await listSheetEntries(tx, community.id, input.month);
    if (entries.length === 0) {
      throw new AppError(
        'UNPROCESSABLE',
        `${monthZh(input.month)}没有网格工作纪实，无需签署 (nothing to sign)`,
      );
    }
    const id = uuidv7();
    const contentHash = sheetContentHash(entries);
    await insertSheet(tx, {
      id,
      districtCode: community.districtCode,
      communityId: community.id,
      communityPath: community.path,
      month: input.month,
      signedById: principal.userId,
      signedByName: principal.displayName,
      signerTitle: POST_NAMES.party_secretary,
      opinion: input.opinion,
      contentHash,
      entryCount: entries.length,
      signedAt: new Date(),
    });
    await appendAudit(tx, {
      districtCode: community.districtCode,
      actor: { id: principal.userId, label: principal.username },
      action: 'patrol.sign',
      targetType: 'patrol_sheet',
      targetId: id,
      details: {
        community: community.code,
        month: input.month,
        entries: entries.length,
        contentHash,
        opinion: input.opinion,
      },
      requestId: options.requestId ?? null,
    });
  });
  return loadPatrolSheet({
    db: options.db,
    principal,
    communityCode: input.communityCode,
    month: input.month,
  });
}

/**
 * Whether the caller could sign this sheet now (what the screen offers; signing re-checks all of it):
 * an open month with entries, not ahead of today, and the caller the community's designated secretary.
 */
export async function maySignSheet(db: Db, principal: Principal, sheet: PatrolSheet): Promise<boolean> {
  if (sheet.status !== 'open' || sheet.entries.length === 0) return false;
  if (sheet.month > beijingMonth(new Date())) return false;
  const scope = { districtCode: principal.districtCode, paths: [sheet.community.path] };
  if (!decide(principal, gridWorkPolicy.signSheet, scope).allowed) return false;
  return (await activeSecretary(db, sheet.community.id))?.userId === principal.userId;
}
