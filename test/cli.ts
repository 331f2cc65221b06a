import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const BIN = fileURLToPath(new URL('../bin/jiedao.mjs', import.meta.url));
const run = promisify(execFile);

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs the real `jiedao` command as a child process and returns its exit code and output (it never
 * throws on a non-zero exit: tests assert on the code). PGlite unless `databaseUrl` is given — the
 * suite's DATABASE_URL is dropped, so a CLI test never writes into the shared PostgreSQL.
 */
export async function runJiedao(
  args: string[],
  options: { databaseUrl?: string; env?: NodeJS.ProcessEnv; cwd?: string; timeoutMs?: number } = {},
): Promise<CliResult> {
  const env: NodeJS.ProcessEnv = { ...process.env, ...options.env };
  delete env.DATABASE_URL;
  if (options.databaseUrl) env.DATABASE_URL = options.databaseUrl;
  try {
    const { stdout, stderr } = await run('node', [BIN, ...args], {
      env,
      cwd: options.cwd,
      timeout: options.timeoutMs ?? 180_000,
    });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}
