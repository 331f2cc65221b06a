import { PGlite, type Results } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { presetDrizzleParsers } from './pglite-parsers.ts';

// Every type drizzle reads as text, with NULLs and arrays, plus a few others around them.
const QUERY = `SELECT date '2026-03-01' AS d, timestamp '2026-03-01 08:00:00.123456' AS ts,
  timestamptz '2026-03-01 08:00:00.5+08' AS tstz, interval '1 day 02:00' AS iv,
  ARRAY[timestamp '2026-03-01 08:00', NULL] AS ts_arr, ARRAY[date '2026-03-02'] AS d_arr,
  ARRAY[timestamptz '2026-03-01 00:00+00'] AS tstz_arr, ARRAY[interval '3 hours'] AS iv_arr,
  ARRAY[1.50::numeric, NULL] AS num_arr, NULL::timestamptz AS tstz_null, 42 AS n, 'x'::text AS t,
  '{"a":1}'::jsonb AS j, now() - now() AS zero, 1 AS same, timestamptz '2026-01-01Z' AS same`;
const DRIZZLE_PARSERS = Object.fromEntries(
  [1082, 1114, 1184, 1186, 1231, 1115, 1185, 1187, 1182].map((oid) => [oid, (v: string) => v]),
);

describe('presetDrizzleParsers', () => {
  let plain: PGlite;
  let preset: PGlite;
  beforeAll(async () => {
    plain = await PGlite.create();
    preset = await PGlite.create();
    presetDrizzleParsers(preset);
  });
  afterAll(async () => {
    await plain.close();
    await preset.close();
  });

  const strip = (r: Results | Results[]) => JSON.parse(JSON.stringify(r, (_k, v) => v)) as unknown;
  const same = async (run: (db: PGlite) => Promise<Results | Results[]>) => {
    const a = await run(plain);
    const b = await run(preset);
    expect(strip(b)).toEqual(strip(a));
    // Dates stay Dates (JSON would hide the difference between a Date and its ISO string).
    const firstRow = (r: Results | Results[]) => (Array.isArray(r) ? r[0] : r)?.rows[0] as object;
    const kinds = (row: object) =>
      Object.values(row).map((v) => (v instanceof Date ? 'date' : Array.isArray(v) ? 'array' : typeof v));
    expect(kinds(firstRow(b))).toEqual(kinds(firstRow(a)));
  };

  it('gives raw queries the same values as before (objects, arrays, exec, sql, transactions)', async () => {
    await same((db) => db.query(QUERY));
    await same((db) => db.query(QUERY, [], { rowMode: 'array' }));
    await same((db) => db.query(QUERY, [], { parsers: { 23: (v: string) => `int:${v}` } }));
    await same((db) => db.exec(QUERY));
    await same((db) => db.sql`SELECT timestamptz '2026-03-01 08:00Z' AS at, ${'x'}::text AS v`);
    await same((db) => db.transaction((tx) => tx.query(QUERY)));
    await same((db) => db.transaction((tx) => tx.exec(QUERY)));
    await same((db) => db.transaction((tx) => tx.sql`SELECT now() - now() AS zero, date '2026-01-02' AS d`));
  });

  it("gives drizzle's queries the same text values, in and out of transactions", async () => {
    await same((db) => db.query(QUERY, [], { rowMode: 'array', parsers: DRIZZLE_PARSERS }));
    await same((db) => db.query(QUERY, [], { rowMode: 'object', parsers: DRIZZLE_PARSERS }));
    await same((db) =>
      db.transaction((tx) => tx.query(QUERY, [], { rowMode: 'array', parsers: DRIZZLE_PARSERS })),
    );
    const r = await preset.query<{ tstz: unknown }>(QUERY, [], { parsers: DRIZZLE_PARSERS });
    expect(typeof r.rows[0]?.tstz).toBe('string');
  });

  it('keeps transactions working (rollback, closed)', async () => {
    await preset.exec('CREATE TABLE IF NOT EXISTS t (at timestamptz)');
    await preset
      .transaction(async (tx) => {
        await tx.query('INSERT INTO t VALUES (now())');
        expect(tx.closed).toBe(false);
        throw new Error('undo');
      })
      .catch(() => {});
    expect((await preset.query('SELECT count(*)::int AS n FROM t')).rows).toEqual([{ n: 0 }]);
    await preset.transaction(async (tx) => {
      await tx.query('INSERT INTO t VALUES (now())');
      await tx.rollback();
    });
    expect((await preset.query('SELECT count(*)::int AS n FROM t')).rows).toEqual([{ n: 0 }]);
  });
});
