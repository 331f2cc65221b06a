import { authorize, type Principal } from '../core/auth/authorize.ts';
import type { Db } from '../core/db/connection.ts';
import { AppError, notFound } from '../core/errors.ts';
import type { AppContext } from '../http/context.ts';
import { getUnitSummaryById } from '../jurisdiction/store.ts';
import { DemandAction as ActionSchema, type DemandAction } from './actions.ts';
import { type DemandState, foldEvents } from './lifecycle.ts';
import { planDispatch, unitOfDistrict } from './plan-dispatch.ts';
import { ruleForAction } from './policy.ts';
import { type PlannedEvent, recordEvents } from './record-events.ts';
import { loadRoutingContext } from './routing-context.ts';
import { getDemand, getDemandByCode, listEvents, toEventRecord, unitPathsOf } from './store.ts';
import type { DemandRow } from './tables.ts';

export interface PerformActionOptions {
  ctx: Pick<AppContext, 'calendars'>;
  db: Db;
  principal: Principal;
  demandId: string;
  action: DemandAction;
  requestId?: string | null;
}

const ref = (u: { id: string; path: string; code: string; name: string }) => ({
  id: u.id,
  path: u.path,
  code: u.code,
  name: u.name,
});
/** Two approved returns of the same demand are ping-pong: the demand is escalated (督办) automatically. */
const PING_PONG_RETURNS = 2;

/**
 * Every lifecycle step after intake: authorizes the caller for the action's side (hotline, owning
 * unit, supervisor) AND the demand's jurisdiction, re-checks the transition inside the transaction
 * with the row locked, and records the resulting events.
 */
export async function performDemandAction(options: PerformActionOptions): Promise<DemandRow> {
  const action = ActionSchema.parse(options.action);
  const { db, principal } = options;
  return db.transaction(async (tx) => {
    const demand = await getDemand(tx, options.demandId, { forUpdate: true });
    if (!demand || demand.districtCode !== principal.districtCode) throw notFound('诉求', options.demandId);
    const state = foldEvents((await listEvents(tx, demand.id)).map(toEventRecord));
    const rule = ruleForAction(action.kind);
    // The owner side acts on the demand's current owner; the others on anything the demand concerns.
    const paths =
      rule.action === 'demand.owner_action'
        ? [state.owner?.path ?? '-']
        : [demand.locationPath, ...(await unitPathsOf(tx, demand.id))];
    authorize(principal, rule, { districtCode: demand.districtCode, paths });
    const events = await planAction(options, tx, demand, state, action);
    await recordEvents(tx, demand, events, {
      actor: { id: principal.userId, label: principal.username },
      requestId: options.requestId ?? null,
      auditAction: `demand.${action.kind}`,
    });
    return (await getDemand(tx, demand.id)) as DemandRow;
  });
}

