import { Writable } from 'node:stream';
import { eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { appendAudit, SYSTEM_ACTOR } from '../../src/core/audit/append-audit.ts';
import { exportAudit, verifyExportedChain } from '../../src/core/audit/export-audit.ts';
import { auditRetentionDays, purgeAudit } from '../../src/core/audit/purge-audit.ts';
import { auditAnchors, auditLog } from '../../src/core/audit/tables.ts';
import { verifyAudit } from '../../src/core/audit/verify-audit.ts';
import { loadConfig } from '../../src/core/config.ts';
import type { Database } from '../../src/core/db/connection.ts';
import { AppError } from '../../src/core/errors.ts';
import { createRegistries } from '../../src/http/context.ts';
import { redactText, redactUrl } from '../../src/http/log-redaction.ts';
import { buildServer } from '../../src/http/server.ts';
import { openTestDatabase } from '../db.ts';
import { buildDemoDistrict, loginAs } from '../factories.ts';

/** Audit retention that keeps the chain verifiable, export for a separate store, redacted logs. */
let database: Database;
const D = '110107';
beforeAll(async () => {
  database = await openTestDatabase({ demo: true });
  await buildDemoDistrict(database);
});

const append = (n: number, tag: string) =>
  database.db.transaction(async (tx) => {
    for (let i = 0; i < n; i++)
      await appendAudit(tx, {
        districtCode: D,
        actor: SYSTEM_ACTOR,
        action: 'test.event',
        targetType: 'test',
        targetId: `${tag}-${i}`,
      });
  });

describe('audit retention', () => {
  it('refuses a retention under 190 days; 0 keeps everything; default 365', async () => {
    expect(auditRetentionDays({})).toBe(365);
    expect(auditRetentionDays({ JIEDAO_AUDIT_RETENTION_DAYS: '190' })).toBe(190);
    expect(() => auditRetentionDays({ JIEDAO_AUDIT_RETENTION_DAYS: '90' })).toThrow(AppError);
    expect(await purgeAudit({ db: database.db, retentionDays: 0 })).toEqual([]);
  });

  it('an ordinary DELETE is still refused by the database', async () => {
    await expect(
      database.db.execute(sql`DELETE FROM audit_log WHERE district_code = ${D}`),
    ).rejects.toThrow();
  });

  it('purges rows older than the period, anchors the chain, and verify still passes', async () => {
    await append(5, 'old');
    await new Promise((r) => setTimeout(r, 20));
    const boundary = new Date();
    await new Promise((r) => setTimeout(r, 20));
    await append(3, 'recent');
    const before = await database.db
      .select({ n: sql<number>`count(*)::int` })
      .from(auditLog)
      .where(eq(auditLog.districtCode, D));
    const old = await database.db
      .select({ n: sql<number>`count(*)::int` })
      .from(auditLog)
      .where(
        sql`${auditLog.districtCode} = ${D} AND ${auditLog.at} < ${boundary.toISOString()}::timestamptz`,
      );

    const now = new Date(boundary.getTime() + 365 * 86_400_000);
    const dry = await purgeAudit({ db: database.db, retentionDays: 365, now, districtCode: D, dryRun: true });
    expect(dry[0]?.purged).toBe(old[0]?.n);
    const [result] = await purgeAudit({ db: database.db, retentionDays: 365, now, districtCode: D });
    expect(result?.purged).toBe(old[0]?.n);
    const after = await database.db
      .select({ n: sql<number>`count(*)::int` })
      .from(auditLog)
      .where(eq(auditLog.districtCode, D));
    expect(after[0]?.n).toBe((before[0]?.n ?? 0) - (old[0]?.n ?? 0) + 1); // + the audit.purge row

    const verified = await verifyAudit(database.db, { districtCode: D });
    expect(verified.problems).toEqual([]);
    expect(verified.chains[0]?.anchor).toMatchObject({ seq: result?.anchor?.seq, purgedRows: old[0]?.n });
    const [purgeRow] = await database.db
      .select()
      .from(auditLog)
      .where(sql`${auditLog.districtCode} = ${D} AND ${auditLog.action} = 'audit.purge'`);
    expect(purgeRow?.details).toMatchObject({
      anchorSeq: result?.anchor?.seq,
      anchorHash: result?.anchor?.hash,
    });
  });

  it('detects a forged anchor and rows deleted behind the purge', async () => {
    const [anchor] = await database.db.select().from(auditAnchors).where(eq(auditAnchors.districtCode, D));
    await database.db
      .update(auditAnchors)
      .set({ seq: (anchor?.seq ?? 0) + 1 })
      .where(eq(auditAnchors.districtCode, D));
    const forged = await verifyAudit(database.db, { districtCode: D });
    expect(forged.ok).toBe(false);
    expect(forged.problems.map((p) => p.kind)).toContain('anchor_mismatch');
    await database.db
      .update(auditAnchors)
      .set({ seq: anchor?.seq as number })
      .where(eq(auditAnchors.districtCode, D));
    expect((await verifyAudit(database.db, { districtCode: D })).ok).toBe(true);
  });
});

describe('audit export', () => {
  it('ships the chain as NDJSON with hashes that a separate store can re-check, incrementally', async () => {
    const lines: string[] = [];
    const first = await exportAudit({ db: database.db, districtCode: D, write: (l) => void lines.push(l) });
    expect(first.rows).toBe(lines.length - 2);
    const checked = verifyExportedChain(lines);
    expect(checked).toEqual({ ok: true, rows: first.rows, problems: [] });

    // an edited line is caught
    const tampered = [...lines];
    const row = JSON.parse(tampered[3] as string);
    tampered[3] = JSON.stringify({ ...row, actorLabel: 'someone-else' });
    expect(verifyExportedChain(tampered).problems.join()).toContain('edited');

    // the next export continues where the last one ended
    await append(2, 'later');
    const more: string[] = [];
    const second = await exportAudit({
      db: database.db,
      districtCode: D,
      afterSeq: first.headSeq,
      write: (l) => void more.push(l),
    });
    expect(second.rows).toBe(2);
    expect(verifyExportedChain(more, { seq: first.headSeq, hash: first.headHash })).toMatchObject({
      ok: true,
      rows: 2,
    });
  });
});

describe('personal data and secrets stay out of the logs', () => {
  it('redacts api_key query strings, phone and ID numbers in URLs, and SQL parameters in errors', () => {
    expect(redactUrl('/open311/v2/requests.json?api_key=jd_abc123&service_code=0101')).toBe(
      '/open311/v2/requests.json?api_key=[REDACTED]&service_code=0101',
    );
    expect(redactUrl('/api/demands?q=13912345678')).toBe('/api/demands?q=139****5678');
    const drizzle =
      'Failed query: insert into "demands" ("caller_name") values ($1)\nparams: 张三,13912345678,110105199001011234';
    const out = redactText(drizzle);
    expect(out).not.toContain('张三');
    expect(out).not.toContain('13912345678');
    expect(out).toContain('params: [REDACTED]');
    expect(redactText('ID 110105199001011234 in a message')).toContain('1101**********1234');
  });

  it('the server logs carry no credentials or personal data', async () => {
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk, _enc, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const app = await buildServer(
      { database, config: { ...loadConfig({}), logLevel: 'info' }, ...createRegistries() },
      { webRoot: false, logStream: stream },
    );
    await app.ready();
    try {
      const cookie = await loginAs(app, 'hotline');
      await app.inject({ url: '/open311/v2/requests.json?api_key=jd_topsecretkey42' });
      await app.inject({ url: '/api/demands?q=13912345678', headers: { cookie } });
      await app.inject({ url: '/api/demands', headers: { authorization: 'Bearer jd_anothersecret99' } });
      await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'hotline', password: 'Wrong-password-123' },
      });
    } finally {
      await app.close();
    }
    const log = lines.join('');
    expect(log.length).toBeGreaterThan(0);
    expect(log).toContain('/api/demands');
    for (const secret of [
      'jd_topsecretkey42',
      'jd_anothersecret99',
      '13912345678',
      'Wrong-password-123',
      'jd_session=',
    ])
      expect(log, secret).not.toContain(secret);
  });
});
