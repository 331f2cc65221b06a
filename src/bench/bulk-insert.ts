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
  /** PostgreSQL type of the column (COPY sends text; the type documents what the text must parse as). */
  type: string;
  value: (row: R) => unknown;
}
