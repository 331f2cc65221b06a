import type { Database } from '../core/db/connection.ts';
import type { Column } from './bulk-insert.ts';

/** COPY text format for one value: \N for NULL; backslash, tab, newline and CR escaped. */
function field(v: unknown): string {
  if (v === null || v === undefined) return '\\N';
  const s = typeof v === 'boolean' ? (v ? 't' : 'f') : v instanceof Date ? v.toISOString() : String(v);
  return /[\\\t\n\r]/.test(s)
    ? s.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r'))
    : s;
}

/** Rows in COPY text format (jsonb columns take their JSON text as is). */
export function copyText<R>(columns: readonly Column<R>[], rows: readonly R[]): string {
  const lines: string[] = [];
  for (const r of rows) lines.push(columns.map((c) => field(c.value(r))).join('\t'));
  return lines.length ? `${lines.join('\n')}\n` : '';
}

interface PgConnection {
  query(text: string): void;
  sendCopyFromChunk(chunk: Buffer): void;
  endCopyFrom(): void;
}

/**
 * A node-postgres "submittable" speaking the COPY FROM STDIN sub-protocol (what the pg-copy-streams
 * package does, without adding a dependency): sends the statement, then the data, then the end.
 */
class CopyIn {
  private settled = false;
  constructor(
    private readonly text: string,
    private readonly data: Buffer,
    private readonly done: (err?: Error) => void,
  ) {}
  submit(connection: PgConnection): void {
    connection.query(this.text);
  }
  handleCopyInResponse(connection: PgConnection): void {
    const CHUNK = 1 << 20;
    for (let i = 0; i < this.data.length; i += CHUNK)
      connection.sendCopyFromChunk(this.data.subarray(i, i + CHUNK));
    connection.endCopyFrom();
  }
  handleError(err: Error): void {
    if (this.settled) return;
    this.settled = true;
    this.done(err);
  }
  handleReadyForQuery(): void {
    if (this.settled) return;
    this.settled = true;
    this.done();
  }
  handleCommandComplete(): void {}
  handleRowDescription(): void {}
  handleDataRow(): void {}
  handlePortalSuspended(): void {}
  handleEmptyQuery(): void {}
  handleCopyData(): void {}
}

interface PgPool {
  connect(): Promise<{ query(q: CopyIn): unknown; release(err?: Error): void }>;
}
interface Pglite {
  query(text: string, params: unknown[], options: { blob: Blob }): Promise<unknown>;
}

/** COPY rows into a table on either driver: COPY FROM STDIN (node-postgres) or from a blob (PGlite). */
export async function copyRows<R>(
  database: Database,
  table: string,
  columns: readonly Column<R>[],
  rows: readonly R[],
): Promise<number> {
  if (rows.length === 0) return 0;
  const text = copyText(columns, rows);
  const names = columns.map((c) => `"${c.name}"`).join(', ');
  const client = (database.db as unknown as { $client: unknown }).$client;
  if (database.kind === 'pglite') {
    await (client as Pglite).query(`COPY ${table} (${names}) FROM '/dev/blob'`, [], {
      blob: new Blob([text]),
    });
    return rows.length;
  }
  const conn = await (client as PgPool).connect();
  try {
    await new Promise<void>((resolve, reject) => {
      conn.query(
        new CopyIn(`COPY ${table} (${names}) FROM STDIN`, Buffer.from(text), (err) =>
          err ? reject(err) : resolve(),
        ),
      );
    });
  } catch (err) {
    conn.release(err as Error);
    throw err;
  }
  conn.release();
  return rows.length;
}
