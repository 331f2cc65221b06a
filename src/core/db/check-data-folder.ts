import type { PGlite } from '@electric-sql/pglite';

export interface DataFolderProblem {
  table: string;
  message: string;
}

/**
 * A cheap consistency check of an embedded data folder at start-up. PostgreSQL notices a damaged
 * control file, WAL or catalog by itself (PGlite then fails to start), and page checksums catch a
 * scribbled page when it is read; but a relation file cut short (a truncated copy, a full disk, a bad
 * restore) just reads as a shorter table — rows vanish silently. Each table's rows are therefore
 * counted twice, once from the heap (sequential scan) and once through its primary-key index: the
 * two disagree, or the read fails, when either file lost pages.
 */
export async function checkDataFolder(client: PGlite): Promise<DataFolderProblem[]> {
  const tables = await client.query<{ name: string }>(
    `SELECT quote_ident(c.relname) AS name
       FROM pg_class c
       JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind = 'r'
        AND EXISTS (SELECT 1 FROM pg_index i WHERE i.indrelid = c.oid AND i.indisprimary)
      ORDER BY c.relname`,
  );
  const names = tables.rows.map((r) => r.name);
  if (names.length === 0) return [];
  let heap: Map<string, number>;
  let index: Map<string, number>;
  try {
    heap = await countAll(client, names, 'heap');
    index = await countAll(client, names, 'index');
  } catch (err) {
    return [{ table: '*', message: `数据无法读取：${(err as Error).message}` }];
  }
  return names
    .filter((name) => heap.get(name) !== index.get(name))
    .map((name) => ({
      table: name,
      message: `表 ${name} 的数据文件与索引不一致（数据 ${heap.get(name)} 行，索引 ${index.get(name)} 行）(heap and index disagree)`,
    }));
}

/** Every table's row count in one statement, read from the heap or through the indexes only. */
async function countAll(
  client: PGlite,
  tables: string[],
  via: 'heap' | 'index',
): Promise<Map<string, number>> {
  const settings =
    via === 'heap'
      ? ['enable_indexscan = off', 'enable_indexonlyscan = off', 'enable_bitmapscan = off']
      : ['enable_seqscan = off', 'enable_bitmapscan = off'];
  const union = tables
    .map((t) => `SELECT ${quoteLiteral(t)} AS t, (SELECT count(*) FROM ${t})::int AS n`)
    .join(' UNION ALL ');
  return client.transaction(async (tx) => {
    for (const s of settings) await tx.exec(`SET LOCAL ${s}`);
    const res = await tx.query<{ t: string; n: number }>(union);
    return new Map(res.rows.map((r) => [r.t, r.n]));
  });
}

const quoteLiteral = (s: string) => `'${s.replaceAll("'", "''")}'`;
