// Backup under load: `npm run test:backup-load -- [--clients 50] [--seconds 20] [--quick]`
//
// For each direction it can run — PGlite → PostgreSQL and PostgreSQL → PGlite when DATABASE_URL
// points at a PostgreSQL (a database is created per run and dropped after), else PGlite → PGlite —
// it serves the demo district from the source database (in this process, on a loopback port), drives
// `clients` concurrent clients filing and reading demands for `seconds`, and takes `backupDatabase`
// half-way through, while the load goes on. The backup is restored into an empty database of the
// other backend and must be the same state: every table's row count as the backup's header says, the
// same rows (a backup of the restored database compared line by line; the restore adds only its own
// `system.restore` audit row), every audit chain verifying, every demand whole (events = cache).
// --quick: 10 clients for 6 s.
import { appendFileSync, createReadStream, mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { createGunzip } from 'node:zlib';
import pg from 'pg';
import { SYSTEM_ACTOR } from '../../src/core/audit/append-audit.ts';
import { verifyAudit } from '../../src/core/audit/verify-audit.ts';
import { loadConfig } from '../../src/core/config.ts';
import { backupDatabase, restoreDatabase } from '../../src/core/db/backup.ts';
import { type Database, openDatabase, queryRows, sql } from '../../src/core/db/connection.ts';
import { seedDemo } from '../../src/demo/seed-demo.ts';
import { createRegistries } from '../../src/http/context.ts';
import { buildServer } from '../../src/http/server.ts';

const { values } = parseArgs({
  options: {
    clients: { type: 'string' },
    seconds: { type: 'string' },
    quick: { type: 'boolean', default: false },
  },
});
const CLIENTS = Number(values.clients ?? (values.quick ? 10 : 50));
const SECONDS = Number(values.seconds ?? (values.quick ? 6 : 20));
const url = process.env.DATABASE_URL;
const tmp = mkdtempSync(path.join(os.tmpdir(), 'jiedao-bul-'));
const created: string[] = [];

type Kind = 'pglite' | 'postgres';

async function open(kind: Kind, name: string): Promise<Database> {
  if (kind === 'pglite') return openDatabase({ dataDir: path.join(tmp, name) });
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  const db = `jiedao_bul_${process.pid}_${name}`;
  await admin.query(`DROP DATABASE IF EXISTS ${db}`);
  await admin.query(`CREATE DATABASE ${db}`);
  await admin.end();
  created.push(db);
  const u = new URL(url as string);
  u.pathname = `/${db}`;
  return openDatabase({ databaseUrl: u.toString(), poolSize: 10 });
}

async function run(source: Kind, target: Kind): Promise<Record<string, unknown>> {
  process.stderr.write(`backup under load: ${source} → ${target}…\n`);
  const src = await open(source, 'source');
  await seedDemo({ db: src.db, actor: SYSTEM_ACTOR });
  const app = await buildServer(
    { database: src, config: loadConfig({}), ...createRegistries() },
    {
      logger: false,
      webRoot: false,
    },
  );
  await app.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const login = async (username: string) => {
    const res = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password: 'Jiedao2026demo' }),
    });
    return (res.headers.get('set-cookie') ?? '').split(';')[0] as string;
  };
  const hotline = await login('hotline');
  const street = await login('street');
  const file = path.join(tmp, `${source}.jiedao.gz`);
  let errors = 0;
  let requests = 0;
  let backupAt = 0;
  let header: Awaited<ReturnType<typeof backupDatabase>> | undefined;
  const deadline = Date.now() + SECONDS * 1000;
  const backup = (async () => {
    await new Promise((r) => setTimeout(r, (SECONDS * 1000) / 2));
    backupAt = requests;
    header = await backupDatabase(src, file);
  })();
  let n = 0;
  const client = async () => {
    while (Date.now() < deadline) {
      const i = n++;
      try {
        const res =
          i % 3 === 0
            ? await fetch(`${base}/api/demands`, {
                method: 'POST',
                headers: {
                  'content-type': 'application/json',
                  cookie: hotline,
                  'idempotency-key': `bul-${i}`,
                },
                body: JSON.stringify({
                  content: `第${i}件：路灯不亮，夜间出行不便`,
                  type: '投诉',
                  address: '八宝山街道玉泉路西社区',
                }),
              })
            : await fetch(`${base}/api/demands?limit=20`, { headers: { cookie: i % 2 ? hotline : street } });
        await res.arrayBuffer();
        requests++;
        if (!res.ok) errors++;
      } catch {
        errors++;
      }
    }
  };
  await Promise.all([backup, ...Array.from({ length: CLIENTS }, client)]);
  await app.close();
  await src.close();

  const dst = await open(target, 'target');
  const problems: string[] = [];
  try {
    await restoreDatabase(dst, file);
    // every table as the header says (the restore adds one system.restore audit row per district)
    const audit = await verifyAudit(dst.db);
    if (!audit.ok) problems.push(`audit chain: ${JSON.stringify(audit.problems.slice(0, 3))}`);
    for (const { name, rows } of header?.tables ?? []) {
      const [c] = await queryRows<{ n: number }>(dst.db, sql.raw(`SELECT count(*)::int AS n FROM "${name}"`));
      const extra = name === 'audit_log' ? audit.chains.length : 0;
      if (Number(c?.n) !== rows + extra) problems.push(`${name}: ${c?.n} rows, backup had ${rows}`);
    }
    // the same rows: back the restored database up and compare line by line
    const again = path.join(tmp, `${target}-again.jiedao.gz`);
    await backupDatabase(dst, again);
    const a = await rowLines(file);
    const b = await rowLines(again);
    const restoreRows = [...b].filter(
      (l) => l.includes('"system.restore"') || l.startsWith('{"t":"audit_heads"'),
    );
    const missing = [...a].filter((l) => !b.has(l) && !l.startsWith('{"t":"audit_heads"'));
    const added = [...b].filter((l) => !a.has(l) && !restoreRows.includes(l));
    if (missing.length > 0 || added.length > 0)
      problems.push(
        `rows differ: ${missing.length} missing, ${added.length} added; e.g. ${(missing[0] ?? added[0] ?? '').slice(0, 200)}`,
      );
    // whole demands: event count = cache
    const [half] = await queryRows<{ n: number }>(
      dst.db,
      sql`SELECT count(*)::int AS n FROM demands d WHERE d.event_count <> (SELECT count(*) FROM demand_events e WHERE e.demand_id = d.id)`,
    );
    if (Number(half?.n) > 0) problems.push(`${half?.n} demands half-written`);
  } finally {
    await dst.close();
  }
  const demandsInBackup = header?.tables.find((t) => t.name === 'demands')?.rows ?? 0;
  return {
    kind: 'backup',
    backend: source,
    source,
    target,
    clients: CLIENTS,
    seconds: SECONDS,
    requests,
    errors,
    requestsBeforeBackup: backupAt,
    demandsInBackup,
    tables: header?.tables.length ?? 0,
    identical: problems.length === 0,
    problems,
  };
}

