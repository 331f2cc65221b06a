// Load test: `npm run test:load -- [--clients 200] [--seconds 60] [--quick] [--no-fsync]`
//
// Starts a real `jiedao serve` (PGlite in a temporary folder, or the PostgreSQL in DATABASE_URL: a
// database is created for the run and dropped after) with the demo district, then runs `clients`
// concurrent loopback clients for `seconds`: one in five files a demand (API key, Idempotency-Key),
// the others read (lists, details, the workbench, the jurisdiction tree) as staff. It samples the
// server's resident memory every second and fits a line through the second half's post-collection floor: the run fails on any
// error (non-2xx or network error) or a memory growth trend. Last, it checks that the public portal is
// rate-limited per IP (429 RATE_LIMITED from one address past its cap).
// --quick: 20 clients for 10 s (what `npm run test:reliability` runs on both backends).
// --intake-only with and without --no-fsync measures what fsync per commit costs the embedded PGlite.
import { appendFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { freePort, ServerProcess } from '../../test/reliability/server-process.ts';

const { values } = parseArgs({
  options: {
    clients: { type: 'string' },
    seconds: { type: 'string' },
    quick: { type: 'boolean', default: false },
    'no-fsync': { type: 'boolean', default: false },
    'intake-only': { type: 'boolean', default: false },
  },
});
const CLIENTS = Number(values.clients ?? (values.quick ? 20 : 200));
const SECONDS = Number(values.seconds ?? (values.quick ? 10 : 60));
const url = process.env.DATABASE_URL;
const tmp = mkdtempSync(path.join(os.tmpdir(), 'jiedao-load-'));
const dbName = `jiedao_load_${process.pid}`;
const env: NodeJS.ProcessEnv = { ...process.env, JIEDAO_PGLITE_FSYNC: values['no-fsync'] ? '0' : '1' };
const args: string[] = [];

// One keep-alive socket per client, as real clients have (the global fetch's pool starved the first
// requests of a 200-client burst on the client side: the server answered them in milliseconds).
const agent = new http.Agent({ keepAlive: true, maxSockets: 1000 });

/** A request over the keep-alive agent: status and body text. */
function request(
  base: string,
  method: string,
  p: string,
  headers: Record<string, string>,
  body?: string,
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${base}${p}`, { method, headers, agent }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => {
        text += c;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** A machine user next to the hotline operator, and an API key for it (as a CTI gateway has). */
async function machineKey(base: string, admin: string, hotline: string): Promise<string> {
  const me = (await (await fetch(`${base}/api/auth/me`, { headers: { cookie: hotline } })).json()) as {
    user: { unit: { code: string } };
  };
  const call = async (p: string, body: unknown) => {
    const res = await fetch(`${base}${p}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: admin },
      body: JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`${p}: ${res.status} ${await res.text()}`);
    return res.json() as Promise<{ id: string; key: string }>;
  };
  const user = await call('/api/users', {
    username: 'load-gateway',
    displayName: '压测接口',
    unitCode: me.user.unit.code,
    roles: ['hotline_operator'],
    password: 'Cti-bridge-2026x',
  });
  return (await call('/api/api-keys', { userId: user.id, name: 'load test' })).key;
}

