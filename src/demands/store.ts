import { and, asc, desc, eq, gte, inArray, like, lt, or, sql } from 'drizzle-orm';
import type { Db } from '../core/db/connection.ts';
import type { DemandEventRecord, DemandState, UnitRef } from './lifecycle.ts';
import {
  type DemandEventRow,
  type DemandRow,
  demandEvents,
  demandRoutingRules,
  demands,
  demandUnits,
} from './tables.ts';

/** The demands module's queries; other capabilities call these, never the tables. */

export type NewDemand = typeof demands.$inferInsert;

export async function findByIdempotencyKey(
  db: Db,
  districtCode: string,
  key: string,
): Promise<DemandRow | undefined> {
  const [row] = await db
    .select()
    .from(demands)
    .where(and(eq(demands.districtCode, districtCode), eq(demands.idempotencyKey, key)));
  return row;
}

export async function getDemand(
  db: Db,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<DemandRow | undefined> {
  const q = db.select().from(demands).where(eq(demands.id, id));
  const [row] = options.forUpdate ? await q.for('update') : await q;
  return row;
}

export async function getDemandByCode(db: Db, code: string): Promise<DemandRow | undefined> {
  const [row] = await db.select().from(demands).where(eq(demands.code, code));
  return row;
}

export async function listEvents(db: Db, demandId: string): Promise<DemandEventRow[]> {
  return db
    .select()
    .from(demandEvents)
    .where(eq(demandEvents.demandId, demandId))
    .orderBy(asc(demandEvents.seq));
}

export const toEventRecord = (e: DemandEventRow): DemandEventRecord => ({
  type: e.type as DemandEventRecord['type'],
  at: e.at,
  data: e.data,
});

export type NewEvent = typeof demandEvents.$inferInsert;

/**
 * Appends events numbered after the demand's last one (the caller holds the demand row lock, or the
 * demand is new) and returns the stored rows in order: what a later listEvents would read for them.
 * One multi-row insert: a round trip per step (or per batch of intakes), not per event.
 */
export async function appendEvents(tx: Db, events: readonly NewEvent[]): Promise<DemandEventRow[]> {
  const rows =
    events.length > 0
      ? await tx
          .insert(demandEvents)
          .values([...events])
          .returning()
      : [];
  return rows.sort((a, b) => (a.demandId === b.demandId ? a.seq - b.seq : a.demandId < b.demandId ? -1 : 1));
}

/** A unit link written with the state: a copy or a former owner keeps read access to the demand. */
export interface ExtraUnitLink {
  unit: UnitRef;
  role: 'copy' | 'former_owner';
}

/** The cache columns of a folded state (written by saveState, or with a new demand's row). */
export function stateColumns(state: DemandState, eventCount: number) {
  return {
    status: state.status,
    ownerUnitId: state.owner?.id ?? null,
    ownerPath: state.owner?.path ?? null,
    dueAt: state.dueAt,
    signDueAt: state.signDueAt,
    contactDueAt: state.contactDueAt,
    dueState: state.dueState,
    dispatchedAt: state.dispatchedAt,
    closedAt: state.closedAt,
    escalated: state.escalated,
    mergedInto: state.mergedInto,
    eventCount,
    state: state as unknown as Record<string, unknown>,
  };
}

/** The unit links of a state: owner, co-handlers, then the step's extra links (copies, former owners). */
export function unitLinksOf(
  demandId: string,
  districtCode: string,
  state: DemandState,
  extraLinks: readonly ExtraUnitLink[],
): (typeof demandUnits.$inferInsert)[] {
  const links: { unit: UnitRef; role: 'owner' | 'co' | 'copy' | 'former_owner' }[] = [
    ...(state.owner ? [{ unit: state.owner, role: 'owner' as const }] : []),
    ...state.coUnits.map((u) => ({ unit: u, role: 'co' as const })),
    ...extraLinks,
  ];
  return links.map((l) => ({
    demandId,
    unitId: l.unit.id,
    unitPath: l.unit.path,
    role: l.role,
    districtCode,
  }));
}

/** Writes unit links in one statement; a link already present is left as it is. */
export async function insertUnitLinks(
  tx: Db,
  links: readonly (typeof demandUnits.$inferInsert)[],
): Promise<void> {
  if (links.length > 0)
    await tx
      .insert(demandUnits)
      .values([...links])
      .onConflictDoNothing();
}

/** Inserts new demands (already carrying their folded state) in one statement; rows in input order. */
export async function insertDemands(tx: Db, rows: readonly NewDemand[]): Promise<DemandRow[]> {
  const stored = await tx
    .insert(demands)
    .values([...rows])
    .returning();
  const byId = new Map(stored.map((r) => [r.id, r]));
  return rows.map((r) => byId.get(r.id) as DemandRow);
}

/**
 * Writes the folded state into the cache columns, and the unit links scoped queries use (owner and
 * co-handlers, then `extraLinks`, in one statement; a link already present is left as it is).
 */
export async function saveState(
  tx: Db,
  demandId: string,
  districtCode: string,
  state: DemandState,
  eventCount: number,
  extraLinks: ExtraUnitLink[] = [],
): Promise<DemandRow> {
  const [row] = await tx
    .update(demands)
    .set({ ...stateColumns(state, eventCount), updatedAt: new Date() })
    .where(eq(demands.id, demandId))
    .returning();
  await insertUnitLinks(tx, unitLinksOf(demandId, districtCode, state, extraLinks));
  return row as DemandRow;
}

/** Records that a unit is concerned by a demand (idempotent). Former owners keep read access. */
export async function linkUnit(
  tx: Db,
  demandId: string,
  districtCode: string,
  unit: UnitRef,
  role: 'owner' | 'co' | 'copy' | 'former_owner',
): Promise<void> {
  await tx
    .insert(demandUnits)
    .values({ demandId, unitId: unit.id, unitPath: unit.path, role, districtCode })
    .onConflictDoNothing();
}

export async function unitPathsOf(db: Db, demandId: string): Promise<string[]> {
  const rows = await db
    .select({ p: demandUnits.unitPath })
    .from(demandUnits)
    .where(eq(demandUnits.demandId, demandId));
  return rows.map((r) => r.p);
}

export interface DemandFilter {
  districtCode: string;
  /** Caller's scope: demands located in it, or owned/co-handled/copied by a unit in it. */
  scopePath: string;
  status?: string[] | undefined;
  dueState?: string | undefined;
  ownedWithin?: string | undefined;
  categoryCode?: string | undefined;
  q?: string | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
  /** Only demands that came in through this channel (Open311 serves its own requests). */
  channel?: string | undefined;
  /** Only these public tracking codes. */
  codes?: string[] | undefined;
  limit: number;
  offset: number;
}

export async function listDemands(db: Db, f: DemandFilter): Promise<DemandRow[]> {
  const where = [
    eq(demands.districtCode, f.districtCode),
    or(
      like(demands.locationPath, `${f.scopePath}%`),
      sql`EXISTS (SELECT 1 FROM ${demandUnits} du WHERE du.demand_id = ${demands.id} AND du.unit_path LIKE ${`${f.scopePath}%`})`,
    ),
  ];
  if (f.status?.length) where.push(inArray(demands.status, f.status));
  if (f.dueState) where.push(eq(demands.dueState, f.dueState));
  if (f.ownedWithin) where.push(like(demands.ownerPath, `${f.ownedWithin}%`));
  if (f.categoryCode) where.push(eq(demands.categoryCode, f.categoryCode));
  if (f.q) where.push(or(like(demands.content, `%${f.q}%`), eq(demands.code, f.q)));
  if (f.from) where.push(gte(demands.createdAt, f.from));
  if (f.to) where.push(lt(demands.createdAt, f.to));
  if (f.channel) where.push(eq(demands.channel, f.channel));
  if (f.codes) where.push(f.codes.length ? inArray(demands.code, f.codes) : sql`false`);
  return db
    .select()
    .from(demands)
    .where(and(...where))
    .orderBy(desc(demands.createdAt))
    .limit(f.limit)
    .offset(f.offset);
}

/** Open demands of the same category at the same grid (or street) in the last `days` days. */
export async function findLikelyDuplicates(
  db: Db,
  input: {
    districtCode: string;
    categoryCode: string | null;
    gridId: string | null;
    streetId: string | null;
    since: Date;
    excludeId?: string;
  },
): Promise<DemandRow[]> {
  if (!input.categoryCode || (!input.gridId && !input.streetId)) return [];
  const place = input.gridId
    ? eq(demands.gridId, input.gridId)
    : eq(demands.streetId, input.streetId as string);
  const rows = await db
    .select()
    .from(demands)
    .where(
      and(
        eq(demands.districtCode, input.districtCode),
        eq(demands.categoryCode, input.categoryCode),
        place,
        gte(demands.createdAt, input.since),
        inArray(demands.status, ['pending_dispatch', 'dispatched', 'in_progress', 'returned', 'replied']),
      ),
    )
    .orderBy(desc(demands.createdAt))
    .limit(5);
  return rows.filter((r) => r.id !== input.excludeId);
}

export type RoutingRuleRow = typeof demandRoutingRules.$inferSelect;

export async function listRoutingRules(db: Db, districtCode: string): Promise<RoutingRuleRow[]> {
  return db.select().from(demandRoutingRules).where(eq(demandRoutingRules.districtCode, districtCode));
}

export async function upsertRoutingRules(
  tx: Db,
  rows: (typeof demandRoutingRules.$inferInsert)[],
): Promise<void> {
  for (let i = 0; i < rows.length; i += 200) {
    await tx
      .insert(demandRoutingRules)
      .values(rows.slice(i, i + 200))
      .onConflictDoUpdate({
        target: [demandRoutingRules.districtCode, demandRoutingRules.categoryCode],
        set: {
          target: sql`excluded.target`,
          departmentId: sql`excluded.department_id`,
          utility: sql`excluded.utility`,
          complexity: sql`excluded.complexity`,
          updatedAt: new Date(),
        },
      });
  }
}

/**
 * The latest event of each demand among `types` (e.g. the steps a requester is told about), in one
 * query for a whole page of demands.
 */
export async function latestEventsOf(
  db: Db,
  demandIds: readonly string[],
  types: readonly string[],
): Promise<Map<string, DemandEventRow>> {
  if (demandIds.length === 0 || types.length === 0) return new Map();
  const rows = await db
    .selectDistinctOn([demandEvents.demandId])
    .from(demandEvents)
    .where(and(inArray(demandEvents.demandId, [...demandIds]), inArray(demandEvents.type, [...types])))
    .orderBy(demandEvents.demandId, desc(demandEvents.seq));
  return new Map(rows.map((r) => [r.demandId, r]));
}
