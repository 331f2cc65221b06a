import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../core/db/connection.ts';
import {
  COUNTERS,
  type Contribution,
  type Counters,
  contributionOf,
  type MeasuredState,
} from './contribution.ts';

interface Delta {
  period: string;
  ownerPath: string;
  counters: Counters;
}

/**
 * Moves a demand's contribution in the 三率 rollups from its state before to its state after a
 * change, inside the caller's transaction (called by recordEvents after the audit append, so every
 * writer of a district already holds the district's audit lock: rollup rows are never locked in two
 * orders, and a rebuild taking the same lock sees a quiet district). One statement, none when the
 * change does not touch the measures (most steps: sign-for and contact move a demand between
 * counters; due-soon/overdue marks do not).
 */
export async function updateRollups(
  tx: Db,
  demand: RolledDemand,
  before: MeasuredState,
  after: MeasuredState,
): Promise<void> {
  const parts = rollupChanges([{ demand, before, after }]);
  if (parts.length === 0) return;
  await tx.execute(sql`WITH ${sql.join(parts, sql`, `)} SELECT 1`);
}

type RolledDemand = { id: string; districtCode: string; createdAt: Date };

/**
 * The statement parts of updateRollups (data-modifying CTEs named r, d, p), for a caller that runs them
 * in a statement of its own: recordEvents runs them in the audit append's statement, and a batch of
 * intakes runs ALL its demands' changes in one (deltas of the same rollup row summed: a statement may
 * not touch one row twice; docs/decisions/perf-intake.md). Empty when nothing touches the measures.
 * All demands must be of one district.
 */
export function rollupChanges(
  changes: readonly { demand: RolledDemand; before: MeasuredState; after: MeasuredState }[],
): SQL[] {
  const districtCode = changes[0]?.demand.districtCode;
  const deltas: Delta[] = [];
  const settled: string[] = [];
  const pending: SQL[] = [];
  for (const { demand, before, after } of changes) {
    if (demand.districtCode !== districtCode) throw new Error('rollupChanges: one district per statement');
    const b = contributionOf(demand.createdAt, before);
    const a = contributionOf(demand.createdAt, after);
    deltas.push(...rollupDeltas(b, a));
    const pendingChanged =
      (b?.failAt ?? null) !== (a?.failAt ?? null) ||
      (a?.failAt != null && (a.period !== b?.period || a.ownerPath !== b?.ownerPath));
    if (!pendingChanged) continue;
    // An upsert when still undecided, else a delete.
    if (a?.failAt == null) settled.push(demand.id);
    else
      pending.push(
        sql`(${demand.id}::uuid, ${demand.districtCode}, ${a.period}, ${a.ownerPath}, ${new Date(a.failAt).toISOString()}::timestamptz)`,
      );
  }
  const parts: SQL[] = [];
  const summed = sumDeltas(deltas);
  if (summed.length > 0 && districtCode) parts.push(sql`r AS (${upsertRollups(districtCode, summed)})`);
  if (settled.length > 0)
    parts.push(
      sql`d AS (DELETE FROM demand_rollup_pending WHERE demand_id IN (${sql.join(
        settled.map((id) => sql`${id}::uuid`),
        sql`, `,
      )}))`,
    );
  if (pending.length > 0)
    parts.push(
      sql`p AS (INSERT INTO demand_rollup_pending (demand_id, district_code, period, owner_path, fail_at)
        VALUES ${sql.join(pending, sql`, `)}
        ON CONFLICT (demand_id) DO UPDATE SET period = excluded.period, owner_path = excluded.owner_path, fail_at = excluded.fail_at)`,
    );
  return parts;
}

/** Deltas of the same rollup row added up, zero rows dropped, in a fixed key order (no lock-order inversions). */
function sumDeltas(deltas: readonly Delta[]): Delta[] {
  const byKey = new Map<string, Delta>();
  for (const d of deltas) {
    const key = `${d.period}\u0000${d.ownerPath}`;
    const target = byKey.get(key) ?? { period: d.period, ownerPath: d.ownerPath, counters: zero() };
    for (const k of COUNTERS) target.counters[k] += d.counters[k];
    byKey.set(key, target);
  }
  return [...byKey.values()]
    .filter((d) => COUNTERS.some((k) => d.counters[k] !== 0))
    .sort((x, y) => (x.period + x.ownerPath < y.period + y.ownerPath ? -1 : 1));
}

/** The signed changes to apply: one row when the key stays, two (−before, +after) when it moves. */
export function rollupDeltas(b: Contribution | null, a: Contribution | null): Delta[] {
  const out: Delta[] = [];
  const add = (c: Contribution, sign: 1 | -1) => {
    const key = out.find((d) => d.period === c.period && d.ownerPath === c.ownerPath);
    const target = key ?? { period: c.period, ownerPath: c.ownerPath, counters: zero() };
    for (const k of COUNTERS) target.counters[k] += sign * c.counters[k];
    if (!key) out.push(target);
  };
  if (b) add(b, -1);
  if (a) add(a, 1);
  // A fixed order of keys: two transactions never lock the same rows in opposite orders.
  return out
    .filter((d) => COUNTERS.some((k) => d.counters[k] !== 0))
    .sort((x, y) => (x.period + x.ownerPath < y.period + y.ownerPath ? -1 : 1));
}

const zero = (): Counters => Object.fromEntries(COUNTERS.map((k) => [k, 0])) as Counters;

function upsertRollups(districtCode: string, deltas: Delta[]) {
  const rows = deltas.map(
    (d) =>
      sql`(${districtCode}, ${d.period}, ${d.ownerPath}, ${sql.join(
        COUNTERS.map((k) => sql`${d.counters[k]}::int`),
        sql`, `,
      )})`,
  );
  return sql`INSERT INTO demand_rollups (district_code, period, owner_path, dispatched, responded, late,
      callbacks, resolved, rated, satisfied, appeals_excluded)
    VALUES ${sql.join(rows, sql`, `)}
    ON CONFLICT (district_code, period, owner_path) DO UPDATE SET
      dispatched = demand_rollups.dispatched + excluded.dispatched,
      responded = demand_rollups.responded + excluded.responded,
      late = demand_rollups.late + excluded.late,
      callbacks = demand_rollups.callbacks + excluded.callbacks,
      resolved = demand_rollups.resolved + excluded.resolved,
      rated = demand_rollups.rated + excluded.rated,
      satisfied = demand_rollups.satisfied + excluded.satisfied,
      appeals_excluded = demand_rollups.appeals_excluded + excluded.appeals_excluded`;
}
