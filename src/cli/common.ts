import os from 'node:os';
import type { AuditActor } from '../core/audit/append-audit.ts';
import { type Config, loadConfig } from '../core/config.ts';
import { type Database, openDatabase } from '../core/db/connection.ts';

/** Flags every command accepts. */
export const COMMON_OPTIONS = {
  data: { type: 'string' },
  json: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

/** The configuration for this run: environment first, `--data` on top. */
export function configFrom(values: { data?: string | undefined }): Config {
  const config = loadConfig();
  if (values.data) config.dataDir = values.data;
  return config;
}

/** Opens the database the way the server would (migrations applied). */
export function openFrom(config: Config): Promise<Database> {
  return openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
}

/** The CLI acts as the operating-system user who ran it; that name goes into the audit log. */
export function cliActor(): AuditActor {
  let name = 'unknown';
  try {
    name = os.userInfo().username;
  } catch {
    // containers without a passwd entry
  }
  return { id: null, label: `cli:${name}` };
}

/** Prints a result: JSON with --json, else the human text. */
export function output(json: boolean, value: unknown, human: () => string): void {
  process.stdout.write(json ? `${JSON.stringify(value, null, 2)}\n` : `${human()}\n`);
}

/** Runs `fn` with an open database and always closes it (releasing the PGlite folder lock). */
export async function withDatabase<T>(config: Config, fn: (database: Database) => Promise<T>): Promise<T> {
  const database = await openFrom(config);
  try {
    return await fn(database);
  } finally {
    await database.close();
  }
}