async function planAction(
  options: PerformActionOptions,
  tx: Db,
  demand: DemandRow,
  state: DemandState,
  action: DemandAction,
): Promise<PlannedEvent[]> {
  const unitId = options.principal.unitId;
  const dispatchTo = async (ownerCode: string | null | undefined, coCodes: string[], why: string[]) => {
    const routing = await loadRoutingContext(tx, demand.districtCode);
    const rule = demand.categoryCode ? routing.rules.get(demand.categoryCode) : undefined;
    const owner = ownerCode ? await unitOfDistrict(tx, demand.districtCode, ownerCode) : undefined;
    if (!owner) throw new AppError('VALIDATION_FAILED', '请指定承办单位 (owner unit required)');
    const co = await Promise.all(coCodes.map((c) => unitOfDistrict(tx, demand.districtCode, c)));
    return planDispatch(options.ctx, tx, {
      districtCode: demand.districtCode,
      urgent: demand.urgency === 'urgent',
      owner,
      co,
      complexity: rule?.complexity ?? 'general',
      why,
    });
  };

  switch (action.kind) {
    case 'dispatch':
      return dispatchTo(action.ownerUnitCode, action.coUnitCodes, [
        '受理员派单',
        ...(action.note ? [action.note] : []),
      ]);
    case 'sign':
      return [{ type: 'signed', unitId, note: action.note ?? null }];
    case 'contact':
      return [{ type: 'contacted', unitId, note: action.note }];
    case 'reply':
      return [
        {
          type: 'replied',
          unitId,
          note: action.result,
          data: { result: action.result, evidence: action.evidence },
        },
      ];
    case 'callback': {
      const data = {
        reached: action.reached,
        resolved: action.resolved ?? null,
        satisfaction: action.satisfaction ?? null,
      };
      const good =
        action.reached &&
        action.resolved === true &&
        action.satisfaction !== 'unsatisfied' &&
        action.satisfaction != null;
      // A resolved, satisfied caller closes the demand; otherwise the hotline decides (reopen or close).
      return [
        { type: 'callback', note: action.note ?? null, data },
        ...(good ? [{ type: 'closed' as const, data: { by: 'callback' } }] : []),
      ];
    }
    case 'close':
      return [{ type: 'closed', note: action.note ?? null }];
    case 'return':
      return [{ type: 'returned', unitId, note: action.reason, data: { reason: action.reason } }];
    case 'review_return': {
      if (!action.approve) return [{ type: 'return_rejected', note: action.note }];
      const events: PlannedEvent[] = [
        { type: 'return_approved', note: action.note, data: { from: state.owner } },
      ];
      if (state.returnCount + 1 >= PING_PONG_RETURNS && !state.escalated) {
        events.push({
          type: 'escalated',
          note: '多次退单，自动督办',
          data: { automatic: true, returns: state.returnCount + 1 },
        });
      }
      return events;
    }
    case 'redispatch': {
      const target = await unitOfDistrict(tx, demand.districtCode, action.toUnitCode);
      if (target.id === state.owner?.id)
        throw new AppError('VALIDATION_FAILED', '转派对象与当前承办单位相同 (same unit)');
      const owner = state.owner ? await getUnitSummaryById(tx, state.owner.id) : undefined;
      // 首接负责: only a street re-dispatches, down to its own communities or to a department.
      if (owner?.level !== 'street') {
        throw new AppError(
          'FORBIDDEN',
          '只有街道可以转派；部门不能推给其他单位，请走退单审核 (only streets re-dispatch)',
        );
      }
      const insideStreet = target.path.startsWith(owner.path);
      if (!(insideStreet && target.level === 'community') && target.tree !== 'department') {
        throw new AppError(
          'VALIDATION_FAILED',
          '街道只能转派至本街道社区或职能部门 (re-dispatch to an own community or a department)',
        );
      }
      const calendarEvents = await dispatchTo(action.toUnitCode, [], [`${owner.name}转派`]);
      const first = calendarEvents[0] as PlannedEvent;
      // The handle-by deadline written at the first dispatch stands; sign-for restarts.
      const { dueAt: _keep, ...data } = first.data ?? {};
      return [
        {
          type: 'redispatched',
          unitId: target.id,
          note: action.note,
          data: { ...data, owner: ref(target), coUnits: [ref(owner)], from: state.owner },
        },
      ];
    }
    case 'add_co': {
      const unit = await unitOfDistrict(tx, demand.districtCode, action.unitCode);
      return [{ type: 'co_added', unitId: unit.id, note: action.note ?? null, data: { unit: ref(unit) } }];
    }
    case 'request_extension':
      return [
        {
          type: 'extension_requested',
          unitId,
          note: action.reason,
          data: { workingDays: action.workingDays, reason: action.reason, callerInformed: true },
        },
      ];
    case 'review_extension': {
      if (!action.approve) return [{ type: 'extension_denied', note: action.note }];
      const events = await listEvents(tx, demand.id);
      const request = [...events].reverse().find((e) => e.type === 'extension_requested');
      const days = Number(request?.data.workingDays ?? 0);
      const calendar = await options.ctx.calendars.get(tx, demand.districtCode);
      const base = state.dueAt ?? new Date();
      const newDueAt = calendar.addWorkingDays(base, days);
      return [
        {
          type: 'extension_approved',
          note: action.note,
          data: { workingDays: days, newDueAt: newDueAt.toISOString(), previousDueAt: base.toISOString() },
        },
      ];
    }
    case 'escalate':
      return [{ type: 'escalated', note: action.note }];
    case 'reopen': {
      if (!state.owner) throw new AppError('ILLEGAL_TRANSITION', '没有承办单位，无法重办 (no owner)');
      const owner = await getUnitSummaryById(tx, state.owner.id);
      const [again] = await dispatchTo(owner?.code, [], ['回访不满意/未解决，重办']);
      // Co-handlers stay as they were: drop the empty list the fresh dispatch carries.
      const { coUnits: _co, ...data } = again?.data ?? {};
      return [{ type: 'reopened', note: action.note, unitId: state.owner.id, data }];
    }
    case 'appeal':
      return [{ type: 'appealed', unitId, note: action.reason, data: { reason: action.reason } }];
    case 'review_appeal':
      return [{ type: action.approve ? 'appeal_approved' : 'appeal_denied', note: action.note }];
    case 'merge': {
      const master = await getDemandByCode(tx, action.intoCode);
      if (!master || master.districtCode !== demand.districtCode || master.id === demand.id) {
        throw new AppError('NOT_FOUND', `合并目标不存在：${action.intoCode} (merge target not found)`);
      }
      if (['closed', 'answered', 'refused', 'merged'].includes(master.status)) {
        throw new AppError('ILLEGAL_TRANSITION', '不能合并到已办结的诉求 (target closed)');
      }
      const masterRow = (await getDemand(tx, master.id, { forUpdate: true })) as DemandRow;
      await recordEvents(
        tx,
        masterRow,
        [{ type: 'merged_in', data: { from: demand.id, code: demand.code } }],
        {
          actor: { id: options.principal.userId, label: options.principal.username },
          auditAction: 'demand.merged_in',
        },
      );
      return [{ type: 'merged', data: { into: master.id, intoCode: master.code } }];
    }
  }
}
