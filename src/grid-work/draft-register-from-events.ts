import { appendAudit } from '../core/audit/append-audit.ts';
import { authorize, type Principal } from '../core/auth/authorize.ts';
import type { Db } from '../core/db/connection.ts';
import { AppError } from '../core/errors.ts';
import { uuidv7 } from '../core/ids.ts';
import { listGridEvents } from './events-store.ts';
import { monthRange, monthZh } from './model.ts';
import { communityOf } from './patrol-sheet.ts';
import { gridWorkPolicy } from './policy.ts';
import { ensureRegister, eventIdsOnItems, insertItem, listRegisterItems } from './register-store.ts';
import type { GridEventRow, ProblemItemRow } from './tables.ts';

/** Which of the month's grid events belong on the register: what the community could not settle itself. */
export function needsStreet(e: Pick<GridEventRow, 'status' | 'state'>): boolean {
  const level = (e.state as { level?: string }).level;
  return e.status !== 'rejected' && (level === 'street' || e.status !== 'closed');
}

/** One line per category: "事件/市容环境/暴露垃圾：3 件（WG…、WG…）" and the first descriptions. */
export function groupEvents(
  events: readonly GridEventRow[],
): { content: string; ids: string[]; gridCode: string | null }[] {
  const groups = new Map<string, GridEventRow[]>();
  for (const e of events) groups.set(e.categoryCode, [...(groups.get(e.categoryCode) ?? []), e]);
  return [...groups.values()].map((list) => {
    const first = list[0] as GridEventRow;
    const grids = new Set(list.map((e) => e.gridCode));
    const samples = list.slice(0, 3).map((e) => e.description);
    return {
      content: `${first.categoryName}：${list.length} 件（${list.map((e) => e.code).join('、')}）。${samples.join('；')}${list.length > 3 ? '……' : ''}`,
      ids: list.map((e) => e.id),
      gridCode: grids.size === 1 ? first.gridCode : null,
    };
  });
}

/**
 * Groups the month's unsettled grid events of a community (escalated to the street, or still open)
 * into register lines by category. Events already on a line are skipped, so running it again adds
 * only what is new. The register must still be a draft.
 */
export async function draftRegisterFromEvents(options: {
  db: Db;
  principal: Principal;
  communityCode: string;
  month: string;
  requestId?: string | null;
}): Promise<ProblemItemRow[]> {
  const { principal, month } = options;
  return options.db.transaction(async (tx) => {
    const community = await communityOf(tx, principal.districtCode, options.communityCode);
    authorize(principal, gridWorkPolicy.registerSubmit, {
      districtCode: community.districtCode,
      paths: [community.path],
    });
    const register = await ensureRegister(tx, community, month);
    if (register.status !== 'draft') {
      throw new AppError(
        'ILLEGAL_TRANSITION',
        `${monthZh(month)}登记表已提交，不能再归集 (register submitted)`,
        {
          status: register.status,
        },
      );
    }
    const { from, to } = monthRange(month);
    const taken = await eventIdsOnItems(tx, community.id, month);
    const events = (
      await listGridEvents(tx, {
        districtCode: community.districtCode,
        scopePath: community.path,
        gridPath: community.path,
        from,
        to,
        limit: 10_000,
        offset: 0,
      })
    ).filter((e) => needsStreet(e) && !taken.has(e.id));
    for (const g of groupEvents(events.reverse())) {
      await insertItem(tx, {
        id: uuidv7(),
        districtCode: community.districtCode,
        registerId: register.id,
        communityId: community.id,
        communityPath: community.path,
        month,
        kind: 'problem',
        content: g.content,
        gridEventIds: g.ids,
        gridCode: g.gridCode,
        reportedById: principal.userId,
        reportedByLabel: principal.displayName,
        major: false,
        status: 'draft',
      });
    }
    await appendAudit(tx, {
      districtCode: community.districtCode,
      actor: { id: principal.userId, label: principal.username },
      action: 'problem_register.draft_from_events',
      targetType: 'problem_register',
      targetId: register.id,
      details: { community: community.code, month, events: events.length },
      requestId: options.requestId ?? null,
    });
    return listRegisterItems(tx, register.id);
  });
}
