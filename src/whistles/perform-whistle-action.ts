import { authorize, decide, type Principal } from '../core/auth/authorize.ts';
import type { Db } from '../core/db/connection.ts';
import { AppError, notFound } from '../core/errors.ts';
import { attachFiles } from '../core/files/attach-files.ts';
import { extendLinkPaths } from '../core/files/store.ts';
import { foldSteps, type SummonsState, type WhistleState } from './lifecycle.ts';
import { WhistleAction } from './model.ts';
import { getPartyMembers } from './party-members.ts';
import { whistlePolicy } from './policy.ts';
import { type PlannedStep, recordSteps } from './record-steps.ts';
import { resolveSummons } from './resolve-summons.ts';
import { getWhistle, listSteps, toStepRecord } from './store.ts';
import type { WhistleRow } from './tables.ts';

/** Whether the caller stands on the blower's side of this whistle. */
export const isBlowerSide = (principal: Principal, w: WhistleRow): boolean =>
  decide(principal, whistlePolicy.manage, { districtCode: w.districtCode, paths: [w.blowerPath] }).allowed;

/**
 * Whether the caller may check in or act for a summons: the summoned unit's own staff, the member
 * themself (when they have an account), or the blower recording it on their behalf.
 */
export async function canRespond(
  db: Db,
  principal: Principal,
  w: WhistleRow,
  s: SummonsState,
): Promise<'own' | 'on_behalf' | false> {
  if (s.target.kind === 'unit') {
    const own = decide(principal, whistlePolicy.respond, {
      districtCode: w.districtCode,
      paths: [s.target.path],
    });
    if (own.allowed) return 'own';
  } else {
    const [member] = await getPartyMembers(db, [s.target.memberId]);
    if (member?.userId && member.userId === principal.userId) return 'own';
  }
  return isBlowerSide(principal, w) ? 'on_behalf' : false;
}

/**
 * Every step after the whistle is blown. The summoned side checks in (报到 — late past the report
 * deadline) and records actions with evidence; the blower adds summons, closes with a rating of
 * every summons, or cancels before anyone came. Re-checked with the row locked; one transaction.
 */
export async function performWhistleAction(options: {
  db: Db;
  principal: Principal;
  whistleId: string;
  action: WhistleAction;
  requestId?: string | null;
}): Promise<WhistleRow> {
  const action = WhistleAction.parse(options.action);
  const { principal } = options;
  return options.db.transaction(async (tx) => {
    const whistle = await getWhistle(tx, options.whistleId, { forUpdate: true });
    if (!whistle || whistle.districtCode !== principal.districtCode)
      throw notFound('吹哨', options.whistleId);
    const state = foldSteps((await listSteps(tx, whistle.id)).map(toStepRecord));
    const steps = await plan(options, tx, whistle, state, action);
    await recordSteps(tx, whistle, steps, {
      actor: { id: principal.userId, label: principal.username },
      requestId: options.requestId ?? null,
      auditAction: `whistle.${action.kind}`,
    });
    return (await getWhistle(tx, whistle.id)) as WhistleRow;
  });
}

async function plan(
  options: Parameters<typeof performWhistleAction>[0],
  tx: Db,
  whistle: WhistleRow,
  state: WhistleState,
  action: WhistleAction,
): Promise<PlannedStep[]> {
  const { principal } = options;
  const manage = () =>
    authorize(principal, whistlePolicy.manage, {
      districtCode: whistle.districtCode,
      paths: [whistle.blowerPath],
    });
  switch (action.kind) {
    case 'check_in':
    case 'record_action': {
      const summons = state.summons.find((s) => s.id === action.summonsId);
      if (!summons)
        throw new AppError('NOT_FOUND', `报到单位不存在：${action.summonsId} (summons not found)`);
      const how = await canRespond(tx, principal, whistle, summons);
      if (!how) {
        // The summoned unit's rule names what was missing (role or scope); it is audited as a denial.
        authorize(principal, whistlePolicy.respond, {
          districtCode: whistle.districtCode,
          paths: [summons.target.path],
        });
        throw new AppError('FORBIDDEN', '只有被召集的单位或党员本人可以报到 (not summoned)', {
          action: 'whistle.respond',
        });
      }
      const onBehalf = how === 'on_behalf';
      if (action.kind === 'check_in') {
        return [
          {
            type: 'checked_in',
            note: action.note ?? null,
            data: { summonsId: summons.id, onBehalf, unit: summons.target.name },
          },
        ];
      }
      const evidence = await attachFiles(tx, {
        principal,
        fileIds: action.evidence,
        targetType: 'whistle',
        targetId: whistle.id,
        paths: [whistle.blowerPath, ...state.summons.map((s) => s.target.path)],
      });
      return [
        {
          type: 'action_recorded',
          note: action.text,
          data: { summonsId: summons.id, text: action.text, evidence, onBehalf },
        },
      ];
    }
    case 'add_summons': {
      manage();
      const summons = await resolveSummons(
        tx,
        { districtCode: whistle.districtCode, level: whistle.level, unitPath: whistle.blowerPath },
        action.summons,
      );
      await extendLinkPaths(
        tx,
        'whistle',
        whistle.id,
        summons.map((s) => s.target.path),
      );
      return [{ type: 'summons_added', data: { summons } }];
    }
    case 'close':
      manage();
      return [
        { type: 'closed', note: action.summary, data: { summary: action.summary, ratings: action.ratings } },
      ];
    case 'cancel':
      manage();
      return [{ type: 'cancelled', note: action.reason, data: { reason: action.reason } }];
  }
}
