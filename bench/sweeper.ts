import { sql } from 'drizzle-orm';
import { BENCH_DISTRICT } from '../src/bench/city.ts';
import { type Database, queryRows } from '../src/core/db/connection.ts';
import { sweepDeadlines } from '../src/demands/sweep-deadlines.ts';
import { intakeRate } from './intake.ts';
import type { LoadGenerator } from './lib/load.ts';
import { round } from './lib/stats.ts';

/**
 * The deadline sweeper over the open demands while intake runs: intake's rate during a sweep against
 * its rate without one. The backlog: open demands past their limit whose overdue mark is cleared, as
 * after a sweeper outage — each one costs the sweeper a locked transition with its audit row.
 */
export async function benchSweeper(
  database: Database,
  load: LoadGenerator,
  seconds: number,
  backlog: number,
) {
  const db = database.db;
  const [open] = await queryRows<{ n: number }>(
    db,
    sql`SELECT count(*)::int AS n FROM demands WHERE district_code = ${BENCH_DISTRICT}
      AND status IN ('pending_dispatch', 'dispatched', 'in_progress', 'returned', 'replied')`,
  );
  const reset = async () => {
    const rows = await queryRows<{ n: number }>(
      db,
      sql`WITH b AS (
          SELECT id FROM demands WHERE district_code = ${BENCH_DISTRICT}
            AND status IN ('dispatched', 'in_progress', 'returned') AND due_at < now()
          ORDER BY due_at LIMIT ${backlog})
        UPDATE demands d SET due_state = 'ok' FROM b WHERE d.id = b.id RETURNING 1`,
    );
    return rows.length;
  };
  const without = await intakeRate(load, seconds, 8, 11);
  const prepared = await reset();
  const sweepStarted = performance.now();
  let sweepSeconds = 0;
  let swept = 0;
  const sweep = sweepDeadlines(db).then((r) => {
    sweepSeconds = (performance.now() - sweepStarted) / 1000;
    swept = r.overdue + r.dueSoon + r.callbacksScheduled;
  });
  const during = await intakeRate(load, seconds, 8, 12);
  await sweep;
  const rateOf = (r: { statuses: Record<string, number>; seconds: number }) =>
    (r.statuses['201'] ?? 0) / r.seconds;
  return {
    sweep_ratio: round(rateOf(during) / rateOf(without), 3),
    intake_without_per_s: round(rateOf(without), 1),
    intake_during_per_s: round(rateOf(during), 1),
    open_demands: Number(open?.n ?? 0),
    backlog: prepared,
    swept,
    sweep_seconds: round(sweepSeconds),
    sweep_per_s: round(swept / Math.max(sweepSeconds, 1e-9), 1),
    sweep_covered_window: sweepSeconds >= seconds,
  };
}
