import type { Principal } from '../core/auth/authorize.ts';
import type { Db } from '../core/db/connection.ts';
import { AppError } from '../core/errors.ts';
import { extendLinkPaths } from '../core/files/store.ts';
import { intakeDemand } from '../demands/intake-demand.ts';
import { getDemandByCode } from '../demands/store.ts';
import type { AppContext } from '../http/context.ts';
import { getUnitByCode } from '../jurisdiction/store.ts';
import type { OrgUnitRow } from '../jurisdiction/tables.ts';
import { findCategory } from './categories.ts';
import type { GridEventState, HandlerKind } from './event-lifecycle.ts';
import type { PlannedStep } from './record-steps.ts';
import type { GridEventRow } from './tables.ts';

const ref = (u: OrgUnitRow) => ({ id: u.id, path: u.path, code: u.code, name: u.name });

/** Which handler a managing level may dispatch to (大事不出社区: a community handles its own). */
function handlerKindFor(state: GridEventState, handler: OrgUnitRow): HandlerKind {
  const owner = state.owner;
  if (!owner) throw new AppError('INTERNAL', '案件没有管理单位 (no owner)');
  if (state.level === 'community') {
    if (handler.id !== owner.id) {
      throw new AppError(
        'VALIDATION_FAILED',
        '社区只能自行处置；需要街道或部门处置的，请先上报街道 (a community dispatches to itself)',
      );
    }
    return 'community';
  }
  if (handler.id === owner.id) return 'street';
  if (handler.tree === 'division' && handler.level === 'community' && handler.path.startsWith(owner.path)) {
    return 'community';
  }
  if (handler.tree === 'department' && handler.level !== 'center') return 'department';
  throw new AppError(
    'VALIDATION_FAILED',
    '街道只能派遣至本街道、本街道社区或职能部门 (dispatch to the street, its communities or a department)',
  );
}

/**
 * 派遣: resolves the handler, writes the handle-by deadline from the category's time limit on the
 * working calendar, lets the handler see the case's photos, and — for a department — creates (or
 * links) a demand with channel `grid`, so the work sits in the department's ordinary queue and
 * counts in its 接诉即办 measures.
 */
export async function planGridDispatch(options: {
  ctx: Pick<AppContext, 'geo' | 'classifiers' | 'calendars'>;
  tx: Db;
  principal: Principal;
  event: GridEventRow;
  state: GridEventState;
  handlerUnitCode: string;
  demandCode?: string | null | undefined;
  note?: string | null | undefined;
  requestId?: string | null;
}): Promise<PlannedStep> {
  const { tx, event, state } = options;
  const handler = await getUnitByCode(tx, options.handlerUnitCode);
  if (!handler || handler.districtCode !== event.districtCode) {
    throw new AppError('NOT_FOUND', `处置单位不存在：${options.handlerUnitCode} (unit not found)`);
  }
  const handlerKind = handlerKindFor(state, handler);
  if (options.demandCode && handlerKind !== 'department') {
    throw new AppError(
      'VALIDATION_FAILED',
      '只有派遣至职能部门时才关联诉求 (demand link is for departments)',
    );
  }
  const category = findCategory(event.categoryCode);
  const calendar = await options.ctx.calendars.get(tx, event.districtCode);
  const now = new Date();
  const due = calendar.computeDeadline(now, category.limit);
  let demand: { id: string; code: string } | null = null;
  if (handlerKind === 'department') {
    demand = options.demandCode
      ? await linkDemand(tx, event.districtCode, options.demandCode)
      : await createDemand(options, handler, category.urgent);
  }
  await extendLinkPaths(tx, 'grid_event', event.id, [handler.path]);
  return {
    type: 'dispatched',
    unitId: handler.id,
    note: options.note ?? null,
    data: {
      handler: ref(handler),
      handlerKind,
      dueAt: due.due.toISOString(),
      timeLimit: category.limit,
      ...(demand ? { demandId: demand.id, demandCode: demand.code } : {}),
      ...(due.coverage.complete ? {} : { warnings: due.coverage.warnings }),
    },
  };
}

async function linkDemand(tx: Db, districtCode: string, code: string): Promise<{ id: string; code: string }> {
  const d = await getDemandByCode(tx, code);
  if (!d || d.districtCode !== districtCode)
    throw new AppError('NOT_FOUND', `诉求不存在：${code} (demand not found)`);
  return { id: d.id, code: d.code };
}

async function createDemand(
  options: Parameters<typeof planGridDispatch>[0],
  handler: OrgUnitRow,
  urgent: boolean,
): Promise<{ id: string; code: string }> {
  const { event, principal } = options;
  const result = await intakeDemand({
    ctx: options.ctx,
    db: options.tx,
    districtCode: event.districtCode,
    actor: { id: principal.userId, label: principal.username },
    // One demand per dispatch of this case, however often the request is retried.
    idempotencyKey: `grid-event:${event.id}:${event.stepCount}`,
    requestId: options.requestId ?? null,
    input: {
      content: `【网格事件 ${event.code}｜${event.categoryName}】${event.description}`,
      type: '投诉',
      channel: 'grid',
      urgency: urgent ? 'urgent' : 'normal',
      address: event.address ?? `${event.gridCode} 网格`,
      point: event.lng !== null && event.lat !== null ? { lng: event.lng, lat: event.lat } : null,
      attachments: event.photos.map((p) => ({ name: p.name, url: `/api/files/${p.id}`, mime: p.mime })),
      action: { kind: 'dispatch', ownerUnitCode: handler.code, coUnitCodes: [] },
    },
  });
  return { id: result.demand.id, code: result.demand.code };
}
