import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { parseArgs } from 'node:util';
import { exportAudit } from '../../core/audit/export-audit.ts';
import { auditRetentionDays, purgeAudit } from '../../core/audit/purge-audit.ts';
import { verifyAudit } from '../../core/audit/verify-audit.ts';
import { AppError } from '../../core/errors.ts';
import { listJurisdictions } from '../../jurisdiction/store.ts';
import { COMMON_OPTIONS, cliActor, configFrom, output, withDatabase } from '../common.ts';

export const auditHelp = `jiedao audit verify [--district CODE] [--data DIR] [--json]
  重新计算审计日志哈希链，发现被修改或删除的记录。有问题时退出码为 1。
jiedao audit export [--district CODE] [--after-seq N] [--out FILE]
  以 NDJSON 导出审计日志（含每条的哈希与前序哈希），供送往独立的存储；--after-seq 接续上次导出。
jiedao audit purge [--retention-days N] [--dry-run] [--json]
  删除超过保存期的审计记录（默认 JIEDAO_AUDIT_RETENTION_DAYS，缺省 365 天，至少 190 天；0 为永久保存），
  以锚点保留哈希链可验证；请先 export。`;

/** `jiedao audit verify|export|purge`: verify exits 1 when a chain is broken. */
export async function runAudit(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: {
      ...COMMON_OPTIONS,
      district: { type: 'string' },
      'after-seq': { type: 'string' },
      out: { type: 'string' },
      'retention-days': { type: 'string' },
      'dry-run': { type: 'boolean', default: false },
    },
    allowPositionals: true,
  });
  if (values.help) return void console.log(auditHelp);
  const config = configFrom(values);
  switch (positionals[0]) {
    case 'verify':
      return verify(config, values.district, values.json);
    case 'export':
      return withDatabase(config, async (database) => {
        const districts = values.district
          ? [values.district]
          : (await listJurisdictions(database.db)).map((d) => d.districtCode);
        const stream = values.out ? createWriteStream(values.out) : process.stdout;
        const write = async (line: string) => {
          if (!stream.write(`${line}\n`)) await once(stream, 'drain');
        };
        const summary: { districtCode: string; rows: number; headSeq: number; headHash: string }[] = [];
        for (const districtCode of districts) {
          summary.push({
            districtCode,
            ...(await exportAudit({
              db: database.db,
              districtCode,
              afterSeq: values['after-seq'] ? Number(values['after-seq']) : undefined,
              write,
            })),
          });
        }
        if (values.out) {
          (stream as ReturnType<typeof createWriteStream>).end();
          await once(stream, 'finish');
          output(values.json, summary, () =>
            summary
              .map(
                (s) => `${s.districtCode}：导出 ${s.rows} 条，至 #${s.headSeq} ${s.headHash.slice(0, 16)}…`,
              )
              .join('\n'),
          );
        }
      });
    case 'purge': {
      const retentionDays = values['retention-days']
        ? Number(values['retention-days'])
        : auditRetentionDays();
      const results = await withDatabase(config, (database) =>
        purgeAudit({
          db: database.db,
          retentionDays,
          districtCode: values.district,
          actor: cliActor(),
          dryRun: values['dry-run'],
        }),
      );
      output(values.json, { retentionDays, dryRun: values['dry-run'], results }, () =>
        [
          `保存期 ${retentionDays} 天${values['dry-run'] ? '（试运行，未删除）' : ''}`,
          ...results.map(
            (r) => `  ${r.districtCode}：清理 ${r.purged} 条${r.anchor ? `，新起点 #${r.anchor.seq}` : ''}`,
          ),
        ].join('\n'),
      );
      return;
    }
    default:
      throw new AppError('BAD_REQUEST', `用法错误\n${auditHelp}`);
  }
}

async function verify(config: ReturnType<typeof configFrom>, district: string | undefined, json: boolean) {
  const result = await withDatabase(config, (database) =>
    verifyAudit(database.db, { districtCode: district }),
  );
  output(json, result, () =>
    [
      result.ok
        ? '审计日志完整，未发现篡改 (audit log intact)'
        : `审计日志发现 ${result.problems.length} 处问题 (audit log BROKEN)`,
      ...result.chains.map(
        (c) =>
          `  ${c.districtCode}：${c.rows} 条，链头 #${c.headSeq} ${c.headHash.slice(0, 16)}…${c.anchor ? `（#${c.anchor.seq} 及以前已按保存期清理）` : ''}`,
      ),
      ...result.problems.map((p) => `  ✗ ${p.districtCode} #${p.seq} ${p.message}`),
    ].join('\n'),
  );
  if (!result.ok) process.exitCode = 1;
}
