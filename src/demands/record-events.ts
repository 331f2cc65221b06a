import type { AppendAuditOptions, AuditActor } from '../core/audit/append-audit.ts';
import { appendAudit } from '../core/audit/append-audit.ts';
import type { Db } from '../core/db/connection.ts';
import { uuidv7 } from '../core/ids.ts';
import { enqueueMessages } from '../core/outbox/enqueue-message.ts';
import { assertTransition, type DemandState, type EventType, foldEvents } from './lifecycle.ts';
import { rollupChanges, updateRollups } from './rollups/maintain-rollups.ts';
import { appendEvents, type ExtraUnitLink, listEvents, saveState, toEventRecord } from './store.ts';
import type { DemandEventRow, DemandRow } from './tables.ts';

/** The outbox topic of a demand's status change (sent for Open311 demands). */
export const DEMAND_STATUS_TOPIC = 'demand.status_changed';

export interface PlannedEvent {
  type: EventType;
  data?: Record<string, unknown>;
  note?: string | null;
  unitId?: string | null;
}

/**
 * Checks each event against the state it follows, appends them, folds the full history again and
 * writes the cache columns, then audits — all inside the caller's transaction, with the demand row
 * locked. Re-folding from the stored events keeps the cache honest even if it was ever wrong.
 */
export async function recordEvents(
  tx: Db,
  demand: DemandRow,
  planned: PlannedEvent[],
  options: {
    actor: AuditActor;
    requestId?: string | null;
    auditAction: string;
    auditDetails?: Record<string, unknown>;
    /**
     * Collects the audit row and the rollup change instead of writing them, for a caller that changes
     * many demands in one transaction (the sweeper): it appends the audit rows with appendAuditBatch and
     * then runs `after`, so the district's audit lock is taken once, at the end (docs/decisions/perf-intake.md).
     */
    deferred?: { audits: AppendAuditOptions[]; after: (() => Promise<void>)[] };
  },
): Promise<{
  state: DemandState;
  eventCount: number;
  row: DemandRow;
  /** The events appended by this step, as stored. */
  appended: DemandEventRow[];
  /** The unit links this step wrote (or found present): paths of owner, co-handlers, copies, former owners. */
  linkedPaths: string[];
}> {
  // A demand without events yet (intake) has no history to read.
  const history = demand.eventCount === 0 ? [] : (await listEvents(tx, demand.id)).map(toEventRecord);
  let state = foldEvents(history);
  const before = state;
  const at = new Date();
  const rows = planned.map((p) => {
    assertTransition(state, p.type, history.length);
    const record = { type: p.type, at, data: p.data ?? {} };
    state = foldEvents([...history, record]);
    history.push(record);
    return {
      id: uuidv7(),
      districtCode: demand.districtCode,
      demandId: demand.id,
      type: p.type,
      at,
      actorId: options.actor.id,
      actorLabel: options.actor.label,
      unitId: p.unitId ?? null,
      note: p.note ?? null,
      data: p.data ?? {},
    };
  });
  const appended = await appendEvents(tx, { id: demand.id, eventCount: demand.eventCount }, rows);
  const eventCount = appended.eventCount;
  // A copied unit (the district) and a former owner keep read access to the demand: linked in the
  // same statement as the owner and co-handlers (docs/decisions/perf-intake.md).
  const extraLinks: ExtraUnitLink[] = [];
  for (const p of planned) {
    const unit = p.data?.unit as { id?: string; path?: string } | undefined;
    if (p.type === 'copied' && unit?.id && unit.path)
      extraLinks.push({ unit: { id: unit.id, path: unit.path }, role: 'copy' });
    const former = p.data?.from as { id?: string; path?: string } | undefined;
    if (former?.id && former.path)
      extraLinks.push({ unit: { id: former.id, path: former.path }, role: 'former_owner' });
  }
  const row = await saveState(tx, demand.id, demand.districtCode, state, eventCount, extraLinks);
  const linkedPaths = [
    ...(state.owner ? [state.owner.path] : []),
    ...state.coUnits.map((u) => u.path),
    ...extraLinks.map((l) => l.unit.path),
  ];
  // Open311 clients follow their requests: a status change goes out through the outbox, committed
  // with the change itself (src/open311/status-webhook.ts delivers it).
  if (demand.channel === 'open311' && state.status !== demand.status) {
    await enqueueMessages(tx, [
      {
        districtCode: demand.districtCode,
        topic: DEMAND_STATUS_TOPIC,
        payload: {
          demandId: demand.id,
          code: demand.code,
          from: demand.status,
          to: state.status,
          events: rows.map((r) => ({ type: r.type, data: r.data })),
          at: at.toISOString(),
        },
      },
    ]);
  }
  const audit: AppendAuditOptions = {
    districtCode: demand.districtCode,
    actor: options.actor,
    action: options.auditAction,
    targetType: 'demand',
    targetId: demand.id,
    details: { code: demand.code, events: planned.map((p) => p.type), ...options.auditDetails },
    requestId: options.requestId ?? null,
  };
  if (options.deferred) {
    options.deferred.audits.push(audit);
    options.deferred.after.push(() => updateRollups(tx, demand, before, state));
    return { state, eventCount, row, appended: appended.rows, linkedPaths };
  }
  // The rollup change runs in the audit append's statement, under the district's audit lock, which
  // orders every writer of its rollups (one round trip less while the lock is held).
  await appendAudit(tx, audit, rollupChanges(demand, before, state));
  return { state, eventCount, row, appended: appended.rows, linkedPaths };
}
