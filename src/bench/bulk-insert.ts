import type { Database } from '../core/db/connection.ts';

/** What both drivers' raw clients offer: node-postgres' Pool and PGlite both have query(text, params). */
export interface RawClient {
  query(text: string, params?: unknown[]): Promise<unknown>;
}

export function rawClient(database: Database): RawClient {
  return (database.db as unknown as { $client: RawClient }).$client;
}

export interface Column<R> {
  name: string;
  /** PostgreSQL type of the column (the array parameter is `type[]`). */
  type: string;
  value: (row: R) => unknown;
}

/**
 * Inserts many rows in ONE statement with one array parameter per column
 * (`INSERT … SELECT * FROM unnest($1::uuid[], $2::text[], …)`): a handful of parameters whatever the
 * row count, parsed once — the fast path both drivers share (node-postgres has no COPY without an
 * extra package; PGlite's COPY needs a blob per table).
 */
export async function insertColumns<R>(
  client: RawClient,
  table: string,
  columns: readonly Column<R>[],
  rows: readonly R[],
): Promise<number> {
  if (rows.length === 0) return 0;
  const params = columns.map((c) => rows.map((r) => c.value(r)));
  // jsonb[] cannot be unnested from text directly in every version: pass text[], cast per element.
  const args = columns.map((c, i) => `$${i + 1}::${c.type === 'jsonb' ? 'text' : c.type}[]`).join(', ');
  const names = columns.map((c) => `"${c.name}"`).join(', ');
  const select = columns.map((c, i) => (c.type === 'jsonb' ? `c${i}::jsonb` : `c${i}`)).join(', ');
  const aliases = columns.map((_, i) => `c${i}`).join(', ');
  await client.query(
    `INSERT INTO ${table} (${names}) SELECT ${select} FROM unnest(${args}) AS t(${aliases})`,
    params,
  );
  return rows.length;
}
