import { eq, sql } from 'drizzle-orm';
import { type AuditActor, appendAudit } from '../core/audit/append-audit.ts';
import { CalendarRegistry } from '../core/calendar/store.ts';
import type { Database } from '../core/db/connection.ts';
import { AppError } from '../core/errors.ts';
import { defaultTaxonomy, type LeafCategory, leafCategories } from '../demands/classify/taxonomy.ts';
import { demandRules } from '../demands/demand-rules.ts';
import { insertRollupsSql } from '../demands/rollups/rebuild-rollups.ts';
import { loadRoutingContext } from '../demands/routing-context.ts';
import { orgUnits } from '../jurisdiction/tables.ts';
import type { Column } from './bulk-insert.ts';
import { BENCH_DISTRICT, type City, layoutCity, writeCity } from './city.ts';
import { copyRows } from './copy-in.ts';
import { createRandom, seedOf, shuffled, WeightedPicker, zipfWeights } from './random.ts';
import {
  type DemandRowValues,
  type EventRowValues,
  type SimulationContext,
  simulateDemand,
  type UnitLinkValues,
} from './simulate-demand.ts';

export interface GenerateOptions {
  database: Database;
  demands: number;
  months: number;
  seed: number;
  /** The generated world's "now" (default: the start of today, Beijing time). */
  until?: Date;
  actor: AuditActor;
  onProgress?: (p: GenerateProgress) => void;
  /** Demands per insert batch (default 2 000). */
  batch?: number;
}

export interface GenerateProgress {
  phase: 'city' | 'demands' | 'indexes' | 'rollups' | 'analyze' | 'done';
  done: number;
  total: number;
  rows: number;
  seconds: number;
  /** Rows per second of the insert phase so far. */
  rate: number;
}

export interface GenerateResult {
  districtCode: string;
  units: number;
  grids: number;
  demands: number;
  events: number;
  unitLinks: number;
  rows: number;
  /** Seconds spent generating and inserting demands, events and unit links. */
  insertSeconds: number;
  rowsPerSecond: number;
  rollupSeconds: number;
  totalSeconds: number;
  from: string;
  until: string;
  backend: string;
}

const DAY = 86_400_000;

/** The start of today in Beijing time. */
export function startOfTodayBeijing(now = Date.now()): Date {
  const local = new Date(now + 8 * 3600_000).toISOString().slice(0, 10);
  return new Date(`${local}T00:00:00+08:00`);
}

/** Category frequencies: Zipf over the taxonomy in a seeded order (a few categories dominate). */
function categoryPicker(seed: number): WeightedPicker<LeafCategory> {
  const leaves = shuffled(leafCategories(defaultTaxonomy()), createRandom(seedOf(seed, 'categories')));
  return new WeightedPicker(leaves, zipfWeights(leaves.length, 1.1));
}

const DEMAND_COLUMNS: Column<DemandRowValues>[] = [
  { name: 'id', type: 'uuid', value: (d) => d.id },
  { name: 'district_code', type: 'text', value: () => BENCH_DISTRICT },
  { name: 'code', type: 'text', value: (d) => d.code },
  { name: 'channel', type: 'text', value: (d) => d.channel },
  { name: 'type', type: 'text', value: (d) => d.type },
  { name: 'urgency', type: 'text', value: (d) => d.urgency },
  { name: 'content', type: 'text', value: (d) => d.content },
  { name: 'category_code', type: 'text', value: (d) => d.categoryCode },
  { name: 'category_name', type: 'text', value: (d) => d.categoryName },
  { name: 'caller_name', type: 'text', value: (d) => d.callerName },
  { name: 'caller_phone', type: 'text', value: (d) => d.callerPhone },
  { name: 'address', type: 'text', value: (d) => d.address },
  { name: 'lng', type: 'float8', value: (d) => d.lng },
  { name: 'lat', type: 'float8', value: (d) => d.lat },
  { name: 'grid_id', type: 'uuid', value: (d) => d.gridId },
  { name: 'community_id', type: 'uuid', value: (d) => d.communityId },
  { name: 'street_id', type: 'uuid', value: (d) => d.streetId },
  { name: 'location_path', type: 'text', value: (d) => d.locationPath },
  { name: 'created_at', type: 'timestamptz', value: (d) => d.createdAt.toISOString() },
  // the cache columns, exactly as saveState writes them
  { name: 'status', type: 'text', value: (d) => d.state.status },
  { name: 'owner_unit_id', type: 'uuid', value: (d) => d.state.owner?.id ?? null },
  { name: 'owner_path', type: 'text', value: (d) => d.state.owner?.path ?? null },
  { name: 'due_at', type: 'timestamptz', value: (d) => d.state.dueAt?.toISOString() ?? null },
  { name: 'sign_due_at', type: 'timestamptz', value: (d) => d.state.signDueAt?.toISOString() ?? null },
  { name: 'contact_due_at', type: 'timestamptz', value: (d) => d.state.contactDueAt?.toISOString() ?? null },
  { name: 'due_state', type: 'text', value: (d) => d.state.dueState },
  { name: 'dispatched_at', type: 'timestamptz', value: (d) => d.state.dispatchedAt?.toISOString() ?? null },
  { name: 'closed_at', type: 'timestamptz', value: (d) => d.state.closedAt?.toISOString() ?? null },
  { name: 'escalated', type: 'bool', value: (d) => d.state.escalated },
  { name: 'merged_into', type: 'uuid', value: (d) => d.state.mergedInto },
  { name: 'event_count', type: 'int4', value: (d) => d.eventCount },
  { name: 'state', type: 'jsonb', value: (d) => JSON.stringify(d.state) },
  { name: 'updated_at', type: 'timestamptz', value: (d) => d.updatedAt.toISOString() },
];

