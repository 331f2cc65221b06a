import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { SubjectResult } from '../../assessment/compute-assessment.ts';
import { presentWholeResult } from '../../assessment/present.ts';
import { publishResult } from '../../assessment/publish-result.ts';
import { recordEntry } from '../../assessment/record-entry.ts';
import { resultXlsx } from '../../assessment/result-xlsx.ts';
import { runAssessment } from '../../assessment/run-assessment.ts';
import { checkScheme, saveScheme } from '../../assessment/save-scheme.ts';
import { getResult, listSchemes } from '../../assessment/store.ts';
import type { Db } from '../../core/db/connection.ts';
import { AppError, notFound } from '../../core/errors.ts';
import { listJurisdictions } from '../../jurisdiction/store.ts';
import { COMMON_OPTIONS, cliActor, configFrom, output, withDatabase } from '../common.ts';

export const assessmentHelp = `jiedao assessment schemes [--json]                        本区考核方案
jiedao assessment check FILE [--json]                      按本区现行政策配置检查方案（JSON），不保存；不合规时退出码为 1
jiedao assessment create FILE [--scheme ID] [--json]       保存方案（--scheme：修改为新版本）；不合规为 SCHEME_REFUSED
jiedao assessment enter --scheme ID --period P --indicator KEY --subject CODE --entry JSON [--json]
                                                           录入调查、第三方、人工评分或党建赋分（审计留痕）
jiedao assessment run --scheme ID --period 2026-10 [--as-of ISO] [--reason 更正原因] [--json]
                                                           按记录计算一个周期的结果（草稿；已发布后为更正版本）
jiedao assessment publish --result ID [--json]             发布并锁定结果
jiedao assessment export --result ID --xlsx FILE           导出结果表（Excel）
  周期：月 2026-10，季 2026-Q4，半年 2026-H2，年 2026。--district CODE 在多个辖区时指定。`;

const OPTIONS = {
  ...COMMON_OPTIONS,
  district: { type: 'string' },
  scheme: { type: 'string' },
  result: { type: 'string' },
  period: { type: 'string' },
  indicator: { type: 'string' },
  subject: { type: 'string' },
  entry: { type: 'string' },
  'as-of': { type: 'string' },
  reason: { type: 'string' },
  xlsx: { type: 'string' },
} as const;

function required(value: string | undefined, flag: string): string {
  if (!value) throw new AppError('BAD_REQUEST', `缺少 --${flag} 参数\n${assessmentHelp}`);
  return value;
}

function parseJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError('VALIDATION_FAILED', `不是有效的 JSON：${what} (invalid JSON)`);
  }
}

const readJson = (file: string | undefined, what: string): unknown =>
  parseJson(readFileSync(required(file, what), 'utf8'), file ?? what);

async function districtOf(db: Db, code: string | undefined): Promise<string> {
  if (code) return code;
  const all = await listJurisdictions(db);
  if (all.length === 1 && all[0]) return all[0].districtCode;
  throw new AppError(
    'BAD_REQUEST',
    all.length === 0 ? '尚未建立辖区（jiedao init）' : '有多个辖区，请用 --district 指定',
  );
}

const table = (rows: readonly SubjectResult[]) =>
  rows.map(
    (r) =>
      `  ${String(r.rank ?? '—').padStart(3)}  ${r.name}  ${r.total === null ? '无数据' : r.total}${r.excellent ? '  优秀' : ''}${r.vetoed ? '  一票否决' : ''}`,
  );

