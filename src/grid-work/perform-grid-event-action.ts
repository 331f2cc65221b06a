import { authorize, type PolicyRule, type Principal } from '../core/auth/authorize.ts';
import type { Db } from '../core/db/connection.ts';
import { AppError, notFound } from '../core/errors.ts';
import { attachFiles } from '../core/files/attach-files.ts';
import { performDemandAction } from '../demands/perform-demand-action.ts';
import { getDemand } from '../demands/store.ts';
import type { AppContext } from '../http/context.ts';
import { getUnitByCode } from '../jurisdiction/store.ts';
import { planGridDispatch } from './dispatch-grid-event.ts';
import { ACTION_SIDE, GridEventAction, type GridEventActionKind } from './event-actions.ts';
import { foldSteps, type GridEventState } from './event-lifecycle.ts';
import { getGridEvent, listSteps, toStepRecord } from './events-store.ts';
import { gridWorkPolicy } from './policy.ts';
import { type PlannedStep, recordSteps } from './record-steps.ts';
import type { GridEventRow } from './tables.ts';

type Ctx = Pick<AppContext, 'geo' | 'classifiers' | 'calendars'>;

/** The rule and the paths an action is checked against: the side that acts, on its own unit. */
export function sideCheck(
  kind: GridEventActionKind,
  event: GridEventRow,
  state: GridEventState,
): { rule: PolicyRule; paths: string[]; reporterOnly: boolean } {
  const side = ACTION_SIDE[kind];
  if (side === 'reporter')
    return { rule: gridWorkPolicy.reportEvent, paths: [event.locationPath], reporterOnly: true };
  if (side === 'owner')
    return { rule: gridWorkPolicy.manageEvent, paths: [state.owner?.path ?? '-'], reporterOnly: false };
  return { rule: gridWorkPolicy.handleEvent, paths: [state.handler?.path ?? '-'], reporterOnly: false };
}

/**
 * Every step after the report: authorizes the acting side (reporter, managing level, handling unit)
 * on its own unit, re-checks the transition with the row locked, and records the steps — in one
 * transaction with their files, the linked demand's mirror steps and the audit row.
 */
export async function performGridEventAction(options: {
  ctx: Ctx;
  db: Db;
  principal: Principal;
  eventId: string;
  action: GridEventAction;
  requestId?: string | null;
}): Promise<GridEventRow> {
  const action = GridEventAction.parse(options.action);
  const { principal } = options;
  return options.db.transaction(async (tx) => {
    const event = await getGridEvent(tx, options.eventId, { forUpdate: true });
    if (!event || event.districtCode !== principal.districtCode) throw notFound('网格事件', options.eventId);
    const state = foldSteps((await listSteps(tx, event.id)).map(toStepRecord));
    const check = sideCheck(action.kind, event, state);
    authorize(principal, check.rule, { districtCode: event.districtCode, paths: check.paths });
    if (check.reporterOnly && state.reporterId !== principal.userId) {
      throw new AppError('FORBIDDEN', '只有上报该事件的网格员可以现场处置或核查 (reporter only)', {
        action: `grid_event.${action.kind}`,
      });
    }
    const files = (ids: readonly string[]) =>
      attachFiles(tx, {
        principal,
        fileIds: ids,
        targetType: 'grid_event',
        targetId: event.id,
        paths: [event.locationPath],
      });
    const steps = await plan(options, tx, event, state, action, files);
    await recordSteps(tx, event, steps, {
      actor: { id: principal.userId, label: principal.username },
      requestId: options.requestId ?? null,
      auditAction: `grid_event.${action.kind}`,
    });
    return (await getGridEvent(tx, event.id)) as GridEventRow;
  });
}

