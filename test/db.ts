import { readFileSync } from 'node:fs';
import pg from 'pg';
import { afterAll, inject } from 'vitest';
import { type Database, openDatabase } from '../src/core/db/connection.ts';
import { withDatabase } from './global-setup.ts';

/** Databases cloned from the demo template: buildDemoDistrict() finds them already seeded. */
export const seededWithDemo = new WeakSet<Database>();

/**
 * A fresh, migrated database for one test file: PGlite by default, PostgreSQL when DATABASE_URL is
 * set (the test command runs the suite both ways). `demo: true` starts from a copy of the seeded demo
 * district (110107 with its users, lists …) instead of an empty one. Closed after the file.
 */
export async function openTestDatabase(options: { demo?: boolean } = {}): Promise<Database> {
  const url = process.env.DATABASE_URL;
  let database: Database;
  if (url) {
    const template = inject(options.demo ? 'pgDemoTemplate' : 'pgTemplate');
    if (!template) throw new Error('global setup did not prepare a PostgreSQL template');
    const name = `jiedao_t_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
    database = await openDatabase({ databaseUrl: withDatabase(url, name), migrate: false, poolSize: 4 });
    const close = database.close;
    database.close = async () => {
      await close();
      await admin.query(`DROP DATABASE IF EXISTS ${name}`);
      await admin.end();
    };
  } else {
    const file = inject(options.demo ? 'pgliteDemoTemplate' : 'pgliteTemplate');
    if (!file) throw new Error('global setup did not prepare a PGlite template');
    const blob = new Blob([readFileSync(file)]);
    database = await openDatabase({ dataDir: 'memory://', loadDataDir: blob, migrate: false });
  }
  if (options.demo) seededWithDemo.add(database);
  afterAll(async () => {
    await database.close();
  });
  return database;
}
