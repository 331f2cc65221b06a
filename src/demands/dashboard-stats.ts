import { and, eq, gte, isNotNull, like, lt, notInArray, sql } from 'drizzle-orm';
import type { Db } from '../core/db/connection.ts';
import { orgUnits } from '../jurisdiction/tables.ts';
import { measuredDemands, monthRange, previousPeriod } from './compute-rankings.ts';
import { demandRules } from './demand-rules.ts';
import { computeRates, type Rates } from './measures.ts';
import { demands } from './tables.ts';

export interface DashboardStats {
  period: string;
  from: string;
  to: string;
  /** Demands received in the period (by status), and the previous period's total for 环比. */
  received: { total: number; previousTotal: number; byStatus: Record<string, number> };
  /** Open work now, whatever month it came in. */
  now: { open: number; overdue: number; dueSoon: number; pendingDispatch: number; awaitingCallback: number };
  rates: Rates;
  byCategory: { code: string; name: string; count: number }[];
  byChannel: { channel: string; count: number }[];
  daily: { date: string; received: number; closed: number }[];
  /** Per grid: demands received in the period, and open overdue ones now. */
  grids: { code: string; name: string; count: number; overdue: number }[];
}

const CLOSED = ['closed', 'answered', 'refused', 'merged'];
/** A timestamp's Beijing calendar date (China keeps UTC+8 all year). */
const beijingDate = (col: typeof demands.createdAt | typeof demands.closedAt) =>
  sql<string>`to_char((${col} AT TIME ZONE 'UTC') + interval '8 hours', 'YYYY-MM-DD')`;

/**
 * The leader dashboard (驾驶舱) of a scope for one month: volumes, 三率 of the owners in the scope,
 * open and overdue work now, categories, channels, a daily trend and per-grid figures for the map.
 * `scopePath` is the caller's jurisdiction (the district root for district-wide roles).
 */
export async function dashboardStats(
  db: Db,
  input: { districtCode: string; scopePath: string; period: string; now?: Date },
): Promise<DashboardStats> {
  const { from, to } = monthRange(input.period);
  const prev = monthRange(previousPeriod(input.period));
  const inScope = and(
    eq(demands.districtCode, input.districtCode),
    like(demands.locationPath, `${input.scopePath}%`),
  );
  const inPeriod = and(inScope, gte(demands.createdAt, from), lt(demands.createdAt, to));
  const count = sql<number>`count(*)::int`;

  const [byStatus, [prevRow], [nowRow], byCategory, byChannel, received, closed, grids, rules, measured] =
    await Promise.all([
      db.select({ status: demands.status, n: count }).from(demands).where(inPeriod).groupBy(demands.status),
      db
        .select({ n: count })
        .from(demands)
        .where(and(inScope, gte(demands.createdAt, prev.from), lt(demands.createdAt, prev.to))),
      db
        .select({
          open: count,
          overdue: sql<number>`count(*) FILTER (WHERE ${demands.dueState} = 'overdue')::int`,
          dueSoon: sql<number>`count(*) FILTER (WHERE ${demands.dueState} = 'due_soon')::int`,
          pendingDispatch: sql<number>`count(*) FILTER (WHERE ${demands.status} = 'pending_dispatch')::int`,
          awaitingCallback: sql<number>`count(*) FILTER (WHERE ${demands.status} = 'replied')::int`,
        })
        .from(demands)
        .where(and(inScope, notInArray(demands.status, CLOSED))),
      db
        .select({ code: demands.categoryCode, name: demands.categoryName, n: count })
        .from(demands)
        .where(and(inPeriod, isNotNull(demands.categoryCode)))
        .groupBy(demands.categoryCode, demands.categoryName)
        .orderBy(sql`3 DESC`)
        .limit(10),
      db
        .select({ channel: demands.channel, n: count })
        .from(demands)
        .where(inPeriod)
        .groupBy(demands.channel),
      db
        .select({ date: beijingDate(demands.createdAt), n: count })
        .from(demands)
        .where(inPeriod)
        .groupBy(sql`1`),
      db
        .select({ date: beijingDate(demands.closedAt), n: count })
        .from(demands)
        .where(and(inScope, gte(demands.closedAt, from), lt(demands.closedAt, to)))
        .groupBy(sql`1`),
      db
        .select({
          code: orgUnits.code,
          name: orgUnits.name,
          count: sql<number>`count(*) FILTER (WHERE ${demands.createdAt} >= ${from.toISOString()}::timestamptz AND ${demands.createdAt} < ${to.toISOString()}::timestamptz)::int`,
          overdue: sql<number>`count(*) FILTER (WHERE ${demands.dueState} = 'overdue' AND ${demands.status} NOT IN ('closed', 'answered', 'refused', 'merged'))::int`,
        })
        .from(demands)
        .innerJoin(orgUnits, eq(orgUnits.id, demands.gridId))
        .where(inScope)
        .groupBy(orgUnits.code, orgUnits.name),
      demandRules(db, input.districtCode),
      measuredDemands(db, input.districtCode, input.period),
    ]);

  const receivedByDay = new Map(received.map((r) => [r.date, Number(r.n)]));
  const closedByDay = new Map(closed.map((r) => [r.date, Number(r.n)]));
  const daily: DashboardStats['daily'] = [];
  const last = Math.min(to.getTime(), (input.now ?? new Date()).getTime());
  for (let t = from.getTime() + 8 * 3600_000; t < last + 8 * 3600_000; t += 86_400_000) {
    const date = new Date(t).toISOString().slice(0, 10);
    daily.push({ date, received: receivedByDay.get(date) ?? 0, closed: closedByDay.get(date) ?? 0 });
  }
  const statusCounts = Object.fromEntries(byStatus.map((r) => [r.status, Number(r.n)]));
  const owned = measured.filter((m) => m.ownerPath?.startsWith(input.scopePath));
  return {
    period: input.period,
    from: from.toISOString(),
    to: to.toISOString(),
    received: {
      total: Object.values(statusCounts).reduce((a, b) => a + b, 0),
      previousTotal: Number(prevRow?.n ?? 0),
      byStatus: statusCounts,
    },
    now: {
      open: Number(nowRow?.open ?? 0),
      overdue: Number(nowRow?.overdue ?? 0),
      dueSoon: Number(nowRow?.dueSoon ?? 0),
      pendingDispatch: Number(nowRow?.pendingDispatch ?? 0),
      awaitingCallback: Number(nowRow?.awaitingCallback ?? 0),
    },
    rates: computeRates(owned, rules.weights, input.now ?? new Date()),
    byCategory: byCategory.map((r) => ({
      code: r.code as string,
      name: r.name ?? (r.code as string),
      count: Number(r.n),
    })),
    byChannel: byChannel.map((r) => ({ channel: r.channel, count: Number(r.n) })),
    daily,
    grids: grids
      .map((g) => ({ code: g.code, name: g.name, count: Number(g.count), overdue: Number(g.overdue) }))
      .filter((g) => g.count > 0 || g.overdue > 0),
  };
}