async function plan(
  options: Parameters<typeof performGridEventAction>[0],
  tx: Db,
  event: GridEventRow,
  state: GridEventState,
  action: GridEventAction,
  files: (ids: readonly string[]) => ReturnType<typeof attachFiles>,
): Promise<PlannedStep[]> {
  const unitId = options.principal.unitId;
  switch (action.kind) {
    case 'close_on_spot':
      return [
        {
          type: 'closed_on_spot',
          note: action.result,
          data: { result: action.result, evidence: await files(action.evidence) },
        },
      ];
    case 'register':
      return [{ type: 'registered', unitId, note: action.note ?? null }];
    case 'reject':
      return [{ type: 'rejected', unitId, note: action.reason, data: { reason: action.reason } }];
    case 'escalate': {
      const street = await streetOf(tx, event);
      return [{ type: 'escalated', unitId, note: action.note, data: { owner: street } }];
    }
    case 'dispatch':
      return [
        await planGridDispatch({
          ctx: options.ctx,
          tx,
          principal: options.principal,
          event,
          state,
          handlerUnitCode: action.handlerUnitCode,
          demandCode: action.demandCode,
          note: action.note,
          requestId: options.requestId ?? null,
        }),
      ];
    case 'request_extension':
      return [
        {
          type: 'extension_requested',
          unitId,
          note: action.reason,
          data: { workingDays: action.workingDays, reason: action.reason },
        },
      ];
    case 'review_extension': {
      if (!action.approve) return [{ type: 'extension_denied', note: action.note ?? null }];
      const request = (await listSteps(tx, event.id)).reverse().find((s) => s.type === 'extension_requested');
      const days = Number(request?.data.workingDays ?? 0);
      const calendar = await options.ctx.calendars.get(tx, event.districtCode);
      const base = state.dueAt ?? new Date();
      const newDueAt = calendar.addWorkingDays(base, days);
      return [
        {
          type: 'extension_approved',
          note: action.note ?? null,
          data: { workingDays: days, previousDueAt: base.toISOString(), newDueAt: newDueAt.toISOString() },
        },
      ];
    }
    case 'dispose': {
      const evidence = await files(action.evidence);
      await mirrorToDemand(options, tx, state, action.result);
      return [{ type: 'disposed', unitId, note: action.result, data: { result: action.result, evidence } }];
    }
    case 'verify': {
      const evidence = await files(action.evidence);
      return action.passed
        ? [{ type: 'verified', note: action.note ?? null, data: { evidence } }]
        : [{ type: 'rework', note: action.note ?? null, data: { reason: action.note, evidence } }];
    }
    case 'close':
      return [{ type: 'closed', unitId, note: action.note ?? null }];
  }
}

/** The street above the event's community (where an escalation goes). */
async function streetOf(tx: Db, event: GridEventRow) {
  const streetCode = event.locationPath.split('/').filter(Boolean)[1] ?? '';
  const street = await getUnitByCode(tx, streetCode);
  if (street?.level !== 'street') throw new AppError('INTERNAL', '找不到所属街道 (street missing)');
  return { id: street.id, path: street.path, code: street.code, name: street.name };
}

/**
 * A department's disposal also answers its linked demand (sign for it if needed, then reply), so
 * the two records tell the same story. Only when the department owns the demand and the demand is
 * still being handled; a rework after that is recorded on the grid event alone, and the demand
 * follows its own callback.
 */
async function mirrorToDemand(
  options: Parameters<typeof performGridEventAction>[0],
  tx: Db,
  state: GridEventState,
  result: string,
): Promise<void> {
  if (state.handlerKind !== 'department' || !state.demandId || !state.handler) return;
  const demand = await getDemand(tx, state.demandId);
  if (!demand || demand.ownerUnitId !== state.handler.id) return;
  if (demand.status !== 'dispatched' && demand.status !== 'in_progress') return;
  const base = {
    ctx: options.ctx,
    db: tx,
    principal: options.principal,
    demandId: demand.id,
    requestId: options.requestId ?? null,
  };
  if (demand.status === 'dispatched')
    await performDemandAction({ ...base, action: { kind: 'sign', note: '网格事件处置' } });
  const text = result.length >= 5 ? result : `网格事件处置：${result}`;
  await performDemandAction({ ...base, action: { kind: 'reply', result: text, evidence: [] } });
}
