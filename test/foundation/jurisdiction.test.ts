import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../src/core/audit/append-audit.ts';
import { auditLog } from '../../src/core/audit/tables.ts';
import type { Database } from '../../src/core/db/connection.ts';
import { AppError } from '../../src/core/errors.ts';
import { initJurisdiction } from '../../src/jurisdiction/init-jurisdiction.ts';
import { orgUnits } from '../../src/jurisdiction/tables.ts';
import { openTestDatabase } from '../db.ts';

let database: Database;
beforeAll(async () => {
  database = await openTestDatabase();
});

describe('jiedao init from the real division data', () => {
  it('builds 北京市石景山区 with its 9 streets and 153 communities, real names and 12-digit codes', async () => {
    const summary = await initJurisdiction({ db: database.db, division: '110107', actor: SYSTEM_ACTOR });
    expect(summary).toMatchObject({ districtCode: '110107', fullName: '北京市石景山区', demo: false });
    expect(summary.counts).toEqual({ district: 1, street: 9, community: 153 });

    const streets = await database.db
      .select()
      .from(orgUnits)
      .where(and(eq(orgUnits.districtCode, '110107'), eq(orgUnits.level, 'street')));
    expect(streets.map((s) => s.name).sort()).toEqual(
      [
        '八宝山街道',
        '老山街道',
        '八角街道',
        '古城街道',
        '苹果园街道',
        '金顶街街道',
        '广宁街道',
        '五里坨街道',
        '鲁谷街道',
      ].sort(),
    );
    const babaoshan = streets.find((s) => s.name === '八宝山街道');
    expect(babaoshan?.code).toBe('110107001000');
    expect(babaoshan?.path).toBe('/110107000000/110107001000/');

    const communities = await database.db
      .select()
      .from(orgUnits)
      .where(and(eq(orgUnits.districtCode, '110107'), eq(orgUnits.level, 'community')));
    for (const c of communities) {
      expect(c.code).toMatch(/^110107\d{6}$/);
      const street = streets.find((s) => s.id === c.parentId);
      expect(street, c.name).toBeDefined();
      expect(c.code.slice(0, 9)).toBe(street?.code.slice(0, 9));
      expect(c.path).toBe(`${street?.path}${c.code}/`);
    }
    expect(communities.find((c) => c.code === '110107001003')?.name).toBe('玉泉路西社区');
  });

  it('writes the initialisation to the audit log', async () => {
    const rows = await database.db.select().from(auditLog).where(eq(auditLog.districtCode, '110107'));
    expect(rows.map((r) => r.action)).toContain('jurisdiction.init');
  });

  it('refuses to initialise the same district twice', async () => {
    await expect(
      initJurisdiction({ db: database.db, division: '110107', actor: SYSTEM_ACTOR }),
    ).rejects.toMatchObject({
      code: 'ALREADY_INITIALIZED',
    });
  });

  it('works for another district: 640104 宁夏回族自治区银川市兴庆区', async () => {
    const summary = await initJurisdiction({ db: database.db, division: '640104', actor: SYSTEM_ACTOR });
    expect(summary.fullName).toBe('宁夏回族自治区银川市兴庆区');
    expect(summary.counts.street).toBeGreaterThanOrEqual(10);
    expect(summary.counts.community).toBeGreaterThan(50);
  });

  it('rejects an unknown or malformed code with a clear error and writes nothing', async () => {
    for (const code of ['999999', '11010', 'abcdef']) {
      const err = await initJurisdiction({ db: database.db, division: code, actor: SYSTEM_ACTOR }).catch(
        (e) => e,
      );
      expect(err).toBeInstanceOf(AppError);
      expect(err.code).toBe('UNKNOWN_DIVISION');
      expect(err.message).toMatch(/区划代码|区县/);
    }
    const stray = await database.db.select().from(orgUnits).where(eq(orgUnits.districtCode, '999999'));
    expect(stray).toHaveLength(0);
  });
});
