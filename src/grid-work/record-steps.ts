import { type AuditActor, appendAudit } from '../core/audit/append-audit.ts';
import type { Db } from '../core/db/connection.ts';
import { uuidv7 } from '../core/ids.ts';
import { assertStep, foldSteps, type GridEventState, type StepType } from './event-lifecycle.ts';
import { appendSteps, listSteps, saveState, toStepRecord } from './events-store.ts';
import type { GridEventRow } from './tables.ts';

export interface PlannedStep {
  type: StepType;
  data?: Record<string, unknown>;
  note?: string | null;
  unitId?: string | null;
}

/**
 * Checks each step against the state it follows, appends them, re-folds the whole history into the
 * cache columns and audits — inside the caller's transaction, with the event row locked.
 */
export async function recordSteps(
  tx: Db,
  event: GridEventRow,
  planned: PlannedStep[],
  options: {
    actor: AuditActor;
    requestId?: string | null;
    auditAction: string;
    auditDetails?: Record<string, unknown>;
  },
): Promise<GridEventState> {
  const history = (await listSteps(tx, event.id)).map(toStepRecord);
  let state = foldSteps(history);
  const at = new Date();
  const rows = planned.map((p) => {
    assertStep(state, p.type, history.length);
    const record = { type: p.type, at, data: p.data ?? {} };
    history.push(record);
    state = foldSteps(history);
    return {
      id: uuidv7(),
      districtCode: event.districtCode,
      type: p.type,
      at,
      actorId: options.actor.id,
      actorLabel: options.actor.label,
      unitId: p.unitId ?? null,
      note: p.note ?? null,
      data: p.data ?? {},
    };
  });
  const count = await appendSteps(tx, event.id, event.stepCount, rows);
  await saveState(tx, event.id, state, count);
  await appendAudit(tx, {
    districtCode: event.districtCode,
    actor: options.actor,
    action: options.auditAction,
    targetType: 'grid_event',
    targetId: event.id,
    details: { code: event.code, steps: planned.map((p) => p.type), ...options.auditDetails },
    requestId: options.requestId ?? null,
  });
  return state;
}
