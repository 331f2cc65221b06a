import { type AuditActor, appendAudit } from '../core/audit/append-audit.ts';
import type { Db } from '../core/db/connection.ts';
import { uuidv7 } from '../core/ids.ts';
import { assertStep, foldSteps, type StepType, type WhistleState } from './lifecycle.ts';
import { appendSteps, listSteps, saveState, toStepRecord } from './store.ts';
import type { WhistleRow } from './tables.ts';

export interface PlannedStep {
  type: StepType;
  data?: Record<string, unknown>;
  note?: string | null;
}

/**
 * Checks each step against the state it follows, appends them, re-folds the whole history into the
 * caches (the whistle row and its summons rows) and audits — inside the caller's transaction, with
 * the whistle row locked. Returns the new state.
 */
export async function recordSteps(
  tx: Db,
  whistle: WhistleRow,
  planned: PlannedStep[],
  options: {
    actor: AuditActor;
    requestId?: string | null;
    auditAction: string;
    auditDetails?: Record<string, unknown>;
  },
): Promise<WhistleState> {
  const history = (await listSteps(tx, whistle.id)).map(toStepRecord);
  let state = foldSteps(history);
  const at = new Date();
  const rows = planned.map((p) => {
    assertStep(state, { type: p.type, data: p.data ?? {} }, history.length);
    history.push({ type: p.type, at, data: p.data ?? {} });
    state = foldSteps(history);
    return {
      id: uuidv7(),
      districtCode: whistle.districtCode,
      type: p.type,
      at,
      actorId: options.actor.id,
      actorLabel: options.actor.label,
      note: p.note ?? null,
      data: p.data ?? {},
    };
  });
  const count = await appendSteps(tx, whistle.id, whistle.stepCount, rows);
  await saveState(tx, whistle, state, count);
  await appendAudit(tx, {
    districtCode: whistle.districtCode,
    actor: options.actor,
    action: options.auditAction,
    targetType: 'whistle',
    targetId: whistle.id,
    details: { code: whistle.code, steps: planned.map((p) => p.type), ...options.auditDetails },
    requestId: options.requestId ?? null,
  });
  return state;
}
