import { sql } from 'drizzle-orm';
import { rawClient } from '../src/bench/bulk-insert.ts';
import { type Database, queryRows } from '../src/core/db/connection.ts';
import { uuidv7 } from '../src/core/ids.ts';
import { intakeBodies } from './lib/bodies.ts';
import type { LoadGenerator, LoadResult } from './lib/load.ts';
import { quantile, round } from './lib/stats.ts';

export interface IntakeNumbers {
  ratio: number;
  intakePerSecond: number;
  rawPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  rawP50Ms: number;
  rawP99Ms: number;
  requests: number;
  errors: number;
  concurrency: number;
  rounds: number;
}

/**
 * The baseline: single-row INSERTs of a demand-sized row (a real demand's values, same columns, same
 * indexes, autocommit) at the same concurrency through the same driver the server uses.
 */
export async function rawInsertRate(
  database: Database,
  seconds: number,
  concurrency: number,
): Promise<{ perSecond: number; latencies: number[] }> {
  const db = database.db;
  await db.execute(
    sql`CREATE TABLE IF NOT EXISTS bench_raw_demands (LIKE demands INCLUDING DEFAULTS INCLUDING INDEXES)`,
  );
  const [template] = await queryRows<Record<string, unknown>>(
    db,
    sql`SELECT * FROM demands WHERE owner_path IS NOT NULL ORDER BY created_at DESC LIMIT 1`,
  );
  if (!template) throw new Error('no demand to copy: generate data first');
  const columns = Object.keys(template);
  const values = columns.map((c) => {
    const v = template[c];
    return v instanceof Date ? v.toISOString() : v !== null && typeof v === 'object' ? JSON.stringify(v) : v;
  });
  const text = `INSERT INTO bench_raw_demands (${columns.map((c) => `"${c}"`).join(', ')}) VALUES (${columns
    .map((_, i) => `$${i + 1}`)
    .join(', ')})`;
  const idAt = columns.indexOf('id');
  const codeAt = columns.indexOf('code');
  const keyAt = columns.indexOf('idempotency_key');
  const client = rawClient(database);
  const latencies: number[] = [];
  let n = 0;
  const started = performance.now();
  const deadline = started + seconds * 1000;
  const loop = async () => {
    while (performance.now() < deadline) {
      const row = [...values];
      row[idAt] = uuidv7();
      row[codeAt] = `R${process.pid}${n++}`;
      if (keyAt >= 0) row[keyAt] = null;
      const t = performance.now();
      await client.query(text, row);
      latencies.push(performance.now() - t);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, loop));
  const elapsed = (performance.now() - started) / 1000;
  await db.execute(sql`TRUNCATE bench_raw_demands`);
  return { perSecond: latencies.length / elapsed, latencies };
}

/** HTTP intake (POST /api/demands, dispatch per suggestion) at `concurrency`, closed loop. */
export async function intakeRate(
  load: LoadGenerator,
  seconds: number,
  concurrency: number,
  seed: number,
): Promise<LoadResult> {
  const jobs = intakeBodies(3000, seed).map((b) => ({
    method: 'POST' as const,
    path: '/api/demands',
    body: JSON.stringify(b),
  }));
  return load.run({ jobs, seconds, concurrency });
}

/**
 * Alternates baseline and intake `rounds` times (the machine is shared: interleaving spreads the
 * noise over both) and compares the totals.
 */
export async function benchIntake(options: {
  database: Database;
  load: LoadGenerator;
  seconds: number;
  rounds: number;
  concurrency?: number;
}): Promise<IntakeNumbers> {
  const concurrency = options.concurrency ?? 8;
  // Warm-up: JIT, the spatial index, classifier and calendar caches, the connection pool.
  await intakeRate(options.load, 2, concurrency, 99);
  await rawInsertRate(options.database, 1, concurrency);
  const raw = { n: 0, s: 0, lat: [] as number[] };
  const http = { n: 0, s: 0, lat: [] as number[], errors: 0 };
  for (let r = 0; r < options.rounds; r++) {
    const b = await rawInsertRate(options.database, options.seconds, concurrency);
    raw.n += b.latencies.length;
    raw.s += b.latencies.length / b.perSecond;
    raw.lat.push(...b.latencies);
    const i = await intakeRate(options.load, options.seconds, concurrency, r);
    const ok = i.statuses['201'] ?? 0;
    http.n += ok;
    http.s += i.seconds;
    http.errors += i.latencies.length - ok;
    http.lat.push(...i.latencies);
  }
  const intakePerSecond = http.n / http.s;
  const rawPerSecond = raw.n / raw.s;
  return {
    ratio: round(intakePerSecond / rawPerSecond, 3),
    intakePerSecond: round(intakePerSecond, 1),
    rawPerSecond: round(rawPerSecond, 1),
    p50Ms: round(quantile(http.lat, 0.5)),
    p99Ms: round(quantile(http.lat, 0.99)),
    rawP50Ms: round(quantile(raw.lat, 0.5)),
    rawP99Ms: round(quantile(raw.lat, 0.99)),
    requests: http.n,
    errors: http.errors,
    concurrency,
    rounds: options.rounds,
  };
}