/** The row lines of a backup (not its header), as a set. */
async function rowLines(file: string): Promise<Set<string>> {
  const out = new Set<string>();
  const lines = createInterface({ input: createReadStream(file).pipe(createGunzip()) });
  let first = true;
  for await (const line of lines) {
    if (first) {
      first = false;
      continue;
    }
    if (line) out.add(line);
  }
  return out;
}

const directions: [Kind, Kind][] = url
  ? [
      ['pglite', 'postgres'],
      ['postgres', 'pglite'],
    ]
  : [['pglite', 'pglite']];
let failed = false;
try {
  for (const [s, t] of directions) {
    const report = await run(s, t);
    console.log(JSON.stringify(report, null, 2));
    if (process.env.JIEDAO_RELIABILITY_REPORT)
      appendFileSync(process.env.JIEDAO_RELIABILITY_REPORT, `${JSON.stringify(report)}\n`);
    if (!report.identical || report.errors !== 0) failed = true;
    rmSync(path.join(tmp, 'source'), { recursive: true, force: true });
    rmSync(path.join(tmp, 'target'), { recursive: true, force: true });
  }
  if (!url) console.log('(no DATABASE_URL: restored into PGlite only; set it to cross backends)');
} finally {
  if (created.length > 0) {
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    for (const db of created) await admin.query(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`);
    await admin.end();
  }
  rmSync(tmp, { recursive: true, force: true });
}
if (failed) {
  console.error('backup under load FAILED');
  process.exitCode = 1;
}
