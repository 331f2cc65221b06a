import { z } from 'zod';
import { appendAudit } from '../core/audit/append-audit.ts';
import { authorize, type Principal } from '../core/auth/authorize.ts';
import type { Db } from '../core/db/connection.ts';
import { AppError } from '../core/errors.ts';
import { uuidv7 } from '../core/ids.ts';
import { getUnitByCode } from '../jurisdiction/store.ts';
import type { OrgUnitRow } from '../jurisdiction/tables.ts';
import { getGridEvents } from './events-store.ts';
import { beijingMonth, monthSchema, monthZh } from './model.ts';
import { gridWithCommunity } from './patrol-rules.ts';
import { gridWorkPolicy } from './policy.ts';
import { ensureRegister, getItem, insertItem } from './register-store.ts';
import type { ProblemItemRow } from './tables.ts';

export const ProblemItemInput = z
  .object({
    /** Where it was raised: a grid (grid workers) or the community. */
    gridCode: z.string().length(15).nullish(),
    communityCode: z.string().length(12).nullish(),
    month: monthSchema.nullish(),
    kind: z.enum(['problem', 'suggestion']),
    content: z.string().trim().min(5, '反映内容至少 5 个字').max(2000),
    gridEventIds: z.array(z.uuid()).max(50).default([]),
    /** 特殊重大情况即报即办: goes to the street now instead of with the month's register. */
    major: z.boolean().default(false),
  })
  .refine((v) => v.gridCode || v.communityCode, { message: '网格和社区至少提供一项', path: ['gridCode'] });
export type ProblemItemInput = z.input<typeof ProblemItemInput>;

/** The community (and grid) an item belongs to, checked against the caller's scope. */
async function placeOf(
  db: Db,
  principal: Principal,
  input: z.output<typeof ProblemItemInput>,
): Promise<{ community: OrgUnitRow; grid: OrgUnitRow | null }> {
  if (input.gridCode) {
    const { grid, community } = await gridWithCommunity(db, principal.districtCode, input.gridCode);
    if (input.communityCode && input.communityCode !== community.code) {
      throw new AppError(
        'VALIDATION_FAILED',
        `${grid.name}不属于社区 ${input.communityCode} (grid not in community)`,
      );
    }
    return { community, grid };
  }
  const community = await getUnitByCode(db, input.communityCode as string);
  if (!community || community.districtCode !== principal.districtCode || community.level !== 'community') {
    throw new AppError('NOT_FOUND', `社区不存在：${input.communityCode} (community not found)`);
  }
  return { community, grid: null };
}

/**
 * A grid worker or the community adds a problem or suggestion to the month's register — or, when
 * major, sends it to the street at once (it then waits for a leader, not for the month). Linked grid
 * events must lie in the community. Audited.
 */
export async function addProblemItem(options: {
  db: Db;
  principal: Principal;
  input: ProblemItemInput;
  requestId?: string | null;
}): Promise<ProblemItemRow> {
  const input = ProblemItemInput.parse(options.input);
  const { principal } = options;
  const month = input.month ?? beijingMonth(new Date());
  return options.db.transaction(async (tx) => {
    const { community, grid } = await placeOf(tx, principal, input);
    authorize(principal, gridWorkPolicy.registerWrite, {
      districtCode: community.districtCode,
      paths: [grid?.path ?? community.path],
    });
    const events = await getGridEvents(tx, input.gridEventIds);
    const foreign = input.gridEventIds.filter(
      (id) => !events.some((e) => e.id === id && e.locationPath.startsWith(community.path)),
    );
    if (foreign.length > 0) {
      throw new AppError(
        'VALIDATION_FAILED',
        `关联的网格事件不在${community.name} (events outside the community)`,
        { foreign },
      );
    }
    let registerId: string | null = null;
    if (!input.major) {
      const register = await ensureRegister(tx, community, month);
      if (register.status !== 'draft') {
        throw new AppError(
          'ILLEGAL_TRANSITION',
          `${community.name}${monthZh(month)}登记表已提交，请列入下月登记表；特殊重大情况请按“即报即办”上报 (register submitted)`,
          { status: register.status },
        );
      }
      registerId = register.id;
    }
    const id = uuidv7();
    await insertItem(tx, {
      id,
      districtCode: community.districtCode,
      registerId,
      communityId: community.id,
      communityPath: community.path,
      month,
      kind: input.kind,
      content: input.content,
      gridEventIds: input.gridEventIds,
      gridCode: grid?.code ?? null,
      reportedById: principal.userId,
      reportedByLabel: principal.displayName,
      major: input.major,
      status: input.major ? 'submitted' : 'draft',
    });
    await appendAudit(tx, {
      districtCode: community.districtCode,
      actor: { id: principal.userId, label: principal.username },
      action: input.major ? 'problem_item.report_major' : 'problem_item.add',
      targetType: 'problem_item',
      targetId: id,
      details: { community: community.code, month, kind: input.kind, major: input.major },
      requestId: options.requestId ?? null,
    });
    return (await getItem(tx, id)) as ProblemItemRow;
  });
}
