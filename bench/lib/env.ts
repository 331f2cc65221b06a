import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { BENCH_USERS } from '../../src/bench/city.ts';
import { loadConfig } from '../../src/core/config.ts';
import { type Database, openDatabase } from '../../src/core/db/connection.ts';
import { DEMO_PASSWORD } from '../../src/demo/seed-demo.ts';
import { type AppContext, createRegistries } from '../../src/http/context.ts';
import { type App, buildServer } from '../../src/http/server.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');

/** A PostgreSQL to benchmark on: DATABASE_URL's server (a fresh database in it), else a throw-away one. */
export async function postgresFor(
  name: string,
  reuse: boolean,
): Promise<{ url: string; stop: () => Promise<void> }> {
  let admin = process.env.DATABASE_URL;
  let stopServer = async () => {};
  if (!admin) {
    const out = execFileSync('bash', [path.join(ROOT, 'scripts/start-postgres.sh')], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const env = Object.fromEntries(
      [...out.matchAll(/^export (\w+)=(.*)$/gm)].map((m) => [m[1] as string, m[2] as string]),
    );
    admin = env.DATABASE_URL as string;
    stopServer = async () => {
      execFileSync('bash', [path.join(ROOT, 'scripts/stop-postgres.sh')], {
        env: { ...process.env, ...env },
      });
    };
  }
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
  if (!reuse || exists.rowCount === 0) {
    await client.query(`DROP DATABASE IF EXISTS ${name}`);
    await client.query(`CREATE DATABASE ${name}`);
  }
  await client.end();
  const u = new URL(admin);
  u.pathname = `/${name}`;
  return { url: u.toString(), stop: stopServer };
}

export async function openPostgres(url: string): Promise<Database> {
  // The server's default pool (10) — the benchmark runs the platform as `jiedao serve` would.
  return openDatabase({ databaseUrl: url });
}

/** A PGlite database in memory (the embedded engine's own speed, no disk in the way). */
export async function openPglite(): Promise<{ database: Database; dir: string | null }> {
  const dir = process.env.JIEDAO_BENCH_PGLITE_DIR
    ? mkdtempSync(path.join(os.tmpdir(), 'jiedao-bench-'))
    : null;
  const database = await openDatabase({ dataDir: dir ?? 'memory://' });
  return { database, dir };
}

export function removeDir(dir: string | null): void {
  if (dir) rmSync(dir, { recursive: true, force: true });
}

export interface RunningServer {
  app: App;
  ctx: AppContext;
  port: number;
  cookie(username: string): Promise<string>;
  close(): Promise<void>;
}

/** The API server on a local port, built exactly as `jiedao serve` builds it (no logger, no web app). */
export async function startServer(database: Database): Promise<RunningServer> {
  const ctx: AppContext = {
    database,
    config: { ...loadConfig({}), logLevel: 'silent' },
    ...createRegistries(),
  };
  const app = await buildServer(ctx, { logger: false, webRoot: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    app,
    ctx,
    port,
    async cookie(username: string) {
      const res = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username, password: DEMO_PASSWORD },
      });
      if (res.statusCode !== 200) throw new Error(`login ${username}: ${res.statusCode} ${res.body}`);
      const set = res.headers['set-cookie'];
      const first = Array.isArray(set) ? set[0] : set;
      return (first ?? '').split(';')[0] as string;
    },
    close: () => app.close(),
  };
}

export { BENCH_USERS };
