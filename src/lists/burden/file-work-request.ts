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
import { ACCESS_LIST_FOR_LEVEL, chinaToday, itemCodeSchema } from '../model.ts';
import { findEffectiveVersion, findItemInVersion } from '../store.ts';
import { checkAccess, noticeNumber } from './rules.ts';
import { countNoticesSince, insertWorkRequest } from './store.ts';
import type { WorkRequestRow } from './tables.ts';

/** What a department writes: a concise notice (工作提示单), never a forwarded document. */
export const WorkRequestInput = z.strictObject({
  targetCode: z.string().min(1),
  title: z.string().trim().min(1).max(100),
  /** 简明扼要: a work notice states the task in a few lines; documents are not forwarded. */
  content: z.string().trim().min(1).max(800),
  citedItemCode: itemCodeSchema.optional(),
  dueDate: z.iso.date().optional(),
});
export type WorkRequestInput = z.infer<typeof WorkRequestInput>;

/**
 * Files a work request to a street or community. Accepted only when it cites an item of the access
 * list in force for the target: it then becomes a numbered work notice. Otherwise the refusal is
 * recorded (it counts in the burden report) and `NOT_ON_ACCESS_LIST` is thrown AFTER the commit,
 * naming the missing item and quoting the active profile's rule.
 */
export async function fileWorkRequest(options: {
  db: Db;
  from: Pick<OrgUnitRow, 'code' | 'name'>;
  input: WorkRequestInput;
  actor: AuditActor;
  requestId?: string | null;
  /** The route's jurisdiction check on the target unit. */
  authorizeTarget?: (unit: OrgUnitRow) => void;
}): Promise<WorkRequestRow> {
  const input = parseOrThrow(WorkRequestInput, options.input, '工作请求无效 (invalid work request)');
  const row = await options.db.transaction(async (tx) => {
    const target = await getUnitByCode(tx, input.targetCode);
    if (!target) throw notFound('目标单位', input.targetCode);
    options.authorizeTarget?.(target);
    if (target.level !== 'street' && target.level !== 'community') {
      throw new AppError(
        'VALIDATION_FAILED',
        `工作请求只能发给街道或社区：${target.name} (target must be a street or community)`,
        {
          level: target.level,
        },
      );
    }
    const listKind = ACCESS_LIST_FOR_LEVEL[target.level];
    const active = await getActivePolicy(tx, target.districtCode);
    const ruleKey = target.level === 'street' ? 'burden.streetAccessList' : 'burden.communityAccessList';
    const rule = resolveRule(active.profileId, ruleKey, active.overrides);
    const version = await findEffectiveVersion(tx, {
      districtCode: target.districtCode,
      kind: listKind,
      unitPath: target.path,
    });
    const item =
      version && input.citedItemCode
        ? await findItemInVersion(tx, version.id, input.citedItemCode)
        : undefined;
    const decision = checkAccess({
      listKind,
      targetName: target.name,
      title: input.title,
      citedItemCode: input.citedItemCode ?? null,
      citedItem: item ? { id: item.id, name: item.name } : null,
      hasList: version !== undefined,
      rule: { key: ruleKey, ...rule.value, source: rule.source },
    });
    const now = new Date();
    let noticeNo: string | null = null;
    if (decision.accepted) {
      // Notice numbers run per district and year: serialise the count and the insert.
      await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${`notices:${target.districtCode}`}))`);
      const year = Number(chinaToday(now).slice(0, 4));
      const since = new Date(`${year}-01-01T00:00:00+08:00`);
      noticeNo = noticeNumber(year, (await countNoticesSince(tx, target.districtCode, since)) + 1);
    }
    const row: WorkRequestRow = {
      id: uuidv7(),
      districtCode: target.districtCode,
      fromUnitCode: options.from.code,
      fromUnitName: options.from.name,
      targetCode: target.code,
      targetPath: target.path,
      targetLevel: target.level,
      title: input.title,
      content: input.content,
      citedItemCode: input.citedItemCode ?? null,
      citedItemId: decision.accepted ? decision.itemId : null,
      listVersionId: version?.id ?? null,
      status: decision.accepted ? 'accepted' : 'refused',
      refusal: decision.accepted
        ? null
        : {
            code: 'NOT_ON_ACCESS_LIST',
            message: decision.message,
            ruleKey,
            ruleText: rule.value.refusalText,
            ruleSource: rule.source,
            listVersionId: version?.id ?? null,
          },
      noticeNo,
      dueDate: input.dueDate ?? null,
      acknowledgedAt: null,
      acknowledgedBy: null,
      createdBy: options.actor.label,
      createdAt: now,
    };
    await insertWorkRequest(tx, row);
    await appendAudit(tx, {
      districtCode: target.districtCode,
      actor: options.actor,
      action: decision.accepted ? 'work_request.accept' : 'work_request.refuse',
      targetType: 'work_request',
      targetId: row.id,
      details: {
        from: options.from.code,
        target: target.code,
        title: input.title,
        citedItemCode: row.citedItemCode,
        ...(noticeNo ? { noticeNo } : {}),
        ...(decision.accepted && decision.unlisted ? { unlisted: true } : {}),
      },
      requestId: options.requestId ?? null,
    });
    return row;
  });
  if (row.refusal) {
    throw new AppError('NOT_ON_ACCESS_LIST', row.refusal.message, {
      workRequestId: row.id,
      target: row.targetCode,
      title: row.title,
      citedItemCode: row.citedItemCode,
      listVersionId: row.refusal.listVersionId,
      rule: { key: row.refusal.ruleKey, text: row.refusal.ruleText, source: row.refusal.ruleSource },
    });
  }
  return row;
}
