import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../src/core/audit/tables.ts';
import { verifyAudit } from '../../src/core/audit/verify-audit.ts';
import { backupDatabase, restoreDatabase } from '../../src/core/db/backup.ts';
import { type Database, openDatabase, queryRows } from '../../src/core/db/connection.ts';
import { countUnitsByLevel } from '../../src/jurisdiction/store.ts';
import { openTestDatabase } from '../db.ts';
import { buildDemoDistrict } from '../factories.ts';

let source: Database;
const dir = mkdtempSync(path.join(os.tmpdir(), 'jiedao-backup-'));
const file = path.join(dir, 'demo.jiedao.gz');

beforeAll(async () => {
  source = await openTestDatabase();
  await buildDemoDistrict(source);
  await backupDatabase(source, file);
});

async function tableCounts(database: Database) {
  const rows = await queryRows<{ t: string; n: number }>(
    database.db,
    sql`SELECT 'org_units' AS t, count(*)::int AS n FROM org_units UNION ALL SELECT 'users', count(*)::int FROM users
        UNION ALL SELECT 'audit_log', count(*)::int FROM audit_log`,
  );
  return Object.fromEntries(rows.map((r) => [r.t, Number(r.n)]));
}

describe('backup and restore', () => {
  it('restores into a fresh embedded database with identical data and an intact audit chain', {
    timeout: 240_000,
  }, async () => {
    const target = await openDatabase({ dataDir: 'memory://' });
    try {
      await restoreDatabase(target, file);
      const before = await tableCounts(source);
      const after = await tableCounts(target);
      expect(after.org_units).toBe(before.org_units);
      expect(after.users).toBe(before.users);
      // the restore appends one record of itself to the chain
      expect(after.audit_log).toBe((before.audit_log ?? 0) + 1);
      expect(await countUnitsByLevel(target.db, '110107')).toEqual(
        await countUnitsByLevel(source.db, '110107'),
      );
      const check = await verifyAudit(target.db);
      expect(check.ok).toBe(true);
      const [last] = await target.db.select().from(auditLog).orderBy(sql`seq desc`).limit(1);
      expect(last?.action).toBe('system.restore');
    } finally {
      await target.close();
    }
  });

  it.runIf(process.env.DATABASE_URL)(
    'restores a PGlite dump into PostgreSQL and a PostgreSQL dump into PGlite',
    async () => {
      // source is PostgreSQL in this run: PG → PGlite
      const pglite = await openDatabase({ dataDir: 'memory://' });
      try {
        await restoreDatabase(pglite, file);
        expect((await verifyAudit(pglite.db)).ok).toBe(true);
        // PGlite → PG: dump the PGlite copy, restore into a fresh PostgreSQL database
        const second = path.join(dir, 'from-pglite.gz');
        await backupDatabase(pglite, second);
        const pg = await openTestDatabase();
        await restoreDatabase(pg, second);
        expect((await tableCounts(pg)).org_units).toBe((await tableCounts(source)).org_units);
        expect((await verifyAudit(pg.db)).ok).toBe(true);
      } finally {
        await pglite.close();
      }
    },
    // two restores and two dumps of the whole demo district: give a loaded machine room
    240_000,
  );

  it('refuses to restore over existing data', async () => {
    await expect(restoreDatabase(source, file)).rejects.toMatchObject({ code: 'DATABASE_NOT_EMPTY' });
  });

  it('rejects a corrupt or foreign file with a clear error and leaves the target empty', async () => {
    const bad = path.join(dir, 'bad.gz');
    writeFileSync(bad, 'this is not gzip');
    const target = await openDatabase({ dataDir: 'memory://' });
    try {
      await expect(restoreDatabase(target, bad)).rejects.toMatchObject({ code: 'BACKUP_INVALID' });
      expect((await tableCounts(target)).org_units).toBe(0);
    } finally {
      await target.close();
    }
  });
});
