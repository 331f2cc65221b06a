import { and, asc, desc, eq, gte, inArray, isNull, like, lt, or, sql } from 'drizzle-orm';
import type { Db } from '../core/db/connection.ts';
import type { GridEventState, StepRecord, StepType } from './event-lifecycle.ts';
import type { CaseHistory } from './indicators.ts';
import { type GridEventRow, type GridEventStepRow, gridEventSteps, gridEvents } from './tables.ts';

/** Queries of grid events and their steps; other capabilities call these, never the tables. */

export type NewGridEvent = typeof gridEvents.$inferInsert;
export type NewStep = Omit<typeof gridEventSteps.$inferInsert, 'seq' | 'eventId'>;

export async function insertGridEvent(tx: Db, row: NewGridEvent): Promise<void> {
  await tx.insert(gridEvents).values(row);
}

export async function getGridEvent(
  db: Db,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<GridEventRow | undefined> {
  const q = db.select().from(gridEvents).where(eq(gridEvents.id, id));
  const [row] = options.forUpdate ? await q.for('update') : await q;
  return row;
}

export async function getGridEvents(db: Db, ids: readonly string[]): Promise<GridEventRow[]> {
  if (ids.length === 0) return [];
  return db
    .select()
    .from(gridEvents)
    .where(inArray(gridEvents.id, [...ids]));
}

export async function listSteps(db: Db, eventId: string): Promise<GridEventStepRow[]> {
  return db
    .select()
    .from(gridEventSteps)
    .where(eq(gridEventSteps.eventId, eventId))
    .orderBy(asc(gridEventSteps.seq));
}

export const toStepRecord = (s: Pick<GridEventStepRow, 'type' | 'at' | 'data'>): StepRecord => ({
  type: s.type as StepType,
  at: s.at,
  data: s.data,
});

/** Appends steps after the event's last one (the caller holds the event's row lock). */
export async function appendSteps(tx: Db, eventId: string, after: number, steps: NewStep[]): Promise<number> {
  let seq = after;
  for (const s of steps) {
    seq++;
    await tx.insert(gridEventSteps).values({ ...s, eventId, seq });
  }
  return seq;
}

/** Writes the folded state into the cache columns. */
export async function saveState(
  tx: Db,
  eventId: string,
  state: GridEventState,
  stepCount: number,
): Promise<void> {
  await tx
    .update(gridEvents)
    .set({
      status: state.status,
      ownerPath: state.owner?.path ?? '',
      handlerPath: state.handler?.path ?? null,
      dueAt: state.dueAt,
      demandId: state.demandId,
      closedAt: state.closedAt,
      stepCount,
      state: state as unknown as Record<string, unknown>,
      updatedAt: new Date(),
    })
    .where(eq(gridEvents.id, eventId));
}

export interface GridEventFilter {
  districtCode: string;
  /** The caller's scope: events located, managed or handled inside it. */
  scopePath: string;
  status?: string[] | undefined;
  /** Only events this unit manages (owner) or handles. */
  side?: 'owner' | 'handler' | undefined;
  sidePath?: string | undefined;
  gridPath?: string | undefined;
  reporterId?: string | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
  overdue?: boolean | undefined;
  limit: number;
  offset: number;
}

export async function listGridEvents(db: Db, f: GridEventFilter): Promise<GridEventRow[]> {
  const scope = `${f.scopePath}%`;
  const where = [
    eq(gridEvents.districtCode, f.districtCode),
    or(
      like(gridEvents.locationPath, scope),
      like(gridEvents.ownerPath, scope),
      like(gridEvents.handlerPath, scope),
    ),
  ];
  if (f.status?.length) where.push(inArray(gridEvents.status, f.status));
  if (f.side === 'owner' && f.sidePath) where.push(like(gridEvents.ownerPath, `${f.sidePath}%`));
  if (f.side === 'handler' && f.sidePath) where.push(like(gridEvents.handlerPath, `${f.sidePath}%`));
  if (f.gridPath) where.push(like(gridEvents.locationPath, `${f.gridPath}%`));
  if (f.reporterId) where.push(eq(gridEvents.reporterId, f.reporterId));
  if (f.from) where.push(gte(gridEvents.createdAt, f.from));
  if (f.to) where.push(lt(gridEvents.createdAt, f.to));
  if (f.overdue) where.push(eq(gridEvents.status, 'dispatched'), lt(gridEvents.dueAt, sql`now()`));
  return db
    .select()
    .from(gridEvents)
    .where(and(...where))
    .orderBy(desc(gridEvents.createdAt))
    .limit(f.limit)
    .offset(f.offset);
}

/**
 * Every case that can count in a period [from, to): reported before its end and not closed before
 * its start, located or handled within `unitPath` — with all steps, for the pure indicator fold.
 */
export async function loadCaseHistories(
  db: Db,
  f: { districtCode: string; unitPath: string; from: Date; to: Date },
): Promise<CaseHistory[]> {
  const rows = await db
    .select({ id: gridEvents.id, locationPath: gridEvents.locationPath })
    .from(gridEvents)
    .where(
      and(
        eq(gridEvents.districtCode, f.districtCode),
        lt(gridEvents.createdAt, f.to),
        or(isNull(gridEvents.closedAt), gte(gridEvents.closedAt, f.from)),
        or(like(gridEvents.locationPath, `${f.unitPath}%`), like(gridEvents.handlerPath, `${f.unitPath}%`)),
      ),
    );
  if (rows.length === 0) return [];
  const steps = await db
    .select({
      eventId: gridEventSteps.eventId,
      type: gridEventSteps.type,
      at: gridEventSteps.at,
      data: gridEventSteps.data,
    })
    .from(gridEventSteps)
    .where(
      inArray(
        gridEventSteps.eventId,
        rows.map((r) => r.id),
      ),
    )
    .orderBy(asc(gridEventSteps.eventId), asc(gridEventSteps.seq));
  const byEvent = new Map<string, StepRecord[]>();
  for (const s of steps) {
    const list = byEvent.get(s.eventId) ?? [];
    list.push(toStepRecord(s));
    byEvent.set(s.eventId, list);
  }
  return rows.map((r) => ({ id: r.id, locationPath: r.locationPath, steps: byEvent.get(r.id) ?? [] }));
}
