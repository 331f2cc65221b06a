import { sql } from 'drizzle-orm';
import { BENCH_DISTRICT } from '../src/bench/city.ts';
import { type Database, queryRows } from '../src/core/db/connection.ts';
import { computeRanking, computeRankingFromRaw } from '../src/demands/compute-rankings.ts';
import { rebuildRollupMonth } from '../src/demands/rollups/rebuild-rollups.ts';
import { quantile, round, timeIt } from './lib/stats.ts';

/** The month with the most demands (a full month of the generated history). */
export async function busiestMonth(database: Database): Promise<{ period: string; demands: number }> {
  const [row] = await queryRows<{ period: string; n: number }>(
    database.db,
    sql`SELECT period, sum(dispatched)::int AS n FROM demand_rollups WHERE district_code = ${BENCH_DISTRICT}
      GROUP BY period ORDER BY n DESC LIMIT 1`,
  );
  const [all] = await queryRows<{ n: number }>(
    database.db,
    sql`SELECT count(*)::int AS n FROM demands WHERE district_code = ${BENCH_DISTRICT}
      AND created_at >= (${`${row?.period ?? '2000-01'}-01T00:00:00+08:00`})::timestamptz
      AND created_at < ((${`${row?.period ?? '2000-01'}-01T00:00:00+08:00`})::timestamptz + interval '1 month')`,
  );
  return { period: row?.period ?? '2000-01', demands: Number(all?.n ?? 0) };
}

/**
 * Monthly 三率 ranking of all streets and all departments from the rollups (p50/p95 over `n` calls
 * of each level), the same from raw rows (the rollups' reference, and what every request cost before),
 * the rebuild of the month from raw rows, and a check that rollups and raw agree.
 */
export async function benchRanking(database: Database, n: number, rawRuns: number) {
  const db = database.db;
  const { period, demands } = await busiestMonth(database);
  const now = new Date();
  const input = (level: 'street' | 'department') => ({ districtCode: BENCH_DISTRICT, period, level, now });
  await computeRanking(db, input('street'));
  const streets = await timeIt(n, () => computeRanking(db, input('street')));
  const departments = await timeIt(n, () => computeRanking(db, input('department')));
  const both = streets.map((s, i) => s + (departments[i] ?? 0));
  const raw = await timeIt(rawRuns, (i) => computeRankingFromRaw(db, input(i % 2 ? 'department' : 'street')));
  const equal =
    JSON.stringify(await computeRanking(db, input('street'))) ===
      JSON.stringify(await computeRankingFromRaw(db, input('street'))) &&
    JSON.stringify(await computeRanking(db, input('department'))) ===
      JSON.stringify(await computeRankingFromRaw(db, input('department')));
  const rebuild = await timeIt(Math.max(1, Math.min(3, rawRuns)), () =>
    rebuildRollupMonth(db, { districtCode: BENCH_DISTRICT, period }),
  );
  const [{ rows } = { rows: 0 }] = await queryRows<{ rows: number }>(
    db,
    sql`SELECT count(*)::int AS rows FROM demand_rollups WHERE district_code = ${BENCH_DISTRICT} AND period = ${period}`,
  );
  return {
    // The target is per ranking (streets, departments): the slower level's p95.
    ranking_p95_ms: round(Math.max(quantile(streets, 0.95), quantile(departments, 0.95))),
    both_levels_p95_ms: round(quantile(both, 0.95)),
    both_levels_p50_ms: round(quantile(both, 0.5)),
    street_p95_ms: round(quantile(streets, 0.95)),
    department_p95_ms: round(quantile(departments, 0.95)),
    raw_p50_ms: round(quantile(raw, 0.5)),
    rebuild_month_ms: round(quantile(rebuild, 0.5)),
    rollups_equal_raw: equal,
    period,
    month_demands: demands,
    rollup_rows: Number(rows),
    calls: n,
  };
}
