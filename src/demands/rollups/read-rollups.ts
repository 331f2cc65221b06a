import { sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../core/db/connection.ts';
import { composite, type RankedUnit, type Rates, type Weights } from '../measures.ts';
import { type Counters, zeroCounters } from './contribution.ts';

/** One owning unit's counters for a month, with the undecided responses whose limit has passed. */
export interface RollupRow extends Counters {
  ownerPath: string;
  /** Undecided responses whose earliest open limit is before `now`: late/missed as of now. */
  overdueUndecided: number;
}

/**
 * The month's rollup rows of a district as of `now`: two index scans of a few thousand rows. With
 * `topLevel`, summed in SQL per district child (`/district/unit/`, the level streets and departments
 * sit at), so a few hundred rows cross to the application instead of every owning unit's.
 */
export async function readRollups(
  db: Db,
  input: { districtCode: string; period: string; now: Date; topLevel?: boolean },
): Promise<RollupRow[]> {
  const key = input.topLevel
    ? sql`'/' || split_part(owner_path, '/', 2) || '/' || split_part(owner_path, '/', 3) || '/'`
    : sql`owner_path`;
  const rows = await queryRows<Record<string, string | number>>(
    db,
    sql`WITH r AS (
        SELECT ${key} AS owner_path, sum(dispatched)::int AS dispatched, sum(responded)::int AS responded,
          sum(late)::int AS late, sum(callbacks)::int AS callbacks, sum(resolved)::int AS resolved,
          sum(rated)::int AS rated, sum(satisfied)::int AS satisfied, sum(appeals_excluded)::int AS appeals_excluded
        FROM demand_rollups WHERE district_code = ${input.districtCode} AND period = ${input.period}
        GROUP BY 1
      ), p AS (
        SELECT ${key} AS owner_path, count(*)::int AS n FROM demand_rollup_pending
        WHERE district_code = ${input.districtCode} AND period = ${input.period}
          AND fail_at < ${input.now.toISOString()}::timestamptz
        GROUP BY 1
      )
      SELECT r.*, coalesce(p.n, 0)::int AS overdue_undecided FROM r LEFT JOIN p ON p.owner_path = r.owner_path`,
  );
  return rows.map((r) => ({
    ownerPath: String(r.owner_path),
    dispatched: Number(r.dispatched),
    responded: Number(r.responded),
    late: Number(r.late),
    callbacks: Number(r.callbacks),
    resolved: Number(r.resolved),
    rated: Number(r.rated),
    satisfied: Number(r.satisfied),
    appealsExcluded: Number(r.appeals_excluded),
    overdueUndecided: Number(r.overdue_undecided),
  }));
}

/** The rates of summed counters — the same arithmetic as computeRates over the demands themselves. */
export function ratesOf(c: Counters & { overdueUndecided: number }, weights: Weights): Rates {
  const lateOrMissed = c.late + c.overdueUndecided;
  const decided = c.responded + lateOrMissed;
  const r: Rates = {
    dispatched: c.dispatched,
    responded: c.responded,
    lateOrMissed,
    responseRate: decided > 0 ? c.responded / decided : null,
    callbacks: c.callbacks,
    resolved: c.resolved,
    resolutionRate: c.callbacks > 0 ? c.resolved / c.callbacks : null,
    rated: c.rated,
    satisfied: c.satisfied,
    satisfactionRate: c.rated > 0 ? c.satisfied / c.rated : null,
    appealsExcluded: c.appealsExcluded,
    composite: null,
  };
  r.composite = composite(r, weights);
  return r;
}

/**
 * Sums rollup rows under the unit whose path contains the owner (a street takes its communities', a
 * department its stationed units'; the first unit in order when several would) and ranks them exactly
 * as rankUnits does: by composite, ties sharing a rank, units without a score last and unranked.
 */
export function rankRollups<U extends { path: string }>(
  units: readonly U[],
  rows: readonly RollupRow[],
  weights: Weights,
): RankedUnit<U>[] {
  const byPath = new Map<string, number>();
  units.forEach((u, i) => {
    if (!byPath.has(u.path)) byPath.set(u.path, i);
  });
  const sums = units.map(() => ({ ...zeroCounters(), overdueUndecided: 0 }));
  for (const row of rows) {
    // Every prefix of the owner path ending in "/" that is a unit's path; the earliest unit wins.
    let best: number | undefined;
    for (let i = row.ownerPath.indexOf('/', 1); i > 0; i = row.ownerPath.indexOf('/', i + 1)) {
      const at = byPath.get(row.ownerPath.slice(0, i + 1));
      if (at !== undefined && (best === undefined || at < best)) best = at;
    }
    const sum = best === undefined ? undefined : sums[best];
    if (!sum) continue;
    for (const k of Object.keys(sum) as (keyof typeof sum)[]) sum[k] += row[k];
  }
  const ranked = units.map((unit, i) => ({
    unit,
    rates: ratesOf(sums[i] as Counters & { overdueUndecided: number }, weights),
    rank: null as number | null,
  }));
  ranked.sort((a, b) => (b.rates.composite ?? -1) - (a.rates.composite ?? -1));
  let previous: number | null = null;
  ranked.forEach((x, i) => {
    if (x.rates.composite === null) return;
    x.rank = previous !== null && x.rates.composite === previous ? (ranked[i - 1]?.rank ?? i + 1) : i + 1;
    previous = x.rates.composite;
  });
  return ranked;
}

const UNITS_TTL_MS = 60_000;
const unitsCache = new Map<string, { stamp: string; loadedAt: number; units: unknown }>();

/**
 * The units a ranking lists (every street, or every department), cached per process for a minute:
 * they change only when a district is set up, and reading ~350 rows costs more than the ranking itself
 * on PGlite. The stamp is the district unit's id, so another database is never served this one's list.
 */
export async function cachedUnits<U>(
  db: Db,
  districtCode: string,
  level: string,
  load: () => Promise<U[]>,
): Promise<U[]> {
  const [row] = await queryRows<{ id: string | null }>(
    db,
    sql`SELECT id::text AS id FROM org_units WHERE code = ${`${districtCode}000000`}`,
  );
  const key = `${districtCode}:${level}`;
  const stamp = String(row?.id);
  const hit = unitsCache.get(key);
  if (hit && hit.stamp === stamp && Date.now() - hit.loadedAt < UNITS_TTL_MS) return hit.units as U[];
  const units = await load();
  unitsCache.set(key, { stamp, loadedAt: Date.now(), units });
  return units;
}