const EVENT_COLUMNS: Column<EventRowValues>[] = [
  { name: 'id', type: 'uuid', value: (e) => e.id },
  { name: 'district_code', type: 'text', value: () => BENCH_DISTRICT },
  { name: 'demand_id', type: 'uuid', value: (e) => e.demandId },
  { name: 'seq', type: 'int4', value: (e) => e.seq },
  { name: 'type', type: 'text', value: (e) => e.type },
  { name: 'at', type: 'timestamptz', value: (e) => e.at.toISOString() },
  { name: 'actor_label', type: 'text', value: (e) => e.actorLabel },
  { name: 'unit_id', type: 'uuid', value: (e) => e.unitId },
  { name: 'note', type: 'text', value: (e) => e.note },
  { name: 'data', type: 'jsonb', value: (e) => JSON.stringify(e.data) },
];

const LINK_COLUMNS: Column<UnitLinkValues>[] = [
  { name: 'demand_id', type: 'uuid', value: (l) => l.demandId },
  { name: 'unit_id', type: 'uuid', value: (l) => l.unitId },
  { name: 'unit_path', type: 'text', value: (l) => l.unitPath },
  { name: 'role', type: 'text', value: (l) => l.role },
  { name: 'district_code', type: 'text', value: () => BENCH_DISTRICT },
];

/**
 * `jiedao bench gen`: builds the benchmark city (once) and appends `demands` demands spread evenly over
 * the `months` months before `until`, with their events and unit links, then rebuilds the 三率 rollups
 * from them (one SQL pass) and refreshes the planner statistics. Deterministic from the seed (ids,
 * codes, texts, times) for a given `until`.
 */
