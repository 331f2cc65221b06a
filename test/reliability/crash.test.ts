import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq, sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../src/core/audit/append-audit.ts';
import { verifyAudit } from '../../src/core/audit/verify-audit.ts';
import { type Database, openDatabase, queryRows } from '../../src/core/db/connection.ts';
import { foldEvents } from '../../src/demands/lifecycle.ts';
import { listEvents, toEventRecord } from '../../src/demands/store.ts';
import { demands } from '../../src/demands/tables.ts';
import { seedDemo } from '../../src/demo/seed-demo.ts';
import { issueMachineKey } from '../../src/jurisdiction/people/issue-machine-key.ts';
import { withDatabase } from '../global-setup.ts';
import { freePort, ServerProcess } from './server-process.ts';

/**
 * Crash safety: a real server is SIGKILLed at random moments during continuous intake; after every
 * restart, clients retry what was not acknowledged with the same Idempotency-Key. Every acknowledged
 * demand must exist, whole, exactly once. Quick in the suite (JIEDAO_CRASH_KILLS, default 3 per
 * backend run); the full run is documented in README ("Reliability").
 */
const KILLS = Number(process.env.JIEDAO_CRASH_KILLS ?? 3);
const CONCURRENCY = 4;
const url = process.env.DATABASE_URL;
const tmp = mkdtempSync(path.join(os.tmpdir(), 'jiedao-crash-'));
const dbName = `jiedao_crash_${process.pid}`;
let apiKey = '';
let server: ServerProcess;
const env: NodeJS.ProcessEnv = { ...process.env };
const serverArgs: string[] = [];

async function openTarget(): Promise<Database> {
  return url
    ? openDatabase({ databaseUrl: withDatabase(url, dbName), poolSize: 2 })
    : openDatabase({ dataDir: path.join(tmp, 'data') });
}

beforeAll(async () => {
  if (url) {
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${dbName}`);
    await admin.query(`CREATE DATABASE ${dbName} TEMPLATE ${inject('pgTemplate')}`);
    await admin.end();
    env.DATABASE_URL = withDatabase(url, dbName);
  } else {
    delete env.DATABASE_URL;
    serverArgs.push('--data', path.join(tmp, 'data'));
  }
  const database = await openTarget();
  try {
    await seedDemo({ db: database.db, actor: SYSTEM_ACTOR });
    apiKey = (await issueMachineKey({ db: database.db, name: 'crash-harness', actor: SYSTEM_ACTOR })).key;
  } finally {
    await database.close();
  }
  server = new ServerProcess(await freePort(), serverArgs, env);
}, 300_000);

afterAll(async () => {
  await server?.kill();
  if (url) {
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    await admin.end();
  }
});

interface Outcome {
  acknowledged: Map<string, string>; // idempotency key → demand id
  pending: Set<string>;
  duplicatesSeen: number;
}

async function post(key: string, n: number): Promise<{ id: string } | null> {
  try {
    const res = await fetch(`${server.url}/api/demands`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${apiKey}`,
        'idempotency-key': key,
      },
      body: JSON.stringify({
        content: `第${n}件：小区楼道杂物堆放，影响通行，请处理`,
        type: '投诉',
        address: '八宝山街道玉泉路西社区',
        caller: { name: '测试', phone: '13800000000' },
      }),
    });
    if (res.status !== 201 && res.status !== 200) return null;
    return (await res.json()) as { id: string };
  } catch {
    return null; // connection reset by the kill: not acknowledged
  }
}

async function intakeUntilKilled(
  outcome: Outcome,
  counter: { n: number },
  killAfterMs: number,
): Promise<void> {
  let stop = false;
  const killer = (async () => {
    await new Promise((r) => setTimeout(r, killAfterMs));
    stop = true;
    await server.kill();
  })();
  const worker = async () => {
    while (!stop) {
      const n = counter.n++;
      const key = `crash-${n}`;
      outcome.pending.add(key);
      const ack = await post(key, n);
      if (ack) {
        outcome.pending.delete(key);
        outcome.acknowledged.set(key, ack.id);
      }
    }
  };
  await Promise.all([killer, ...Array.from({ length: CONCURRENCY }, worker)]);
}

describe(`crash safety on ${url ? 'PostgreSQL' : 'PGlite'}`, () => {
  it(`loses no acknowledged demand and duplicates none across ${KILLS} SIGKILLs`, {
    timeout: 600_000,
  }, async () => {
    const outcome: Outcome = { acknowledged: new Map(), pending: new Set(), duplicatesSeen: 0 };
    const counter = { n: 0 };
    for (let k = 0; k < KILLS; k++) {
      await server.start();
      // Retry everything that was in flight at the last kill, with the same keys.
      for (const key of [...outcome.pending]) {
        const ack = await post(key, Number(key.slice(6)));
        if (!ack) continue;
        const earlier = outcome.acknowledged.get(key);
        if (earlier && earlier !== ack.id) outcome.duplicatesSeen++;
        outcome.acknowledged.set(key, ack.id);
        outcome.pending.delete(key);
      }
      await intakeUntilKilled(outcome, counter, 300 + Math.floor(Math.random() * 1500));
    }
    // Last restart: the retries of the final round, then check the database itself.
    await server.start();
    for (const key of [...outcome.pending]) {
      const ack = await post(key, Number(key.slice(6)));
      if (ack) {
        outcome.acknowledged.set(key, ack.id);
        outcome.pending.delete(key);
      }
    }
    await server.kill();

    const database = await openTarget();
    try {
      let lost = 0;
      let halfWritten = 0;
      for (const [key, id] of outcome.acknowledged) {
        const [row] = await database.db.select().from(demands).where(eq(demands.id, id));
        if (!row || row.idempotencyKey !== key) {
          lost++;
          continue;
        }
        const events = await listEvents(database.db, id);
        const state = foldEvents(events.map(toEventRecord));
        if (events.length === 0 || events.length !== row.eventCount || state.status !== row.status)
          halfWritten++;
      }
      const [dup] = await queryRows<{ n: number }>(
        database.db,
        sql`SELECT count(*)::int AS n FROM (SELECT idempotency_key FROM demands GROUP BY idempotency_key HAVING count(*) > 1) d`,
      );
      const audit = await verifyAudit(database.db);
      const report = {
        backend: url ? 'postgres' : 'pglite',
        kills: KILLS,
        attempted: counter.n,
        acknowledged: outcome.acknowledged.size,
        lost,
        halfWritten,
        duplicates: Number(dup?.n ?? 0) + outcome.duplicatesSeen,
        auditChainOk: audit.ok,
      };
      console.log(`crash-safety ${JSON.stringify(report)}`);
      expect(report.acknowledged).toBeGreaterThan(KILLS);
      expect(report).toMatchObject({ lost: 0, halfWritten: 0, duplicates: 0, auditChainOk: true });
    } finally {
      await database.close();
    }
  });
});
