import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { SYSTEM_ACTOR } from '../src/core/audit/append-audit.ts';
import { type Database, openDatabase } from '../src/core/db/connection.ts';
import { seedDemo } from '../src/demo/seed-demo.ts';

/**
 * Prepares TWO template databases per run — migrated and empty, and migrated with the demo district
 * seeded — and every test file starts from a copy of one of them (PGlite: a data-folder tarball;
 * PostgreSQL: CREATE DATABASE … TEMPLATE). Files stay isolated and nobody pays for the migrations or
 * the demo seed twice.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const url = process.env.DATABASE_URL;
  if (url) {
    const template = `jiedao_tpl_${process.pid}`;
    const demoTemplate = `jiedao_tpl_demo_${process.pid}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    for (const name of [template, demoTemplate]) await admin.query(`DROP DATABASE IF EXISTS ${name}`);
    await admin.query(`CREATE DATABASE ${template}`);
    await (await openDatabase({ databaseUrl: withDatabase(url, template) })).close();
    await admin.query(`CREATE DATABASE ${demoTemplate} TEMPLATE ${template}`);
    const demo = await openDatabase({ databaseUrl: withDatabase(url, demoTemplate), migrate: false });
    const logins = await seedInto(demo);
    project.provide('pgTemplate', template);
    project.provide('pgDemoTemplate', demoTemplate);
    project.provide('demoLogins', JSON.stringify(logins));
    return async () => {
      for (const name of [template, demoTemplate]) await admin.query(`DROP DATABASE IF EXISTS ${name}`);
      await admin.end();
    };
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), 'jiedao-tpl-'));
  const empty = await openDatabase({ dataDir: 'memory://' });
  const emptyBlob = await dump(empty);
  writeFileSync(path.join(dir, 'template.tar'), Buffer.from(await emptyBlob.arrayBuffer()));
  const demo = await openDatabase({ dataDir: 'memory://', loadDataDir: emptyBlob, migrate: false });
  const logins = await seedDemo({ db: demo.db, actor: SYSTEM_ACTOR }).then((r) => r.logins);
  writeFileSync(path.join(dir, 'demo.tar'), Buffer.from(await (await dump(demo)).arrayBuffer()));
  project.provide('pgliteTemplate', path.join(dir, 'template.tar'));
  project.provide('pgliteDemoTemplate', path.join(dir, 'demo.tar'));
  project.provide('demoLogins', JSON.stringify(logins));
  return async () => {};
}

async function seedInto(database: Database) {
  try {
    return (await seedDemo({ db: database.db, actor: SYSTEM_ACTOR })).logins;
  } finally {
    await database.close();
  }
}

async function dump(database: Database): Promise<Blob> {
  const client = (database.db as unknown as { $client: { dumpDataDir(c: 'none'): Promise<Blob> } }).$client;
  const blob = await client.dumpDataDir('none');
  await database.close();
  return blob;
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

declare module 'vitest' {
  export interface ProvidedContext {
    pgTemplate?: string;
    pgDemoTemplate?: string;
    pgliteTemplate?: string;
    pgliteDemoTemplate?: string;
    demoLogins?: string;
  }
}
