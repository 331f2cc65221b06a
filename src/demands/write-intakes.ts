import { PgTransaction } from 'drizzle-orm/pg-core';
import { appendAuditBatch } from '../core/audit/append-audit.ts';
import type { Db } from '../core/db/connection.ts';
import { GroupCommit, GroupCommitRegistry, type GroupTicket } from '../core/db/group-commit.ts';
import { enqueueMessages } from '../core/outbox/enqueue-message.ts';
import type { EventPlan } from './record-events.ts';
import { rollupChanges } from './rollups/maintain-rollups.ts';
import { appendEvents, insertDemands, insertUnitLinks, type NewDemand, unitLinksOf } from './store.ts';
import { classificationFeedback, type DemandEventRow, type DemandRow } from './tables.ts';

/** A new demand with everything it writes, planned before its transaction (intake-demand.ts). */
export interface PreparedIntake {
  /** The demand row, already carrying the state folded from its first events. */
  row: NewDemand & { id: string; districtCode: string; createdAt: Date };
  plan: EventPlan;
  /** An operator's explicit category: a training row for the classifier. */
  feedback: typeof classificationFeedback.$inferInsert | null;
}

export interface WrittenIntake {
  demand: DemandRow;
  /** Its events as stored, in order. */
  events: DemandEventRow[];
}

/**
 * Writes new demands of ONE district in one transaction: the demands, their events, unit links,
 * classifier feedback and Open311 messages one multi-row statement each, then the audit links and the
 * rollup changes in one append under the district's lock. Nine statements for a batch of any size
 * (docs/decisions/perf-intake-group-commit.md); each demand is exactly what a lone intake writes.
 */
export async function writeIntakes(db: Db, items: readonly PreparedIntake[]): Promise<WrittenIntake[]> {
  return db.transaction(async (tx) => {
    const demands = await insertDemands(
      tx,
      items.map((i) => i.row),
    );
    const events = await appendEvents(
      tx,
      items.flatMap((i) => i.plan.rows),
    );
    await insertUnitLinks(
      tx,
      items.flatMap((i) => unitLinksOf(i.row.id, i.row.districtCode, i.plan.state, i.plan.extraLinks)),
    );
    const feedback = items.flatMap((i) => (i.feedback ? [i.feedback] : []));
    if (feedback.length > 0) await tx.insert(classificationFeedback).values(feedback);
    await enqueueMessages(
      tx,
      items.flatMap((i) => i.plan.messages),
    );
    await appendAuditBatch(
      tx,
      items.map((i) => i.plan.audit),
      rollupChanges(items.map((i) => ({ demand: i.row, before: i.plan.before, after: i.plan.state }))),
    );
    const eventsOf = new Map<string, DemandEventRow[]>();
    for (const e of events) eventsOf.set(e.demandId, [...(eventsOf.get(e.demandId) ?? []), e]);
    return demands.map((demand) => ({ demand, events: eventsOf.get(demand.id) ?? [] }));
  });
}

const isTransaction = (db: Db): boolean => db instanceof PgTransaction;

// One queue per database handle and district: a district's intakes share its audit chain.
const queues = new GroupCommitRegistry<PreparedIntake, WrittenIntake>(
  (handle) =>
    new GroupCommit((items) => writeIntakes(handle as Db, items), {
      conflictKey: (item) => item.row.idempotencyKey ?? null,
    }),
);

/**
 * The district's queue, for an intake about to be prepared (its ticket lets the queue wait for it), or
 * null inside a caller's open transaction (a grid event dispatched as a demand), which the intake joins.
 */
export function intakeWriterFor(db: Db, districtCode: string) {
  return isTransaction(db) ? null : queues.for(db, districtCode);
}

/**
 * Writes one intake: with the intakes of its district that arrive meanwhile (group commit), or, inside a
 * caller's open transaction, as part of that transaction.
 */
export async function writeIntake(
  db: Db,
  item: PreparedIntake,
  ticket: GroupTicket | null,
): Promise<WrittenIntake> {
  const queue = intakeWriterFor(db, item.row.districtCode);
  if (!queue) {
    const [written] = await writeIntakes(db, [item]);
    return written as WrittenIntake;
  }
  return queue.submit(item, ticket ?? undefined);
}

/** The group-commit queue of a district's intakes on a database handle (its stats, for tests and benchmarks). */
export const intakeQueue = (db: Db, districtCode: string) => queues.for(db, districtCode);
