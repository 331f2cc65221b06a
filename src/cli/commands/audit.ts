import { parseArgs } from 'node:util';
import { verifyAudit } from '../../core/audit/verify-audit.ts';
import { AppError } from '../../core/errors.ts';
import { COMMON_OPTIONS, configFrom, output, withDatabase } from '../common.ts';

export const auditHelp = `jiedao audit verify [--district CODE] [--data DIR] [--json]
  重新计算审计日志哈希链，发现被修改或删除的记录。有问题时退出码为 1。`;

/** `jiedao audit verify`: exit code 1 when the chain is broken. */
export async function runAudit(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: { ...COMMON_OPTIONS, district: { type: 'string' } },
    allowPositionals: true,
  });
  if (values.help) return void console.log(auditHelp);
  if (positionals[0] !== 'verify') throw new AppError('BAD_REQUEST', `用法错误\n${auditHelp}`);
  const result = await withDatabase(configFrom(values), (database) =>
    verifyAudit(database.db, { districtCode: values.district }),
  );
  output(values.json, result, () =>
    [
      result.ok
        ? '审计日志完整，未发现篡改 (audit log intact)'
        : `审计日志发现 ${result.problems.length} 处问题 (audit log BROKEN)`,
      ...result.chains.map(
        (c) => `  ${c.districtCode}：${c.rows} 条，链头 #${c.headSeq} ${c.headHash.slice(0, 16)}…`,
      ),
      ...result.problems.map((p) => `  ✗ ${p.districtCode} #${p.seq} ${p.message}`),
    ].join('\n'),
  );
  if (!result.ok) process.exitCode = 1;
}
