import type { AppendAuditOptions, AuditActor } from '../core/audit/append-audit.ts';
import { appendAudit } from '../core/audit/append-audit.ts';
import type { Db } from '../core/db/connection.ts';
import { uuidv7 } from '../core/ids.ts';
import { enqueueMessages, type OutboxMessage } from '../core/outbox/enqueue-message.ts';
import {
  assertTransition,
  type DemandEventRecord,
  type DemandState,
  type EventType,
  foldEvents,
} from './lifecycle.ts';
import { rollupChanges, updateRollups } from './rollups/maintain-rollups.ts';
import {
  appendEvents,
  type ExtraUnitLink,
  listEvents,
  type NewEvent,
  saveState,
  toEventRecord,
} from './store.ts';
import type { DemandEventRow, DemandRow } from './tables.ts';

/** The outbox topic of a demand's status change (sent for Open311 demands). */
export const DEMAND_STATUS_TOPIC = 'demand.status_changed';

export interface PlannedEvent {
  type: EventType;
  data?: Record<string, unknown>;
  note?: string | null;
  unitId?: string | null;
}

/** What a step writes, computed before any write (pure): the event rows, the new state and the rest. */
export interface EventPlan {
  /** The event rows, numbered after `eventCount` events already stored. */
  rows: NewEvent[];
  before: DemandState;
  state: DemandState;
  eventCount: number;
  /** A copied unit (the district) and a former owner keep read access to the demand. */
  extraLinks: ExtraUnitLink[];
  /** Paths of owner, co-handlers, copies and former owners: the unit links this step writes. */
  linkedPaths: string[];
  /** The Open311 status message to send, when the status changed. */
  messages: OutboxMessage[];
  audit: AppendAuditOptions;
}

export interface RecordOptions {
  actor: AuditActor;
  requestId?: string | null;
  auditAction: string;
  auditDetails?: Record<string, unknown>;
}

type PlannedDemand = Pick<DemandRow, 'id' | 'districtCode' | 'code' | 'channel' | 'status' | 'eventCount'>;

/**
 * Checks each event against the state it follows and computes everything the step writes. Pure: the
 * history is passed in (a new demand has none), so intake can plan outside its transaction.
 */
export function planEvents(
  demand: PlannedDemand,
  history: DemandEventRecord[],
  planned: PlannedEvent[],
  options: RecordOptions,
): EventPlan {
  const folded = [...history];
  let state = foldEvents(folded);
  const before = state;
  const at = new Date();
  const rows: NewEvent[] = planned.map((p, i) => {
    assertTransition(state, p.type, folded.length);
    const record = { type: p.type, at, data: p.data ?? {} };
    folded.push(record);
    state = foldEvents(folded);
    return {
      id: uuidv7(),
      districtCode: demand.districtCode,
      demandId: demand.id,
      seq: demand.eventCount + i + 1,
      type: p.type,
      at,
      actorId: options.actor.id,
      actorLabel: options.actor.label,
      unitId: p.unitId ?? null,
      note: p.note ?? null,
      data: p.data ?? {},
    };
  });
  const extraLinks: ExtraUnitLink[] = [];
  for (const p of planned) {
    const unit = p.data?.unit as { id?: string; path?: string } | undefined;
    if (p.type === 'copied' && unit?.id && unit.path)
      extraLinks.push({ unit: { id: unit.id, path: unit.path }, role: 'copy' });
    const former = p.data?.from as { id?: string; path?: string } | undefined;
    if (former?.id && former.path)
      extraLinks.push({ unit: { id: former.id, path: former.path }, role: 'former_owner' });
  }
  // Open311 clients follow their requests: a status change goes out through the outbox, committed
  // with the change itself (src/open311/status-webhook.ts delivers it).
  const messages: OutboxMessage[] =
    demand.channel === 'open311' && state.status !== demand.status
      ? [
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
        ]
      : [];
  return {
    rows,
    before,
    state,
    eventCount: demand.eventCount + rows.length,
    extraLinks,
    linkedPaths: [
      ...(state.owner ? [state.owner.path] : []),
      ...state.coUnits.map((u) => u.path),
      ...extraLinks.map((l) => l.unit.path),
    ],
    messages,
    audit: {
      districtCode: demand.districtCode,
      actor: options.actor,
      action: options.auditAction,
      targetType: 'demand',
      targetId: demand.id,
      details: { code: demand.code, events: planned.map((p) => p.type), ...options.auditDetails },
      requestId: options.requestId ?? null,
    },
  };
}

/**
 * Appends a step's events, folds the full history again and writes the cache columns, then audits —
 * all inside the caller's transaction, with the demand row locked. Re-folding from the stored events
 * keeps the cache honest even if it was ever wrong.
 */
export async function recordEvents(
  tx: Db,
  demand: DemandRow,
  planned: PlannedEvent[],
  options: RecordOptions & {
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
  const history = demand.eventCount === 0 ? [] : (await listEvents(tx, demand.id)).map(toEventRecord);
  const plan = planEvents(demand, history, planned, options);
  const appended = await appendEvents(tx, plan.rows);
  const row = await saveState(
    tx,
    demand.id,
    demand.districtCode,
    plan.state,
    plan.eventCount,
    plan.extraLinks,
  );
  await enqueueMessages(tx, plan.messages);
  const { state, eventCount, linkedPaths } = plan;
  if (options.deferred) {
    options.deferred.audits.push(plan.audit);
    options.deferred.after.push(() => updateRollups(tx, demand, plan.before, state));
    return { state, eventCount, row, appended, linkedPaths };
  }
  // The rollup change runs in the audit append's statement, under the district's audit lock, which
  // orders every writer of its rollups (one round trip less while the lock is held).
  await appendAudit(tx, plan.audit, rollupChanges([{ demand, before: plan.before, after: state }]));
  return { state, eventCount, row, appended, linkedPaths };
}
