import { once } from 'node:events';
import { createReadStream, createWriteStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { createGunzip, createGzip } from 'node:zlib';
import { is } from 'drizzle-orm';
import { getTableConfig, type PgTable, PgTable as PgTableClass } from 'drizzle-orm/pg-core';
import { appendAudit, SYSTEM_ACTOR } from '../audit/append-audit.ts';
import { verifyAudit } from '../audit/verify-audit.ts';
import { VERSION } from '../config.ts';
import { AppError } from '../errors.ts';
import { type Database, type Db, queryRows, sql } from './connection.ts';
import * as schema from './schema.ts';

/**
 * Logical backup: gzip'd NDJSON, one header line then {"t": table, "r": row} lines, rows as
 * PostgreSQL's own row_to_json. Restore feeds them back through json_populate_recordset, so a dump
 * from PGlite restores into PostgreSQL and back with the same types. Sessions are not backed up
 * (restoring live log-ins would be a security hole).
 */

const FORMAT = 'jiedao-backup';
const SKIP = new Set(['sessions']);
// Self-referencing tables are dumped parents-first.
const ROW_ORDER: Record<string, string> = { org_units: 'length(path), code' };

interface Header {
  format: typeof FORMAT;
  formatVersion: 1;
  appVersion: string;
  createdAt: string;
  source: string;
  tables: { name: string; rows: number }[];
}

/** Tables in foreign-key order (referenced tables first). */
export function tablesInDependencyOrder(): { name: string; table: PgTable }[] {
  const tables = (Object.values(schema) as unknown[]).filter((t): t is PgTable => is(t, PgTableClass));
  const byName = new Map(tables.map((t) => [getTableConfig(t).name, t]));
  const ordered: string[] = [];
  const visit = (name: string, stack: Set<string>) => {
    if (ordered.includes(name) || stack.has(name)) return;
    stack.add(name);
    const table = byName.get(name);
    if (table) {
      for (const fk of getTableConfig(table).foreignKeys) {
        const target = getTableConfig(fk.reference().foreignTable).name;
        if (target !== name) visit(target, stack);
      }
    }
    ordered.push(name);
  };
  for (const name of [...byName.keys()].sort()) visit(name, new Set());
  return ordered.filter((n) => !SKIP.has(n)).map((name) => ({ name, table: byName.get(name) as PgTable }));
}

/** "col1, col2" of the table's primary key: a stable row order for paging. */
function primaryKeyOrder(table: PgTable): string {
  const config = getTableConfig(table);
  const composite = config.primaryKeys[0]?.columns.map((c) => c.name);
  const single = config.columns.filter((c) => c.primary).map((c) => c.name);
  const columns = composite?.length ? composite : single;
  return columns.length > 0 ? columns.map((c) => `"${c}"`).join(', ') : 'ctid';
}

/** Writes a consistent snapshot (one repeatable-read transaction) to `file`. */
export async function backupDatabase(database: Database, file: string): Promise<Header> {
  const gzip = createGzip();
  const out = createWriteStream(file);
  gzip.pipe(out);
  const write = async (line: string) => {
    if (!gzip.write(`${line}\n`)) await once(gzip, 'drain');
  };
  const tables = tablesInDependencyOrder();
  const header: Header = {
    format: FORMAT,
    formatVersion: 1,
    appVersion: VERSION,
    createdAt: new Date().toISOString(),
    source: database.kind,
    tables: [],
  };
  await database.db.transaction(
    async (tx) => {
      for (const { name } of tables) {
        const [count] = await queryRows<{ n: number }>(
          tx,
          sql.raw(`SELECT count(*)::int AS n FROM "${name}"`),
        );
        header.tables.push({ name, rows: Number(count?.n ?? 0) });
      }
      await write(JSON.stringify(header));
      for (const { name, table } of tables) {
        const order = ROW_ORDER[name] ?? primaryKeyOrder(table);
        const page = 2000;
        for (let offset = 0; ; offset += page) {
          const rows = await queryRows<{ r: unknown }>(
            tx,
            sql.raw(
              `SELECT row_to_json(t) AS r FROM "${name}" t ORDER BY ${order} LIMIT ${page} OFFSET ${offset}`,
            ),
          );
          for (const row of rows) await write(JSON.stringify({ t: name, r: row.r }));
          if (rows.length < page) break;
        }
      }
    },
    { isolationLevel: 'repeatable read', accessMode: 'read only' },
  );
  gzip.end();
  await once(out, 'close');
  return header;
}

/** Restores a backup into an EMPTY database (after migrations); refuses to merge into live data. */
export async function restoreDatabase(
  database: Database,
  file: string,
): Promise<{ tables: Header['tables'] }> {
  let header: Header | undefined;
  const known = new Set(tablesInDependencyOrder().map((t) => t.name));
  const restored = new Map<string, number>();
  try {
    await database.db.transaction(async (tx) => {
      const [existing] = await queryRows<{ n: number }>(
        tx,
        sql`SELECT count(*)::int AS n FROM jurisdictions`,
      );
      if (Number(existing?.n ?? 0) > 0) {
        throw new AppError(
          'DATABASE_NOT_EMPTY',
          '目标数据库已有数据，只能恢复到空库 (restore needs an empty database)',
        );
      }
      // Open the file only now: readline emits lines as soon as it exists, and lines emitted before the
      // loop below starts would be lost (the transaction's first queries take time on PostgreSQL).
      const lines = createInterface({ input: createReadStream(file).pipe(createGunzip()) });
      let batch: unknown[] = [];
      let batchTable = '';
      const flush = async () => {
        if (batch.length === 0) return;
        await tx.execute(
          sql`INSERT INTO ${sql.identifier(batchTable)} SELECT * FROM json_populate_recordset(NULL::${sql.identifier(batchTable)}, ${JSON.stringify(batch)}::json)`,
        );
        restored.set(batchTable, (restored.get(batchTable) ?? 0) + batch.length);
        batch = [];
      };
      for await (const line of lines) {
        if (!line.trim()) continue;
        const parsed = JSON.parse(line) as Header | { t: string; r: unknown };
        if (!header) {
          header = parsed as Header;
          if (header.format !== FORMAT)
            throw new AppError('BACKUP_INVALID', '不是 Jiedao 备份文件 (not a Jiedao backup)');
          continue;
        }
        const { t, r } = parsed as { t: string; r: unknown };
        if (!known.has(t)) throw new AppError('BACKUP_INVALID', `备份中有未知的表：${t} (unknown table)`);
        if (t !== batchTable || batch.length >= 500) {
          await flush();
          batchTable = t;
        }
        batch.push(r);
      }
      await flush();
      if (!header) throw new AppError('BACKUP_INVALID', '备份文件为空 (empty backup)');
      for (const { name, rows } of header.tables) {
        if ((restored.get(name) ?? 0) !== rows) {
          throw new AppError(
            'BACKUP_INVALID',
            `表 ${name} 行数不符：应有 ${rows}，实得 ${restored.get(name) ?? 0} (truncated backup)`,
          );
        }
      }
      await recordRestore(tx, file);
    });
  } catch (err) {
    if (err instanceof SyntaxError || (err as NodeJS.ErrnoException).code === 'Z_DATA_ERROR') {
      throw new AppError('BACKUP_INVALID', `备份文件已损坏：${(err as Error).message} (corrupt backup)`);
    }
    throw err;
  }
  return { tables: (header as Header | undefined)?.tables ?? [] };
}

/** The restore continues each district's audit chain with a record of itself. */
async function recordRestore(tx: Db, file: string): Promise<void> {
  const check = await verifyAudit(tx);
  for (const chain of check.chains) {
    await appendAudit(tx, {
      districtCode: chain.districtCode,
      actor: SYSTEM_ACTOR,
      action: 'system.restore',
      targetType: 'database',
      targetId: chain.districtCode,
      details: { file, auditChainOk: check.ok },
    });
  }
}