export async function generateBenchData(options: GenerateOptions): Promise<GenerateResult> {
  const started = performance.now();
  const { database } = options;
  const db = database.db;
  const seconds = () => (performance.now() - started) / 1000;
  let insertStarted = performance.now();
  const progress = (p: Omit<GenerateProgress, 'seconds' | 'rate'>) =>
    options.onProgress?.({
      ...p,
      seconds: seconds(),
      rate: Math.round(p.rows / Math.max(1e-3, (performance.now() - insertStarted) / 1000)),
    });
  const city = layoutCity(options.seed);
  const [existing] = await db
    .select({ id: orgUnits.id })
    .from(orgUnits)
    .where(eq(orgUnits.code, city.district.code));
  if (!existing) {
    progress({ phase: 'city', done: 0, total: city.units.length, rows: 0 });
    await writeCity(db, city, options.actor);
    progress({ phase: 'city', done: city.units.length, total: city.units.length, rows: city.units.length });
  } else if (existing.id !== city.district.id) {
    throw new AppError(
      'CONFLICT',
      '数据库中的基准城市由另一个 --seed 生成，请使用相同的 --seed 或空数据库 (bench city built with another seed)',
    );
  }
  const until = (options.until ?? startOfTodayBeijing()).getTime();
  const from = until - options.months * 30 * DAY;
  const rules = await demandRules(db, BENCH_DISTRICT);
  const ctx: SimulationContext = {
    city,
    categories: categoryPicker(options.seed),
    communities: communityPicker(city),
    routing: await loadRoutingContext(db, BENCH_DISTRICT),
    calendar: await new CalendarRegistry().get(db, BENCH_DISTRICT),
    limits: rules.timeLimits,
    until,
  };
  // Continue numbering after demands generated earlier (codes stay unique).
  const [{ n: already } = { n: 0 }] = (
    (await db.execute(
      sql`SELECT count(*)::int AS n FROM demands WHERE district_code = ${BENCH_DISTRICT}`,
    )) as unknown as {
      rows: { n: number }[];
    }
  ).rows;
  // Into empty tables (a benchmark database), secondary indexes are built once at the end — a sort
  // per index instead of a B-tree insert per row and index. Never when the tables hold data.
  const deferred = already === 0 ? await dropSecondaryIndexes(database) : [];
  const batchSize = options.batch ?? 2000;
  const total = options.demands;
  const span = until - from;
  let done = 0;
  let events = 0;
  let links = 0;
  let rows = 0;
  insertStarted = performance.now();
  const inFlight = new Set<Promise<void>>();
  const maxInFlight = database.kind === 'postgres' ? 2 : 1;
  for (let start = 0; start < total; start += batchSize) {
    const count = Math.min(batchSize, total - start);
    const random = createRandom(seedOf(options.seed, 'batch', already + start));
    const batch = Array.from({ length: count }, (_, k) => {
      const i = start + k;
      // Evenly spread and ascending in time (ids are time-ordered UUIDv7s, as in production).
      const at = from + Math.floor(((i + random()) * span) / total);
      return simulateDemand(ctx, already + i, at, random);
    });
    const write = (async () => {
      const d = await copyRows(
        database,
        'demands',
        DEMAND_COLUMNS,
        batch.map((b) => b.demand),
      );
      const eRows = batch.flatMap((b) => b.events);
      const lRows = batch.flatMap((b) => b.links);
      const e = await copyRows(database, 'demand_events', EVENT_COLUMNS, eRows);
      const l = await copyRows(database, 'demand_units', LINK_COLUMNS, lRows);
      done += d;
      events += e;
      links += l;
      rows += d + e + l;
      progress({ phase: 'demands', done, total, rows });
    })();
    inFlight.add(write);
    void write.finally(() => inFlight.delete(write)).catch(() => {});
    if (inFlight.size >= maxInFlight) await Promise.race(inFlight);
  }
  await Promise.all(inFlight);
  if (deferred.length > 0) {
    progress({ phase: 'indexes', done, total, rows });
    for (const d of deferred) await db.execute(sql.raw(d.def));
  }
  const insertSeconds = (performance.now() - insertStarted) / 1000;

  progress({ phase: 'rollups', done, total, rows });
  const rollupStarted = performance.now();
  await db.transaction(async (tx) => {
    await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${`audit:${BENCH_DISTRICT}`}))`);
    await tx.execute(sql`DELETE FROM demand_rollups WHERE district_code = ${BENCH_DISTRICT}`);
    await tx.execute(sql`DELETE FROM demand_rollup_pending WHERE district_code = ${BENCH_DISTRICT}`);
    await tx.execute(insertRollupsSql(sql`d.district_code = ${BENCH_DISTRICT}`));
    await appendAudit(tx, {
      districtCode: BENCH_DISTRICT,
      actor: options.actor,
      action: 'bench.generate',
      targetType: 'jurisdiction',
      targetId: BENCH_DISTRICT,
      details: {
        demands: total,
        months: options.months,
        seed: options.seed,
        until: new Date(until).toISOString(),
      },
    });
  });
  const rollupSeconds = (performance.now() - rollupStarted) / 1000;
  progress({ phase: 'analyze', done, total, rows });
  await db.execute(sql`ANALYZE`);
  progress({ phase: 'done', done, total, rows });
  return {
    districtCode: BENCH_DISTRICT,
    units: city.units.length,
    grids: city.streets.reduce((s, st) => s + st.communities.reduce((c, co) => c + co.grids.length, 0), 0),
    demands: done,
    events,
    unitLinks: links,
    rows,
    insertSeconds: round(insertSeconds),
    rowsPerSecond: Math.round(rows / Math.max(insertSeconds, 1e-9)),
    rollupSeconds: round(rollupSeconds),
    totalSeconds: round(seconds()),
    from: new Date(from).toISOString(),
    until: new Date(until).toISOString(),
    backend: database.kind,
  };
}

const round = (x: number) => Math.round(x * 100) / 100;

/** Drops the non-primary-key indexes of the demand tables and returns their definitions. */
async function dropSecondaryIndexes(database: Database): Promise<{ name: string; def: string }[]> {
  const { rows } = (await database.db.execute(sql`
    SELECT i.relname AS name, pg_get_indexdef(i.oid) AS def
    FROM pg_index x
    JOIN pg_class i ON i.oid = x.indexrelid
    JOIN pg_class t ON t.oid = x.indrelid
    WHERE t.relname IN ('demands', 'demand_events', 'demand_units') AND NOT x.indisprimary
      AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid)
      AND t.relnamespace = 'public'::regnamespace`)) as unknown as { rows: { name: string; def: string }[] };
  for (const r of rows) await database.db.execute(sql.raw(`DROP INDEX "${r.name}"`));
  return rows;
}

function communityPicker(city: City) {
  const items = city.streets.flatMap((street) =>
    street.communities.map((community) => ({ street, community })),
  );
  return new WeightedPicker(
    items,
    items.map((x) => x.community.weight),
  );
}
