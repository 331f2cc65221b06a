import { and, asc, desc, eq, gte, inArray, like, lt, or, sql } from 'drizzle-orm';
import type { Db } from '../core/db/connection.ts';
import type { StepRecord, StepType, WhistleState } from './lifecycle.ts';
import {
  type WhistleRow,
  type WhistleStepRow,
  type WhistleSummonsRow,
  whistleSteps,
  whistleSummons,
  whistles,
} from './tables.ts';

/** The whistles module's queries; other capabilities call these, never the tables. */

export type NewWhistle = typeof whistles.$inferInsert;
export type NewStep = Omit<typeof whistleSteps.$inferInsert, 'seq' | 'whistleId'>;

export async function insertWhistle(tx: Db, row: NewWhistle): Promise<void> {
  await tx.insert(whistles).values(row);
}

export async function getWhistle(
  db: Db,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<WhistleRow | undefined> {
  const q = db.select().from(whistles).where(eq(whistles.id, id));
  const [row] = options.forUpdate ? await q.for('update') : await q;
  return row;
}

export async function listSteps(db: Db, whistleId: string): Promise<WhistleStepRow[]> {
  return db
    .select()
    .from(whistleSteps)
    .where(eq(whistleSteps.whistleId, whistleId))
    .orderBy(asc(whistleSteps.seq));
}

export const toStepRecord = (s: Pick<WhistleStepRow, 'type' | 'at' | 'data'>): StepRecord => ({
  type: s.type as StepType,
  at: s.at,
  data: s.data,
});

export async function appendSteps(
  tx: Db,
  whistleId: string,
  after: number,
  steps: NewStep[],
): Promise<number> {
  let seq = after;
  for (const s of steps) {
    seq++;
    await tx.insert(whistleSteps).values({ ...s, whistleId, seq });
  }
  return seq;
}

export async function listSummons(db: Db, whistleId: string): Promise<WhistleSummonsRow[]> {
  return db.select().from(whistleSummons).where(eq(whistleSummons.whistleId, whistleId));
}

/** Writes the folded state into the whistle's cache columns and one summons row per summons. */
export async function saveState(
  tx: Db,
  whistle: WhistleRow,
  state: WhistleState,
  stepCount: number,
): Promise<void> {
  await tx
    .update(whistles)
    .set({
      status: state.status,
      closedAt: state.closedAt,
      stepCount,
      state: state as unknown as Record<string, unknown>,
      updatedAt: new Date(),
    })
    .where(eq(whistles.id, whistle.id));
  for (const s of state.summons) {
    const cache = {
      whistleStatus: state.status,
      checkedInAt: s.checkedInAt,
      late: s.late,
      actionCount: s.actionCount,
      ratingScore: s.rating?.score ?? null,
      ratingComment: s.rating?.comment ?? null,
      ratedAt: s.rating ? state.closedAt : null,
    };
    await tx
      .insert(whistleSummons)
      .values({
        id: s.id,
        districtCode: whistle.districtCode,
        whistleId: whistle.id,
        targetKind: s.target.kind,
        unitId: s.target.kind === 'unit' ? s.target.unitId : null,
        memberId: s.target.kind === 'party_member' ? s.target.memberId : null,
        targetCode: s.target.kind === 'unit' ? s.target.code : null,
        targetName: s.target.name,
        targetPath: s.target.path,
        blownAt: state.blownAt ?? whistle.createdAt,
        reportDueAt: state.reportDueAt ?? whistle.reportDueAt,
        ...cache,
      })
      .onConflictDoUpdate({ target: whistleSummons.id, set: cache });
  }
}

export interface WhistleFilter {
  districtCode: string;
  scopePath: string;
  status?: string[] | undefined;
  /** `blown`: whistles the caller's unit blew; `summoned`: whistles summoning it. */
  side?: 'blown' | 'summoned' | undefined;
  sidePath?: string | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
  limit: number;
  offset: number;
}

/** Whistles either side of which lies in the scope, newest first. */
export async function listWhistles(db: Db, f: WhistleFilter): Promise<WhistleRow[]> {
  const summonedWithin = (path: string) =>
    sql`exists (select 1 from whistle_summons s where s.whistle_id = ${whistles.id} and s.target_path like ${`${path}%`})`;
  const where = [
    eq(whistles.districtCode, f.districtCode),
    or(like(whistles.blowerPath, `${f.scopePath}%`), summonedWithin(f.scopePath)),
  ];
  if (f.status?.length) where.push(inArray(whistles.status, f.status));
  if (f.side === 'blown' && f.sidePath) where.push(like(whistles.blowerPath, `${f.sidePath}%`));
  if (f.side === 'summoned' && f.sidePath) where.push(summonedWithin(f.sidePath));
  if (f.from) where.push(gte(whistles.createdAt, f.from));
  if (f.to) where.push(lt(whistles.createdAt, f.to));
  return db
    .select()
    .from(whistles)
    .where(and(...where))
    .orderBy(desc(whistles.createdAt))
    .limit(f.limit)
    .offset(f.offset);
}

/** Whistles that name a grid event (for the event's detail). */
export async function whistlesForGridEvent(db: Db, gridEventId: string): Promise<WhistleRow[]> {
  return db
    .select()
    .from(whistles)
    .where(sql`${whistles.gridEventIds} @> ${JSON.stringify([gridEventId])}::jsonb`)
    .orderBy(asc(whistles.createdAt));
}

/** The summons of whistles blown in [from, to) — what the per-unit measures read. */
export async function summonsBlownBetween(
  db: Db,
  f: { districtCode: string; from: Date; to: Date; kind?: 'unit' | 'party_member' },
): Promise<WhistleSummonsRow[]> {
  const where = [
    eq(whistleSummons.districtCode, f.districtCode),
    gte(whistleSummons.blownAt, f.from),
    lt(whistleSummons.blownAt, f.to),
  ];
  if (f.kind) where.push(eq(whistleSummons.targetKind, f.kind));
  return db
    .select()
    .from(whistleSummons)
    .where(and(...where));
}

/** The whistles blown in [from, to) — what the blower measures read. */
export async function whistlesBlownBetween(
  db: Db,
  f: { districtCode: string; from: Date; to: Date },
): Promise<WhistleRow[]> {
  return db
    .select()
    .from(whistles)
    .where(
      and(
        eq(whistles.districtCode, f.districtCode),
        gte(whistles.createdAt, f.from),
        lt(whistles.createdAt, f.to),
      ),
    );
}