/** `jiedao assessment …`. */
export async function runAssessmentCommand(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true });
  if (values.help) return void console.log(assessmentHelp);
  const [sub, file] = positionals;
  const actor = cliActor();
  await withDatabase(configFrom(values), async ({ db }) => {
    const districtCode = await districtOf(db, values.district);
    switch (sub) {
      case 'schemes': {
        const rows = await listSchemes(db, districtCode);
        const items = rows.map((r) => ({
          id: r.id,
          name: r.name,
          evaluatedKind: r.evaluatedKind,
          period: r.periodKind,
          version: r.version,
        }));
        return output(values.json, { items }, () =>
          items.length
            ? items
                .map((s) => `${s.id}  ${s.name}（${s.evaluatedKind}，${s.period}，第 ${s.version} 版）`)
                .join('\n')
            : '尚无考核方案',
        );
      }
      case 'check': {
        const check = await checkScheme({ db, districtCode, input: readJson(file, 'FILE') });
        const v = check.validation;
        const ok = v.issues.length === 0 && v.violations.length === 0;
        output(values.json, { ok, profileId: check.profileId, ...v, shares: check.shares }, () =>
          [
            ok
              ? `方案符合现行政策配置（${check.profileId}）`
              : `方案不符合现行政策配置（${check.profileId}）：`,
            ...v.issues.map((i) => `  ✗ ${i.message}`),
            ...v.violations.map((x) => `  ✗ ${x.message}`),
            ...v.warnings.map((x) => `  ! （提示，未纳入本区配置）${x.message}`),
            `  评价主体权重：${check.shares.map((s) => `${s.nameZh} ${Math.round(s.share * 10000) / 100}%`).join('，')}`,
          ].join('\n'),
        );
        if (!ok) process.exitCode = 1;
        return;
      }
      case 'create': {
        const row = await saveScheme({
          db,
          districtCode,
          input: readJson(file, 'FILE'),
          schemeId: values.scheme,
          actor,
        });
        return output(
          values.json,
          { id: row.id, name: row.name, version: row.version, warnings: row.warnings },
          () => `已保存考核方案 ${row.id}（${row.name}，第 ${row.version} 版）`,
        );
      }
      case 'enter': {
        const saved = await recordEntry({
          db,
          districtCode,
          schemeId: required(values.scheme, 'scheme'),
          period: required(values.period, 'period'),
          indicatorKey: required(values.indicator, 'indicator'),
          subjectCode: required(values.subject, 'subject'),
          input: parseJson(required(values.entry, 'entry'), '--entry'),
          actor,
        });
        return output(values.json, { id: saved.id, score: saved.score }, () => `已录入，得分 ${saved.score}`);
      }
      case 'run': {
        const asOf = values['as-of'] ? new Date(values['as-of']) : undefined;
        if (asOf && Number.isNaN(asOf.getTime()))
          throw new AppError('VALIDATION_FAILED', `--as-of 不是有效时间：${values['as-of']}`);
        const result = await runAssessment({
          db,
          districtCode,
          schemeId: required(values.scheme, 'scheme'),
          period: required(values.period, 'period'),
          asOf,
          reason: values.reason,
          actor,
        });
        const view = presentWholeResult(result);
        return output(values.json, view, () =>
          [
            `${view.schemeName} ${view.summary.periodLabel} 第 ${view.version} 版（${view.statusName}）结果 ${view.id}`,
            ...table(view.rows),
          ].join('\n'),
        );
      }
      case 'publish': {
        const result = await publishResult({
          db,
          districtCode,
          resultId: required(values.result, 'result'),
          actor,
        });
        return output(
          values.json,
          presentWholeResult(result),
          () => `已发布并锁定：${result.schemeName} ${result.period} 第 ${result.version} 版`,
        );
      }
      case 'export': {
        const id = required(values.result, 'result');
        const result = await getResult(db, id);
        if (!result || result.districtCode !== districtCode) throw notFound('考核结果', id);
        const out = required(values.xlsx, 'xlsx');
        writeFileSync(out, await resultXlsx(result, result.rows as SubjectResult[]));
        return output(values.json, { file: out }, () => `已导出 ${out}`);
      }
      default:
        throw new AppError('BAD_REQUEST', `用法错误\n${assessmentHelp}`);
    }
  });
}
