import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { backupDatabase, restoreDatabase } from '../../core/db/backup.ts';
import { AppError } from '../../core/errors.ts';
import { COMMON_OPTIONS, configFrom, output, withDatabase } from '../common.ts';

export const backupHelp = `jiedao backup FILE [--data DIR]      备份为 FILE（gzip NDJSON，PGlite 与 PostgreSQL 通用）
jiedao restore FILE [--data DIR]     恢复到空数据库（--data 新目录，或 DATABASE_URL 指向空库）`;

/** `jiedao backup FILE`. */
export async function runBackup(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({ args: argv, options: COMMON_OPTIONS, allowPositionals: true });
  if (values.help) return void console.log(backupHelp);
  const file = positionals[0];
  if (!file) throw new AppError('BAD_REQUEST', `缺少备份文件名\n${backupHelp}`);
  const header = await withDatabase(configFrom(values), (database) => backupDatabase(database, file));
  output(
    values.json,
    header,
    () => `已备份到 ${file}：${header.tables.map((t) => `${t.name} ${t.rows}`).join('，')}`,
  );
}

/** `jiedao restore FILE`. */
export async function runRestore(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({ args: argv, options: COMMON_OPTIONS, allowPositionals: true });
  if (values.help) return void console.log(backupHelp);
  const file = positionals[0];
  if (!file || !existsSync(file))
    throw new AppError('BAD_REQUEST', `备份文件不存在：${file ?? ''}\n${backupHelp}`);
  const result = await withDatabase(configFrom(values), (database) => restoreDatabase(database, file));
  output(
    values.json,
    result,
    () => `已从 ${file} 恢复：${result.tables.map((t) => `${t.name} ${t.rows}`).join('，')}`,
  );
}
