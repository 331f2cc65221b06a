import { sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../core/db/connection.ts';
import { monthRange } from '../compute-rankings.ts';

/**
 * The contribution rules of contribution.ts in SQL, over the demands' cache columns: one row per
 * measured demand with its period, owner, counters and (undecided responses) fail_at. `where` narrows
 * the demands (a district's month, or everything for the migration's backfill).
 */
export const measuredSql = (where: ReturnType<typeof sql>) => sql`
  WITH m AS (
    SELECT d.id, d.district_code, d.owner_path,
      to_char((d.created_at AT TIME ZONE 'UTC') + interval '8 hours', 'YYYY-MM') AS period,
      (d.state->>'signedAt')::timestamptz AS sa, (d.state->>'signDueAt')::timestamptz AS sd,
      (d.state->>'contactedAt')::timestamptz AS ca, (d.state->>'contactDueAt')::timestamptz AS cd,
      (d.state->'callback'->>'reached')::boolean IS TRUE AS reached,
      (d.state->'callback'->>'resolved')::boolean AS res,
      coalesce(d.state->'callback'->>'satisfaction', '') AS sat,
      coalesce(d.state->>'appeal', 'none') = 'approved' AS appeal_ok
    FROM demands d
    WHERE d.owner_path IS NOT NULL AND d.status NOT IN ('refused', 'answered', 'merged') AND ${where}
  ), f AS (
    SELECT m.*, (sa IS NOT NULL AND (sd IS NULL OR sa <= sd)) AS sign_ok,
      (ca IS NOT NULL AND (cd IS NULL OR ca <= cd)) AS contact_ok
    FROM m
  ), c AS (
    SELECT f.*,
      (sign_ok AND contact_ok) AS responded,
      (NOT (sign_ok AND contact_ok) AND ((sa IS NOT NULL AND NOT sign_ok) OR (ca IS NOT NULL AND NOT contact_ok))) AS late,
      (reached AND NOT appeal_ok) AS counted
    FROM f
  )`;

/**
 * Inserts the rollups and the undecided responses of the demands `where` selects, in one pass over
 * them (the CTE is read twice, the demands once).
 */
export const insertRollupsSql = (where: ReturnType<typeof sql>) => sql`
  ${measuredSql(where)}, ins AS (
    INSERT INTO demand_rollups (district_code, period, owner_path, dispatched, responded, late, callbacks,
      resolved, rated, satisfied, appeals_excluded)
    SELECT district_code, period, owner_path, count(*)::int,
      count(*) FILTER (WHERE responded)::int, count(*) FILTER (WHERE late)::int,
      count(*) FILTER (WHERE counted AND res IS NOT NULL)::int, count(*) FILTER (WHERE counted AND res)::int,
      count(*) FILTER (WHERE counted AND sat <> '')::int,
      count(*) FILTER (WHERE counted AND sat IN ('satisfied', 'basically_satisfied'))::int,
      count(*) FILTER (WHERE reached AND appeal_ok)::int
    FROM c GROUP BY district_code, period, owner_path
  )
  INSERT INTO demand_rollup_pending (demand_id, district_code, period, owner_path, fail_at)
  SELECT id, district_code, period, owner_path,
    least(CASE WHEN sa IS NULL THEN sd END, CASE WHEN ca IS NULL THEN cd END)
  FROM c
  WHERE NOT responded AND NOT late
    AND least(CASE WHEN sa IS NULL THEN sd END, CASE WHEN ca IS NULL THEN cd END) IS NOT NULL`;

/**
 * Recomputes one month of a district's rollups from the demands themselves (after a restore, a
 * definition change, or to check the incremental ones). Takes the district's audit lock — the lock
 * every writer of the district holds while it changes rollups — so no change slips in between.
 */
export async function rebuildRollupMonth(
  db: Db,
  input: { districtCode: string; period: string },
): Promise<{ rollupRows: number; pending: number }> {
  const { from, to } = monthRange(input.period);
  const where = sql`d.district_code = ${input.districtCode}
    AND d.created_at >= ${from.toISOString()}::timestamptz AND d.created_at < ${to.toISOString()}::timestamptz`;
  return db.transaction(async (tx) => {
    await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${`audit:${input.districtCode}`}))`);
    for (const table of [sql`demand_rollups`, sql`demand_rollup_pending`])
      await tx.execute(
        sql`DELETE FROM ${table} WHERE district_code = ${input.districtCode} AND period = ${input.period}`,
      );
    await tx.execute(insertRollupsSql(where));
    const [n] = await queryRows<{ r: number; p: number }>(
      tx,
      sql`SELECT (SELECT count(*)::int FROM demand_rollups WHERE district_code = ${input.districtCode} AND period = ${input.period}) AS r,
        (SELECT count(*)::int FROM demand_rollup_pending WHERE district_code = ${input.districtCode} AND period = ${input.period}) AS p`,
    );
    return { rollupRows: Number(n?.r ?? 0), pending: Number(n?.p ?? 0) };
  });
}
