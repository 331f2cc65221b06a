import { and, eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { appendAudit, SYSTEM_ACTOR } from '../../src/core/audit/append-audit.ts';
import { GENESIS_HASH } from '../../src/core/audit/hash.ts';
import { auditLog } from '../../src/core/audit/tables.ts';
import { verifyAudit } from '../../src/core/audit/verify-audit.ts';
import type { Database } from '../../src/core/db/connection.ts';
import { openTestDatabase } from '../db.ts';

let database: Database;
const D = '990001'; // a chain of its own, so tampering here does not disturb other tests

async function append(n: number, district = D) {
  for (let i = 0; i < n; i++) {
    await database.db.transaction((tx) =>
      appendAudit(tx, {
        districtCode: district,
        actor: SYSTEM_ACTOR,
        action: 'test.event',
        targetType: 'thing',
        targetId: `t${i}`,
        details: { i, nested: { b: 2, a: [1, '二'] } },
      }),
    );
  }
}

/** A superuser can switch the append-only trigger off; this is what an attacker with DB access does. */
async function tamper(statement: ReturnType<typeof sql>) {
  await database.db.transaction(async (tx) => {
    await tx.execute(sql`ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update`);
    await tx.execute(statement);
    await tx.execute(sql`ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update`);
  });
}

beforeAll(async () => {
  database = await openTestDatabase();
});

describe('hash-chained audit log', () => {
  it('chains each row to the previous one and verifies clean', async () => {
    await append(5);
    const rows = await database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.districtCode, D))
      .orderBy(auditLog.seq);
    expect(rows.map((r) => r.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(rows[0]?.prevHash).toBe(GENESIS_HASH);
    expect(rows[1]?.prevHash).toBe(rows[0]?.hash);
    const result = await verifyAudit(database.db, { districtCode: D });
    expect(result.ok).toBe(true);
    expect(result.chains[0]).toMatchObject({ districtCode: D, rows: 5, headSeq: 5 });
  });

  it('is append-only at the database: UPDATE and DELETE are refused', async () => {
    await expect(
      database.db.execute(sql`UPDATE audit_log SET action = 'x' WHERE district_code = ${D}`),
    ).rejects.toThrow();
    await expect(
      database.db.execute(sql`DELETE FROM audit_log WHERE district_code = ${D}`),
    ).rejects.toThrow();
    expect((await verifyAudit(database.db, { districtCode: D })).ok).toBe(true);
  });

  it('detects an edited row', async () => {
    await tamper(
      sql`UPDATE audit_log SET details = '{"i": 99}'::jsonb WHERE district_code = ${D} AND seq = 3`,
    );
    const result = await verifyAudit(database.db, { districtCode: D });
    expect(result.ok).toBe(false);
    expect(result.problems).toEqual([expect.objectContaining({ seq: 3, kind: 'edited' })]);
  });

  it('detects a deleted row in the middle and a deleted tail', async () => {
    const E = '990002';
    await append(6, E);
    await tamper(sql`DELETE FROM audit_log WHERE district_code = ${E} AND seq = 2`);
    let result = await verifyAudit(database.db, { districtCode: E });
    expect(result.problems.map((p) => p.kind)).toEqual(expect.arrayContaining(['missing', 'broken_link']));

    const F = '990003';
    await append(4, F);
    await tamper(sql`DELETE FROM audit_log WHERE district_code = ${F} AND seq = 4`);
    result = await verifyAudit(database.db, { districtCode: F });
    expect(result.problems.map((p) => p.kind)).toEqual(['head_mismatch']);
  });

  it('detects a re-computed forgery only up to the head: rewriting a row and its hash breaks the next link', async () => {
    const G = '990004';
    await append(3, G);
    await tamper(sql`UPDATE audit_log SET hash = repeat('a', 64) WHERE district_code = ${G} AND seq = 2`);
    const result = await verifyAudit(database.db, { districtCode: G });
    const kinds = result.problems.map((p) => `${p.seq}:${p.kind}`);
    expect(kinds).toEqual(expect.arrayContaining(['2:edited', '3:broken_link']));
  });

  it('keeps concurrent appends in one gap-free chain', async () => {
    const H = '990005';
    await Promise.all(Array.from({ length: 10 }, () => append(1, H)));
    const rows = await database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.districtCode, H)))
      .orderBy(auditLog.seq);
    expect(rows.map((r) => r.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect((await verifyAudit(database.db, { districtCode: H })).ok).toBe(true);
  });
});
