import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { eq, sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../src/core/audit/append-audit.ts';
import { verifyAudit } from '../../src/core/audit/verify-audit.ts';
import { type Database, openDatabase, queryRows } from '../../src/core/db/connection.ts';
import { outbox } from '../../src/core/outbox/tables.ts';
import { foldEvents } from '../../src/demands/lifecycle.ts';
import { DEMAND_STATUS_TOPIC } from '../../src/demands/record-events.ts';
import { listEvents, toEventRecord } from '../../src/demands/store.ts';
import { demands } from '../../src/demands/tables.ts';
import { seedDemo } from '../../src/demo/seed-demo.ts';
import { issueMachineKey } from '../../src/jurisdiction/people/issue-machine-key.ts';
import { withDatabase } from '../global-setup.ts';
import { recordReliability } from './report.ts';
import { freePort, ServerProcess } from './server-process.ts';

/**
 * Crash safety: a real server is SIGKILLed at random moments during continuous intake; after every
 * restart, clients retry what was not acknowledged with the same Idempotency-Key. Every acknowledged
 * demand must exist, whole, exactly once. The demands come in as Open311 ones, so each also writes an
 * outbox message (its status update) that the server's dispatcher POSTs to a webhook here while it is
 * being killed: every message must arrive at least once, and de-duplicated by id exactly once.
 * Quick in the suite (JIEDAO_CRASH_KILLS, default 3 per
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
/** The webhook receiver: message id → times received (a real receiver applies the first only). */
const received = new Map<string, number>();
let receiver: Server;

async function openTarget(): Promise<Database> {
  return url
    ? openDatabase({ databaseUrl: withDatabase(url, dbName), poolSize: 2 })
    : openDatabase({ dataDir: path.join(tmp, 'data') });
}

beforeAll(async () => {
  receiver = createServer((req, res) => {
    const id = String(req.headers['x-jiedao-message-id']);
    received.set(id, (received.get(id) ?? 0) + 1);
    req.resume();
    req.on('end', () => res.writeHead(204).end());
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  env.JIEDAO_OPEN311_WEBHOOK_URL = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/open311`;
  env.JIEDAO_OUTBOX_INTERVAL_MS = '100';
  env.JIEDAO_OUTBOX_LEASE_SECONDS = '1';
  if (url) {
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${dbName}`);
    // the suite's seeded demo template when there is one (saves seeding the demo again)
    await admin.query(
      `CREATE DATABASE ${dbName} TEMPLATE ${inject('pgDemoTemplate') ?? inject('pgTemplate')}`,
    );
    await admin.end();
    env.DATABASE_URL = withDatabase(url, dbName);
  } else {
    delete env.DATABASE_URL;
    serverArgs.push('--data', path.join(tmp, 'data'));
  }
  const demoTar = url ? undefined : inject('pgliteDemoTemplate');
  const seeded = url ? Boolean(inject('pgDemoTemplate')) : Boolean(demoTar);
  const database = demoTar
    ? await openDatabase({
        dataDir: path.join(tmp, 'data'),
        loadDataDir: new Blob([readFileSync(demoTar)]),
        fsync: false,
      })
    : await openTarget();
  try {
    if (!seeded) await seedDemo({ db: database.db, actor: SYSTEM_ACTOR });
    apiKey = (await issueMachineKey({ db: database.db, name: 'crash-harness', actor: SYSTEM_ACTOR })).key;
  } finally {
    await database.close();
  }
  server = new ServerProcess(await freePort(), serverArgs, env);
}, 300_000);

afterAll(async () => {
  await server?.kill();
  await new Promise((r) => receiver?.close(r));
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
        channel: 'open311',
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
    timeout: 300_000 + KILLS * 30_000,
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
    // Last restart: the retries of the final round, let the dispatcher catch up, then check the
    // database itself.
    await server.start();
    for (const key of [...outcome.pending]) {
      const ack = await post(key, Number(key.slice(6)));
      if (ack) {
        outcome.acknowledged.set(key, ack.id);
        outcome.pending.delete(key);
      }
    }
    let quiet = 0;
    let last = -1;
    while (quiet < 30) {
      await new Promise((r) => setTimeout(r, 100));
      const n = [...received.values()].reduce((a, b) => a + b, 0);
      quiet = n === last ? quiet + 1 : 0;
      last = n;
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
      // every committed demand wrote its status message in the same transaction, and every message
      // reached the receiver at least once (twice when a kill fell between delivery and acknowledgement)
      const messages = await database.db.select().from(outbox).where(eq(outbox.topic, DEMAND_STATUS_TOPIC));
      const demandsWithMessage = new Set(messages.map((m) => (m.payload as { demandId: string }).demandId));
      const [{ n: demandCount } = { n: 0 }] = await queryRows<{ n: number }>(
        database.db,
        sql`SELECT count(*)::int AS n FROM demands`,
      );
      const outboxLost = messages.filter((m) => !received.has(m.id)).length;
      const withoutMessage = demandCount - demandsWithMessage.size;
      const redelivered = [...received.values()].filter((n) => n > 1).length;
      const report = {
        kind: 'crash' as const,
        backend: url ? ('postgres' as const) : ('pglite' as const),
        kills: KILLS,
        attempted: counter.n,
        acknowledged: outcome.acknowledged.size,
        lost,
        halfWritten,
        duplicates: Number(dup?.n ?? 0) + outcome.duplicatesSeen,
        auditChainOk: audit.ok,
        demandsWithoutMessage: withoutMessage,
      };
      recordReliability({
        kind: 'outbox',
        backend: report.backend,
        delivered: messages.length - outboxLost,
        lost: outboxLost + withoutMessage,
        redelivered,
        // the receiver keys by message id, so a redelivery is never applied twice
        appliedTwice: 0,
      });
      recordReliability(report);
      expect(report.acknowledged).toBeGreaterThan(KILLS);
      expect(report).toMatchObject({
        lost: 0,
        halfWritten: 0,
        duplicates: 0,
        auditChainOk: true,
        demandsWithoutMessage: 0,
      });
      expect(outboxLost).toBe(0);
    } finally {
      await database.close();
    }
  });
});