async function main(): Promise<void> {
  if (url) {
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${dbName}`);
    await admin.query(`CREATE DATABASE ${dbName}`);
    await admin.end();
    const u = new URL(url);
    u.pathname = `/${dbName}`;
    env.DATABASE_URL = u.toString();
  } else {
    delete env.DATABASE_URL;
    args.push('--data', path.join(tmp, 'data'));
  }
  process.stderr.write(`load: starting the demo district on ${url ? 'PostgreSQL' : 'PGlite'}…\n`);
  const server = new ServerProcess(await freePort(), [...args, '--demo'], {
    ...env,
    JIEDAO_PUBLIC_RATE_PER_MINUTE: '120',
  });
  await server.start(300_000);
  const pid = server.pid as number;
  try {
    const staff: string[] = [];
    for (const username of ['hotline', 'street', 'admin', 'community', 'dept']) {
      const res = await fetch(`${server.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password: 'Jiedao2026demo' }),
      });
      if (!res.ok) throw new Error(`log-in ${username}: ${res.status} ${await res.text()}`);
      staff.push((res.headers.get('set-cookie') ?? '').split(';')[0] as string);
    }
    const apiKey = await machineKey(server.url, staff[2] as string, staff[0] as string);
    const stats = {
      requests: 0,
      errors: 0,
      intakes: 0,
      latencies: [] as number[],
      errorSamples: [] as string[],
      byRoute: new Map<string, number[]>(),
    };
    const ids: string[] = [];
    const memory: { t: number; rss: number }[] = [];
    const started = Date.now();
    const sampler = setInterval(
      () => memory.push({ t: (Date.now() - started) / 1000, rss: rssOf(pid) }),
      1000,
    );
    let n = 0;
    const deadline = started + SECONDS * 1000;
    const client = async (c: number) => {
      const cookie = staff[c % staff.length] as string;
      // clients arrive over the first second, as people do, not in one millisecond
      await new Promise((r) => setTimeout(r, Math.floor((c * 1000) / CLIENTS)));
      while (Date.now() < deadline) {
        const i = n++;
        const t0 = performance.now();
        let res: { status: number; text: string };
        let what = '';
        try {
          if (values['intake-only'] || i % 5 === 0) {
            what = 'POST /api/demands';
            res = await request(
              server.url,
              'POST',
              '/api/demands',
              {
                'content-type': 'application/json',
                authorization: `Bearer ${apiKey}`,
                'idempotency-key': `load-${i}`,
              },
              JSON.stringify({
                content: `第${i}件：小区楼道杂物堆放，影响通行，请处理`,
                type: '投诉',
                address: '八宝山街道玉泉路西社区',
                caller: { name: '测试', phone: '13800000000' },
              }),
            );
            if (res.status < 300) {
              stats.intakes++;
              ids.push((JSON.parse(res.text) as { id: string }).id);
            }
          } else {
            const id = ids.length > 0 ? ids[Math.floor(Math.random() * ids.length)] : undefined;
            const target = [
              '/api/demands?limit=20',
              id ? `/api/demands/${id}` : '/api/demands?limit=5',
              '/api/demands/workbench',
              '/api/org-units?level=street',
              '/api/auth/me',
            ][i % 5] as string;
            what = `GET ${target.split('?')[0]?.replace(/[0-9a-f-]{36}/, ':id')}`;
            res = await request(server.url, 'GET', target, {
              cookie: i % 7 === 0 ? (staff[2] as string) : cookie,
            });
          }
        } catch (err) {
          stats.errors++;
          if (stats.errorSamples.length < 5) stats.errorSamples.push(`${what}: ${(err as Error).message}`);
          continue;
        }
        stats.requests++;
        const ms = performance.now() - t0;
        stats.latencies.push(ms);
        stats.byRoute.set(what, [...(stats.byRoute.get(what) ?? []), ms]);
        // a street user reading a demand of another street is a 403 by design, not an error
        if (res.status >= 300 && res.status !== 403) {
          stats.errors++;
          if (stats.errorSamples.length < 5) stats.errorSamples.push(`${what}: ${res.status}`);
        }
      }
    };
    await Promise.all(Array.from({ length: CLIENTS }, (_, c) => client(c)));
    clearInterval(sampler);
    agent.destroy();

    // per-IP rate limit of the public portal: one address, past its cap (120/min here)
    let limited = 0;
    for (let i = 0; i < 150; i++) {
      const res = await fetch(`${server.url}/api/public/statistics`);
      if (
        res.status === 429 &&
        ((await res.json()) as { error: { code: string } }).error.code === 'RATE_LIMITED'
      )
        limited++;
      else await res.arrayBuffer();
    }

    const half = memory.filter((m) => m.t >= SECONDS / 2);
    // The trend of the floor, not of the saw-tooth: the heap grows between collections and drops at
    // each, so a line through raw samples depends on where the last collection fell. The lowest
    // sample of each 5-second window is what survives collection.
    const floors: [number, number][] = [];
    for (let i = 0; i < half.length; i += 5) {
      const w = half.slice(i, i + 5);
      const low = w.reduce((a, m) => (m.rss < a.rss ? m : a), w[0] as { t: number; rss: number });
      floors.push([low.t, low.rss]);
    }
    const slope = linearSlope(floors); // MB per second
    const meanRss = half.reduce((a, m) => a + m.rss, 0) / Math.max(1, half.length);
    const sorted = [...stats.latencies].sort((a, b) => a - b);
    const q = (p: number) =>
      Math.round(sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0);
    const report = {
      kind: 'load',
      backend: url ? 'postgres' : 'pglite',
      fsync: !values['no-fsync'],
      intakeOnly: values['intake-only'],
      clients: CLIENTS,
      seconds: SECONDS,
      requests: stats.requests,
      perSecond: Math.round(stats.requests / SECONDS),
      intakesPerSecond: Math.round((stats.intakes / SECONDS) * 10) / 10,
      errors: stats.errors,
      errorSamples: stats.errorSamples,
      latencyMs: { p50: q(0.5), p95: q(0.95), p99: q(0.99) },
      p95ByRoute: Object.fromEntries(
        [...stats.byRoute].map(([k, v]) => {
          const s2 = [...v].sort((a, b) => a - b);
          return [k, Math.round(s2[Math.floor(0.95 * (s2.length - 1))] ?? 0)];
        }),
      ),
      rssMb: { start: memory[0]?.rss, end: memory.at(-1)?.rss, mean: Math.round(meanRss) },
      rssSlopeMbPerMin: Math.round(slope * 60 * 10) / 10,
      rssSamplesMb: memory.map((m) => m.rss),
      rateLimitedPublicRequests: limited,
    };
    console.log(JSON.stringify(report, null, 2));
    if (process.env.JIEDAO_RELIABILITY_REPORT)
      appendFileSync(process.env.JIEDAO_RELIABILITY_REPORT, `${JSON.stringify(report)}\n`);
    // growth trend: more than 5 % of the mean per minute over the second half (a run under 30 s is
    // all warm-up — JIT, caches, the heap finding its size — so it only reports the slope)
    const growing = SECONDS >= 30 && slope * 60 > Math.max(5, meanRss * 0.05);
    const ok = stats.errors === 0 && !growing && limited > 0 && stats.requests > 0;
    if (!ok) {
      console.error(
        `load test FAILED: ${stats.errors} errors, memory slope ${report.rssSlopeMbPerMin} MB/min, ${limited} rate-limited`,
      );
      process.exitCode = 1;
    }
  } finally {
    await server.kill();
    if (url) {
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
      await admin.end();
    }
    rmSync(tmp, { recursive: true, force: true });
  }
}

/** Resident set size of a process in MB (Linux /proc). */
function rssOf(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Math.round(Number(m[1]) / 1024) : 0;
  } catch {
    return 0;
  }
}

/** Least-squares slope of y over x. */
function linearSlope(points: [number, number][]): number {
  const n = points.length;
  if (n < 2) return 0;
  const mx = points.reduce((a, [x]) => a + x, 0) / n;
  const my = points.reduce((a, [, y]) => a + y, 0) / n;
  const num = points.reduce((a, [x, y]) => a + (x - mx) * (y - my), 0);
  const den = points.reduce((a, [x]) => a + (x - mx) ** 2, 0);
  return den === 0 ? 0 : num / den;
}

await main();
