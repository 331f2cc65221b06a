import { BENCH_DISTRICT } from '../src/bench/city.ts';
import type { Database } from '../src/core/db/connection.ts';
import { suggestRoute } from '../src/demands/routing.ts';
import { loadRoutingContext } from '../src/demands/routing-context.ts';
import type { AppContext } from '../src/http/context.ts';
import { intakeBodies } from './lib/bodies.ts';
import { round } from './lib/stats.ts';

/**
 * Classify + route + geolocate in process, per demand: the R-tree and point-in-polygon over the
 * district's grids, the naive-Bayes top-3 over jieba words, and the routing rules — what intake computes
 * once its caches are warm (the database round trips are the intake benchmark's business).
 */
export async function benchClassify(database: Database, ctx: AppContext, n: number) {
  const index = await ctx.geo.get(database.db, BENCH_DISTRICT);
  const classifier = await ctx.classifiers.get(database.db, BENCH_DISTRICT);
  const routing = await loadRoutingContext(database.db, BENCH_DISTRICT);
  const streetIdByCode = new Map(
    [...routing.units.values()].filter((u) => u.level === 'street').map((u) => [u.code, u.id]),
  );
  const bodies = intakeBodies(n, 42);
  const run = (k: number) => {
    const t = { geo: 0, classify: 0, route: 0 };
    let located = 0;
    for (let i = 0; i < k; i++) {
      const b = bodies[i % bodies.length] as (typeof bodies)[number];
      const t0 = performance.now();
      const grid = index.locate(b.point.lng, b.point.lat);
      const t1 = performance.now();
      const top = classifier.predict(b.content, 3);
      const t2 = performance.now();
      const streetCode = grid?.path.split('/')[2];
      suggestRoute(routing, {
        categoryCode: top[0]?.category ?? null,
        streetId: streetCode ? (streetIdByCode.get(streetCode) ?? null) : null,
      });
      const t3 = performance.now();
      if (grid) located++;
      t.geo += t1 - t0;
      t.classify += t2 - t1;
      t.route += t3 - t2;
    }
    return { ...t, located };
  };
  run(Math.min(500, n)); // warm-up (JIT)
  // CPU time as well as wall time: on a shared machine the wall clock also counts the time this
  // process waited for a core; the CPU time is the work itself.
  const cpu0 = process.cpuUsage();
  const t = run(n);
  const cpu = process.cpuUsage(cpu0);
  const us = (ms: number) => round((ms * 1000) / n, 1);
  return {
    classify_us: us(t.geo + t.classify + t.route),
    classify_cpu_us: round((cpu.user + cpu.system) / n, 1),
    geolocate_us: us(t.geo),
    categorise_us: us(t.classify),
    route_us: us(t.route),
    grids: index.size,
    demands: n,
    located: t.located,
  };
}
