/**
 * `npm run bench [-- --quick] [-- --json]`: the city-scale benchmark suite (bench/README.md). Every
 * target is a ratio or a latency measured in THIS run on THIS machine, printed with the load average.
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import { BENCH_DISTRICT, BENCH_USERS } from '../src/bench/city.ts';
import { generateBenchData } from '../src/bench/generate.ts';
import { progressBar } from '../src/bench/progress-bar.ts';
import { type Database, openDatabase, queryRows } from '../src/core/db/connection.ts';
import { benchClassify } from './classify.ts';
import { benchIntake } from './intake.ts';
import { openPostgres, postgresFor, removeDir, startServer } from './lib/env.ts';
import { LoadGenerator } from './lib/load.ts';
import { machineLoad, report } from './lib/stats.ts';
import { benchMemory } from './memory.ts';
import { benchRanking } from './ranking.ts';
import { benchSweeper } from './sweeper.ts';
import { benchWorkbench } from './workbench.ts';

const { values } = parseArgs({
  args: process.argv.slice(2),
  options: {
    quick: { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
    'pg-demands': { type: 'string' },
    'pglite-demands': { type: 'string' },
    months: { type: 'string' },
    seconds: { type: 'string' },
    rounds: { type: 'string' },
    reuse: { type: 'boolean', default: false },
    'pg-database': { type: 'string', default: 'jiedao_bench' },
    skip: { type: 'string', default: '' },
    'memory-demands': { type: 'string' },
  },
});
const quick = values.quick;
const json = values.json;
const skip = new Set(values.skip.split(',').filter(Boolean));
const num = (v: string | undefined, d: number) => (v === undefined ? d : Number(v));
const cfg = {
  pgDemands: num(values['pg-demands'], quick ? 8_000 : 200_000),
  pgliteDemands: num(values['pglite-demands'], quick ? 2_000 : 50_000),
  months: num(values.months, quick ? 3 : 12),
  seconds: num(values.seconds, quick ? 4 : 10),
  rounds: num(values.rounds, quick ? 1 : 3),
  memoryDemands: num(values['memory-demands'], quick ? 400 : 5_000),
  rankingCalls: quick ? 40 : 200,
  rawRankingRuns: quick ? 2 : 5,
  classifyDemands: quick ? 3_000 : 20_000,
  workbenchSeconds: quick ? 4 : 20,
  sweepBacklog: quick ? 1_500 : 10_000,
};
const summary: Record<string, unknown> = {};
const log = (text: string) => {
  if (!json) process.stderr.write(`${text}\n`);
};
const started = performance.now();

async function generate(database: Database, demands: number, label: string) {
  const [row] = await queryRows<{ n: number }>(
    database.db,
    sql`SELECT count(*)::int AS n FROM demands WHERE district_code = ${BENCH_DISTRICT}`,
  ).catch(() => [{ n: 0 }]);
  if (values.reuse && Number(row?.n ?? 0) > 0) {
    log(`${label}: reusing ${row?.n} generated demands`);
    return { demands: Number(row?.n), reused: true };
  }
  const bar = progressBar(`gen ${label}`);
  const r = await generateBenchData({
    database,
    demands,
    months: cfg.months,
    seed: 1,
    actor: { id: null, label: 'bench' },
    onProgress: (p) => {
      if (p.phase === 'demands' && !json) bar.update(p.done, p.total);
    },
  });
  if (!json) bar.end();
  report(`gen_${label}`, { ...r }, json);
  return { demands: r.demands, rowsPerSecond: r.rowsPerSecond, reused: false };
}

async function postgres() {
  log('— PostgreSQL —');
  const pg = await postgresFor(values['pg-database'], values.reuse);
  const database = await openPostgres(pg.url);
  try {
    const gen = await generate(database, cfg.pgDemands, 'pg');
    summary.demands_pg = gen.demands;
    if (gen.rowsPerSecond) summary.gen_rows_per_s_pg = gen.rowsPerSecond;
    const server = await startServer(database);
    const hotline = new LoadGenerator(server.port, await server.cookie(BENCH_USERS.hotline));
    const street = new LoadGenerator(server.port, await server.cookie(BENCH_USERS.street));
    try {
      if (!skip.has('intake')) {
        const r = await benchIntake({ database, load: hotline, seconds: cfg.seconds, rounds: cfg.rounds });
        report('intake_pg', { ...r }, json);
        summary.intake_ratio_pg = r.ratio;
        summary.intake_per_s_pg = r.intakePerSecond;
        summary.intake_p99_ms_pg = r.p99Ms;
      }
      if (!skip.has('classify')) {
        const r = await benchClassify(database, server.ctx, cfg.classifyDemands);
        report('classify', r, json);
        summary.classify_us = r.classify_us;
      }
      if (!skip.has('ranking')) {
        const r = await benchRanking(database, cfg.rankingCalls, cfg.rawRankingRuns);
        report('ranking_pg', r, json);
        summary.ranking_p95_ms_pg = r.ranking_p95_ms;
        summary.rebuild_month_ms_pg = r.rebuild_month_ms;
        summary.rollups_equal_raw_pg = r.rollups_equal_raw;
      }
      if (!skip.has('workbench')) {
        const r = await benchWorkbench(database, street, cfg.workbenchSeconds);
        report('workbench_pg', r, json);
        summary.workbench_p99_ms_pg = r.workbench_p99_ms;
      }
      if (!skip.has('sweeper')) {
        const r = await benchSweeper(database, hotline, cfg.seconds, cfg.sweepBacklog);
        report('sweeper_pg', r, json);
        summary.sweep_ratio_pg = r.sweep_ratio;
      }
    } finally {
      await hotline.close();
      await street.close();
      await server.close();
    }
  } finally {
    await database.close();
    await pg.stop();
  }
}

async function pglite() {
  log('— PGlite —');
  // A data folder as `npm start` uses, without fsync (both the baseline and intake commit once each).
  const dir = mkdtempSync(path.join(os.tmpdir(), 'jiedao-bench-pglite-'));
  const database = await openDatabase({ dataDir: dir, fsync: false, checkOnOpen: false });
  try {
    const gen = await generate(database, cfg.pgliteDemands, 'pglite');
    summary.demands_pglite = gen.demands;
    const server = await startServer(database);
    const hotline = new LoadGenerator(server.port, await server.cookie(BENCH_USERS.hotline));
    try {
      if (!skip.has('intake')) {
        const r = await benchIntake({ database, load: hotline, seconds: cfg.seconds, rounds: cfg.rounds });
        report('intake_pglite', { ...r }, json);
        summary.intake_ratio_pglite = r.ratio;
        summary.intake_per_s_pglite = r.intakePerSecond;
        summary.intake_p99_ms_pglite = r.p99Ms;
      }
      if (!skip.has('ranking')) {
        const r = await benchRanking(database, cfg.rankingCalls, cfg.rawRankingRuns);
        report('ranking_pglite', r, json);
        summary.ranking_p95_ms_pglite = r.ranking_p95_ms;
      }
    } finally {
      await hotline.close();
      await server.close();
    }
  } finally {
    await database.close();
  }
  try {
    // Memory: a server process of its own on the same folder, demands coming in over HTTP.
    if (!skip.has('memory')) {
      const r = await benchMemory(dir, cfg.memoryDemands);
      report('memory_pglite', r, json);
      summary.rss_mb_pglite = r.rss_end_mb;
      summary.rss_growth_last_10pct_mb = r.rss_growth_last_10pct_mb;
    }
  } finally {
    removeDir(dir);
  }
}

if (!skip.has('pg')) await postgres();
if (!skip.has('pglite')) await pglite();

const load = machineLoad();
const final = {
  ...summary,
  load1: load.load1,
  cores: load.cores,
  quick,
  seconds: Math.round((performance.now() - started) / 1000),
};
if (!json) {
  const targets: [string, unknown, string, boolean | null][] = [
    ['intake ratio PostgreSQL', summary.intake_ratio_pg, '≥ 0.5', ge(summary.intake_ratio_pg, 0.5)],
    ['intake ratio PGlite', summary.intake_ratio_pglite, '≥ 0.5', ge(summary.intake_ratio_pglite, 0.5)],
    ['classify+route+geolocate µs', summary.classify_us, '≤ 50', le(summary.classify_us, 50)],
    ['ranking p95 ms PostgreSQL', summary.ranking_p95_ms_pg, '≤ 50', le(summary.ranking_p95_ms_pg, 50)],
    ['ranking p95 ms PGlite', summary.ranking_p95_ms_pglite, '≤ 50', le(summary.ranking_p95_ms_pglite, 50)],
    [
      'rebuild one month ms PostgreSQL',
      summary.rebuild_month_ms_pg,
      '≤ 1000',
      le(summary.rebuild_month_ms_pg, 1000),
    ],
    [
      'workbench p99 ms @100/s PostgreSQL',
      summary.workbench_p99_ms_pg,
      '≤ 50',
      le(summary.workbench_p99_ms_pg, 50),
    ],
    [
      'intake during sweep ratio PostgreSQL',
      summary.sweep_ratio_pg,
      '≥ 0.8',
      ge(summary.sweep_ratio_pg, 0.8),
    ],
    [
      'generator rows/s PostgreSQL',
      summary.gen_rows_per_s_pg,
      '≥ 40000',
      ge(summary.gen_rows_per_s_pg, 40_000),
    ],
  ];
  process.stderr.write(
    `\n  targets (load ${load.load1} on ${load.cores} cores; sizes: ${summary.demands_pg ?? '-'} PG, ${summary.demands_pglite ?? '-'} PGlite demands)\n`,
  );
  for (const [name, value, target, ok] of targets)
    process.stderr.write(
      `  ${ok === null ? '·' : ok ? '✓' : '✗'} ${name.padEnd(38)} ${String(value ?? '-').padStart(10)}  ${target}\n`,
    );
}
process.stdout.write(`${JSON.stringify(final)}\n`);

function ge(v: unknown, t: number): boolean | null {
  return typeof v === 'number' ? v >= t : null;
}
function le(v: unknown, t: number): boolean | null {
  return typeof v === 'number' ? v <= t : null;
}
