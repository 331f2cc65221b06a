import { spawn } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  truncateSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openDatabase, queryRows, sql } from '../../src/core/db/connection.ts';
import { pgliteFsyncCount } from '../../src/core/db/durable-pglite.ts';
import { AppError } from '../../src/core/errors.ts';
import { recordReliability } from './report.ts';

/**
 * The embedded data folder (PGlite only — PostgreSQL guards its own): commits are fsynced, a second
 * process is refused by the lock, and a damaged folder is refused with the restore command, never
 * initialised again over the top.
 */
const onPglite = !process.env.DATABASE_URL;
const BIN = fileURLToPath(new URL('../../bin/jiedao.mjs', import.meta.url));
const tmp = mkdtempSync(path.join(os.tmpdir(), 'jiedao-folder-'));
const master = path.join(tmp, 'master');
let rows = 0;

beforeAll(async () => {
  if (!onPglite) return;
  // from the suite's migrated template, so no test pays for initdb and the migrations again
  const template = inject('pgliteTemplate');
  const database = await openDatabase({
    dataDir: master,
    fsync: false,
    loadDataDir: template ? new Blob([readFileSync(template)]) : undefined,
  });
  await database.db.execute(sql`CREATE TABLE probe (id int PRIMARY KEY, v text NOT NULL)`);
  await database.db.execute(
    sql`INSERT INTO probe SELECT g, repeat('x', 200) FROM generate_series(1, 5000) g`,
  );
  rows = 5000;
  await database.close();
}, 120_000);

afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** A copy of the healthy folder to damage. */
function copyOfMaster(name: string): string {
  const dir = path.join(tmp, name);
  cpSync(master, dir, { recursive: true });
  return dir;
}

/** Every file under dir with its size: what "nothing was re-initialised" compares. */
function listing(dir: string): Record<string, number> {
  const out: Record<string, number> = {};
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, e.name);
      if (e.isDirectory()) walk(full);
      else out[path.relative(dir, full)] = statSync(full).size;
    }
  };
  walk(dir);
  delete out['.jiedao.lock'];
  delete out['postmaster.pid']; // written by the failed start itself
  return out;
}

/** The largest relation file of the database: the probe table's heap. */
function biggestRelationFile(dir: string): string {
  const base = path.join(dir, 'base');
  const files = readdirSync(base).flatMap((db) =>
    readdirSync(path.join(base, db))
      .filter((f) => /^\d+$/.test(f))
      .map((f) => path.join(base, db, f)),
  );
  return files.sort((a, b) => statSync(b).size - statSync(a).size)[0] as string;
}

const DAMAGE: { name: string; damage: (dir: string) => void }[] = [
  { name: 'control file truncated', damage: (d) => truncateSync(path.join(d, 'global', 'pg_control'), 0) },
  {
    name: 'WAL segment truncated',
    damage: (d) => {
      const wal = readdirSync(path.join(d, 'pg_wal')).find((f) => /^[0-9A-F]{24}$/.test(f)) as string;
      truncateSync(path.join(d, 'pg_wal', wal), 0);
    },
  },
  { name: 'a table file cut short', damage: (d) => truncateSync(biggestRelationFile(d), 16_384) },
  { name: 'PG_VERSION deleted', damage: (d) => rmSync(path.join(d, 'PG_VERSION')) },
  { name: 'base folder deleted', damage: (d) => rmSync(path.join(d, 'base'), { recursive: true }) },
];

describe.runIf(onPglite)('the embedded data folder', () => {
  it('fsyncs every commit to the disk', async () => {
    const database = await openDatabase({ dataDir: copyOfMaster('fsync') });
    try {
      const before = pgliteFsyncCount();
      for (let i = 0; i < 20; i++) {
        await database.db.transaction(async (tx) => {
          await tx.execute(sql`INSERT INTO probe VALUES (${100_000 + i}, 'committed')`);
        });
      }
      expect(pgliteFsyncCount() - before).toBeGreaterThanOrEqual(20);
      const [setting] = await queryRows<{ fsync: string; method: string }>(
        database.db,
        sql`SELECT current_setting('fsync') AS fsync, current_setting('wal_sync_method') AS method`,
      );
      expect(setting).toEqual({ fsync: 'on', method: 'fsync' });
    } finally {
      await database.close();
    }
  });

  it('refuses a second process while the folder is open, and lets it in afterwards', async () => {
    const dir = copyOfMaster('locked');
    const database = await openDatabase({ dataDir: dir });
    const second = await runCli(['users', 'list', '--data', dir]);
    expect(second.code).toBe(2);
    expect(second.stderr).toContain('[CONFLICT]');
    expect(second.stderr).toContain(`PID ${process.pid}`);
    await database.close();
    expect(existsSync(path.join(dir, '.jiedao.lock'))).toBe(false);
    const after = await openDatabase({ dataDir: dir, migrate: false });
    await after.close();
  });

  for (const { name, damage } of DAMAGE) {
    it(`refuses a damaged folder (${name}) with the restore command and leaves it as it was`, async () => {
      const dir = copyOfMaster(name.replaceAll(' ', '-'));
      damage(dir);
      const before = listing(dir);
      const error = await openDatabase({ dataDir: dir }).then(
        async (d) => {
          await d.close();
          return null;
        },
        (err: unknown) => err,
      );
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).message).toContain('数据目录');
      expect((error as AppError).message).toContain('损坏');
      expect((error as AppError).message).toContain('jiedao restore');
      expect((error as AppError).message).toContain(dir);
      // never initialised again over the damaged files
      expect(listing(dir)).toEqual(before);
      expect(existsSync(path.join(dir, '.jiedao.lock'))).toBe(false);
      recordReliability({ kind: 'data-folder', backend: 'pglite', damage: name, refused: true });
    });
  }

  it('still opens the healthy master with every row', async () => {
    const database = await openDatabase({ dataDir: master });
    try {
      const [r] = await queryRows<{ n: number }>(database.db, sql`SELECT count(*)::int AS n FROM probe`);
      expect(r?.n).toBe(rows);
    } finally {
      await database.close();
    }
  });
});

function runCli(args: string[]): Promise<{ code: number; stderr: string }> {
  return new Promise((resolve) => {
    const env = { ...process.env };
    delete env.DATABASE_URL;
    const child = spawn('node', [BIN, ...args], { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    child.on('exit', (code) => resolve({ code: code ?? -1, stderr }));
  });
}
