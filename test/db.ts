import { readFileSync } from 'node:fs';
import pg from 'pg';
import { afterAll, inject } from 'vitest';
import { type Database, openDatabase } from '../src/core/db/connection.ts';
import { withDatabase } from './global-setup.ts';

/**
 * A fresh, migrated database for one test file: PGlite by default, PostgreSQL when DATABASE_URL is
 * set (the test command runs the suite both ways). Closed after the file.
 */
export async function openTestDatabase(): Promise<Database> {
  const url = process.env.DATABASE_URL;
  let database: Database;
  if (url) {
    const template = inject('pgTemplate');
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
    const file = inject('pgliteTemplate');
    if (!file) throw new Error('global setup did not prepare a PGlite template');
    const blob = new Blob([readFileSync(file)]);
    database = await openDatabase({ dataDir: 'memory://', loadDataDir: blob, migrate: false });
  }
  afterAll(async () => {
    await database.close();
  });
  return database;
}
