import { sql } from 'drizzle-orm';
import { BENCH_DISTRICT } from '../src/bench/city.ts';
import { type Database, queryRows } from '../src/core/db/connection.ts';
import type { LoadGenerator, LoadJob } from './lib/load.ts';
import { quantile, round } from './lib/stats.ts';

/**
 * A street dispatcher's screens under an open-loop 100 requests/s: the to-do counts, the to-do list
 * (own open demands), and filtered searches of the district's history (category + month, a word).
 * Latency counts from the scheduled instant, so queueing behind a slow request is included.
 */
export async function benchWorkbench(database: Database, load: LoadGenerator, seconds: number, rate = 100) {
  const months = await queryRows<{ m: string }>(
    database.db,
    sql`SELECT DISTINCT to_char((created_at AT TIME ZONE 'UTC') + interval '8 hours', 'YYYY-MM') AS m
      FROM demands WHERE district_code = ${BENCH_DISTRICT} AND created_at > now() - interval '120 days' ORDER BY 1`,
  );
  const categories = await queryRows<{ c: string }>(
    database.db,
    sql`SELECT category_code AS c FROM demands WHERE district_code = ${BENCH_DISTRICT} AND category_code IS NOT NULL
      GROUP BY 1 ORDER BY count(*) DESC LIMIT 8`,
  );
  const jobs: LoadJob[] = [];
  for (let i = 0; i < 240; i++) {
    const m = months[i % Math.max(1, months.length)]?.m ?? '2026-01';
    const c = categories[i % Math.max(1, categories.length)]?.c ?? '0101';
    const from = encodeURIComponent(`${m}-01T00:00:00+08:00`);
    const kind = i % 3;
    if (kind === 0) jobs.push({ method: 'GET', path: '/api/demands/workbench', tag: 'todo_counts' });
    else if (kind === 1)
      jobs.push({
        method: 'GET',
        path: '/api/demands?mine=true&status=dispatched,in_progress,returned&limit=50',
        tag: 'todo_list',
      });
    else
      jobs.push({
        method: 'GET',
        path: `/api/demands?category=${c}&from=${from}&limit=50`,
        tag: 'search_category',
      });
  }
  // Free-text search (content LIKE '%词%') is measured apart, closed loop, one at a time: it scans the
  // caller's whole scope and at 100/s would only measure a queue (docs/decisions/perf-indexes.md).
  const words = ['漏水', '噪音', '垃圾', '停车', '路灯', '供暖'];
  const text = await load.run({
    jobs: words.map((w) => ({
      method: 'GET',
      path: `/api/demands?q=${encodeURIComponent(w)}&limit=50`,
      tag: 'q',
    })),
    seconds: 60,
    concurrency: 1,
    maxRequests: 6,
  });
  // Warm-up at a low rate, then the measured run.
  await load.run({ jobs, seconds: 2, rate: 20 });
  const r = await load.run({ jobs, seconds, rate });
  const per: Record<string, { p50: number; p99: number }> = {};
  for (const tag of new Set(r.tags)) {
    const l = r.latencies.filter((_, i) => r.tags[i] === tag);
    per[tag] = { p50: round(quantile(l, 0.5)), p99: round(quantile(l, 0.99)) };
  }
  const ok = r.statuses['200'] ?? 0;
  return {
    workbench_p99_ms: round(quantile(r.latencies, 0.99)),
    workbench_p50_ms: round(quantile(r.latencies, 0.5)),
    rate,
    achieved_rate: round(r.latencies.length / r.seconds, 1),
    requests: r.latencies.length,
    errors: r.latencies.length - ok,
    per_kind: per,
    text_search_p50_ms: round(quantile(text.latencies, 0.5)),
    text_search_max_ms: round(Math.max(...text.latencies)),
  };
}
