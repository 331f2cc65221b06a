import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { type SQL, sql } from 'drizzle-orm';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import { AppError } from '../errors.ts';
import { checkDataFolder } from './check-data-folder.ts';
import { fsyncTree, pgliteFolderOptions, yieldBetweenOperations } from './durable-pglite.ts';
import { presetDrizzleParsers } from './pglite-parsers.ts';
import * as schema from './schema.ts';

export type Schema = typeof schema;
/** A database handle or an open transaction: use cases take either (a transaction IS a PgDatabase). */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type DbKind = 'pglite' | 'postgres';

export interface Database {
  db: Db;
  kind: DbKind;
  /** Where the data lives, for messages: the data folder or the URL without its password. */
  location: string;
  close(): Promise<void>;
}

export const MIGRATIONS_DIR = fileURLToPath(new URL('../../../migrations', import.meta.url));

export interface OpenOptions {
  /** PostgreSQL connection string; when absent the embedded PGlite is used. */
  databaseUrl?: string | undefined;
  /** PGlite data folder (default ./data); 'memory://' for a throw-away database. */
  dataDir?: string | undefined;
  /** A PGlite data-folder tarball to start from (tests clone a migrated template this way). */
  loadDataDir?: Blob | File | undefined;
  /** Apply pending migrations (default true). */
  migrate?: boolean;
  poolSize?: number;
  /**
   * PGlite folder: fsync every commit (default; `JIEDAO_PGLITE_FSYNC=0` turns it off). See
   * durable-pglite.ts for what this does and does not buy.
   */
  fsync?: boolean;
  /** PGlite folder: compare every table's heap with its primary key at open (default; `JIEDAO_PGLITE_CHECK=0` skips). */
  checkOnOpen?: boolean;
}

const RESTORE_HINT = '请从备份恢复：jiedao restore 备份文件 --data 新目录';

/** Opens PGlite or PostgreSQL, applies committed migrations, and returns one Drizzle handle. */
export async function openDatabase(options: OpenOptions = {}): Promise<Database> {
  const database = options.databaseUrl ? await openPostgres(options) : await openPglite(options);
  if (options.migrate !== false) {
    try {
      await runMigrations(database);
    } catch (err) {
      await database.close();
      throw err;
    }
  }
  return database;
}

async function openPostgres(options: OpenOptions): Promise<Database> {
  const url = options.databaseUrl as string;
  const pool = new pg.Pool({ connectionString: url, max: options.poolSize ?? 10 });
  // Fail fast with a clear message instead of on the first request.
  try {
    const client = await pool.connect();
    client.release();
  } catch (err) {
    await pool.end();
    throw new AppError('INTERNAL', `无法连接 PostgreSQL：${(err as Error).message} (cannot connect)`);
  }
  const db = drizzlePg({ client: pool, schema }) as unknown as Db;
  return { db, kind: 'postgres', location: redactUrl(url), close: () => pool.end() };
}

async function openPglite(options: OpenOptions): Promise<Database> {
  const dataDir = options.dataDir ?? './data';
  const inMemory = dataDir.startsWith('memory://');
  let release = () => {};
  if (!inMemory) {
    const abs = path.resolve(dataDir);
    mkdirSync(abs, { recursive: true });
    assertNotDamaged(abs);
    release = lockDataDir(abs);
  }
  const fresh = !inMemory && !existsSync(path.join(path.resolve(dataDir), 'PG_VERSION'));
  const fsync = !inMemory && (options.fsync ?? process.env.JIEDAO_PGLITE_FSYNC !== '0');
  let client: PGlite;
  try {
    client = await PGlite.create({
      ...(inMemory ? {} : pgliteFolderOptions(path.resolve(dataDir), fsync)),
      loadDataDir: options.loadDataDir,
    });
  } catch (err) {
    release();
    throw new AppError(
      'INTERNAL',
      `数据目录无法打开，可能已损坏：${dataDir}。${RESTORE_HINT} (data folder damaged: ${(err as Error).message})`,
    );
  }
  if (fresh && fsync) fsyncTree(path.resolve(dataDir)); // the new cluster PGlite unpacked outside PostgreSQL
  yieldBetweenOperations(client);
  if (!inMemory && !fresh && (options.checkOnOpen ?? process.env.JIEDAO_PGLITE_CHECK !== '0')) {
    const problems = await checkDataFolder(client).catch((err: Error) => [
      { table: '*', message: err.message },
    ]);
    if (problems.length > 0) {
      await client.close().catch(() => {});
      release();
      throw new AppError(
        'INTERNAL',
        `数据目录已损坏：${dataDir}（${problems.map((p) => p.message).join('；')}）。${RESTORE_HINT} (data folder damaged)`,
        { problems },
      );
    }
  }
  presetDrizzleParsers(client);
  const db = drizzlePglite({ client, schema }) as unknown as Db;
  return {
    db,
    kind: 'pglite',
    location: inMemory ? 'memory' : path.resolve(dataDir),
    close: async () => {
      await client.close();
      release();
    },
  };
}

/** A PGlite folder must never be opened by two processes: the second one is refused. */
function lockDataDir(dir: string): () => void {
  const lockFile = path.join(dir, '.jiedao.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lockFile, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(lockFile, { force: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const pid = Number(readFileSync(lockFile, 'utf8'));
      if (pid && pid !== process.pid && isAlive(pid)) {
        throw new AppError(
          'CONFLICT',
          `数据目录正被另一个进程（PID ${pid}）使用：${dir} (data folder is locked by another process)`,
          { pid },
        );
      }
      rmSync(lockFile, { force: true }); // stale lock of a process that died
    }
  }
  throw new AppError('CONFLICT', `无法锁定数据目录：${dir} (cannot lock data folder)`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** What every PostgreSQL data folder has; any of them without the others is a damaged folder. */
const CLUSTER_ENTRIES = ['PG_VERSION', 'base', 'global', 'pg_wal', 'pg_xact', 'postgresql.conf'];

/**
 * A folder holding part of a cluster is not a new database: never silently initialise over it (PGlite
 * would run initdb whenever PG_VERSION is missing). An empty folder (or one with only our lock and the
 * uploaded files) is a new installation.
 */
function assertNotDamaged(dir: string): void {
  const present = CLUSTER_ENTRIES.filter((e) => existsSync(path.join(dir, e)));
  if (present.length > 0 && present.length < CLUSTER_ENTRIES.length) {
    const missing = CLUSTER_ENTRIES.filter((e) => !present.includes(e));
    throw new AppError(
      'INTERNAL',
      `数据目录已损坏（缺少 ${missing.join('、')}）：${dir}。${RESTORE_HINT} (data folder damaged)`,
      { missing },
    );
  }
}

async function runMigrations(database: Database): Promise<void> {
  const config = { migrationsFolder: MIGRATIONS_DIR };
  if (database.kind === 'pglite') {
    await migratePglite(database.db as unknown as Parameters<typeof migratePglite>[0], config);
  } else {
    await migratePg(database.db as unknown as Parameters<typeof migratePg>[0], config);
  }
}

function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'postgres';
  }
}

/** Runs raw SQL and returns its rows, the same on both drivers. */
export async function queryRows<T>(db: Db, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}

export { sql };
