import { type ChildProcess, fork } from 'node:child_process';
import { BENCH_USERS } from '../src/bench/city.ts';
import { DEMO_PASSWORD } from '../src/demo/seed-demo.ts';
import { intakeBodies } from './lib/bodies.ts';
import { LoadGenerator } from './lib/load.ts';
import { round } from './lib/stats.ts';

const MB = 1024 * 1024;

const ask = <T>(child: ChildProcess, message: string, key: string) =>
  new Promise<T>((resolve, reject) => {
    const exit = (code: number | null) => {
      child.off('message', on);
      reject(new Error(`server process exited (${code})`));
    };
    const on = (m: Record<string, unknown>) => {
      if (key in m) {
        child.off('message', on);
        child.off('exit', exit);
        resolve(m[key] as T);
      }
    };
    child.on('message', on);
    child.once('exit', exit);
    if (message) child.send(message);
  });

/**
 * RSS of a server process on a PGlite folder (PGlite inside it) while demands come in through HTTP,
 * sampled at every tenth of the run: the growth over the last tenth says whether memory keeps climbing
 * (a leak, an unbounded cache) or has levelled off.
 */
export async function benchMemory(dataDir: string, demands: number) {
  const child = fork(new URL('./lib/server-process.ts', import.meta.url), [dataDir], {
    execArgv: ['--import', 'tsx', '--expose-gc'],
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  try {
    const port = await ask<number>(child, '', 'port');
    const res = await fetch(`http://127.0.0.1:${port}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: BENCH_USERS.hotline, password: DEMO_PASSWORD }),
    });
    const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] as string;
    const load = new LoadGenerator(port, cookie);
    const jobs = intakeBodies(Math.min(demands, 5000), 77).map((b) => ({
      method: 'POST' as const,
      path: '/api/demands',
      body: JSON.stringify(b),
    }));
    const rss = async () => (await ask<NodeJS.MemoryUsage>(child, 'rss', 'memory')).rss;
    const start = await rss();
    const samples: number[] = [];
    const step = Math.max(1, Math.floor(demands / 10));
    let ok = 0;
    for (let done = 0; done < demands; done += step) {
      const r = await load.run({
        jobs,
        seconds: 3600,
        concurrency: 4,
        maxRequests: Math.min(step, demands - done),
      });
      ok += r.statuses['201'] ?? 0;
      samples.push(await rss());
    }
    await load.close();
    const end = samples.at(-1) ?? start;
    const beforeLast = samples.at(-2) ?? start;
    return {
      rss_start_mb: round(start / MB, 1),
      rss_end_mb: round(end / MB, 1),
      rss_growth_last_10pct_mb: round((end - beforeLast) / MB, 1),
      rss_growth_last_10pct_pct: round(((end - beforeLast) / end) * 100, 2),
      samples_mb: samples.map((s) => round(s / MB, 0)),
      demands: ok,
    };
  } finally {
    child.send('stop');
    await new Promise((r) => child.once('exit', r));
  }
}
