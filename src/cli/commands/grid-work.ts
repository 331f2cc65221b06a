import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { Principal } from '../../core/auth/authorize.ts';
import type { Db } from '../../core/db/connection.ts';
import { AppError } from '../../core/errors.ts';
import { checkStaffing } from '../../grid-work/check-staffing.ts';
import { gridEventIndicators } from '../../grid-work/grid-event-indicators.ts';
import { beijingMonth, monthSchema } from '../../grid-work/model.ts';
import { loadPatrolSheet } from '../../grid-work/patrol-sheet.ts';
import { patrolSheetXlsx } from '../../grid-work/patrol-xlsx.ts';
import { getUnitByCode, listJurisdictions } from '../../jurisdiction/store.ts';
import { COMMON_OPTIONS, configFrom, output, withDatabase } from '../common.ts';

export const gridWorkHelp = `jiedao grid-work staffing [--unit 街道或社区代码] [--district CODE] [--json]
  按现行政策配置核查网格员配备（每 500 户 1 名；老旧、无物业、老龄、商圈社区 300 户 1 名），列出配备不足的社区。
jiedao grid-work indicators --month YYYY-MM [--unit 单位代码] [--district CODE] [--json]
  网格事件结案率、按期结案率、处置率、按期处置率、返工率、超期待处置率、延期率（定义见 docs/grid-indicators.md）。
jiedao grid-work sheet --community 社区代码 --month YYYY-MM --xlsx FILE
  导出社区月度《网格工作纪实表》（含社区党委书记签署意见）。`;

/** The district the command works on: --district, else the installation's only one. */
async function districtOf(db: Db, given: string | undefined): Promise<string> {
  if (given) return given;
  const all = await listJurisdictions(db);
  if (all.length === 1 && all[0]) return all[0].districtCode;
  throw new AppError(
    'BAD_REQUEST',
    all.length === 0 ? '尚未初始化辖区 (no district)' : '有多个辖区，请用 --district 指定',
  );
}

/** The CLI reads as the district's administrator would: the whole district, nothing written. */
async function reader(db: Db, districtCode: string): Promise<Principal> {
  const root = await getUnitByCode(db, `${districtCode}000000`);
  if (!root) throw new AppError('NOT_FOUND', `辖区不存在：${districtCode}`);
  return {
    userId: '00000000-0000-7000-8000-000000000000',
    username: 'cli',
    displayName: '命令行',
    districtCode,
    unitId: root.id,
    unitPath: root.path,
    unitLevel: root.level,
    roles: ['district_admin'],
    via: 'cli',
  };
}

const pct = (r: number | null) => (r === null ? '—' : `${(r * 100).toFixed(2)}%`);

/** `jiedao grid-work staffing|indicators|sheet`. */
export async function runGridWork(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: {
      ...COMMON_OPTIONS,
      unit: { type: 'string' },
      district: { type: 'string' },
      month: { type: 'string' },
      community: { type: 'string' },
      xlsx: { type: 'string' },
    },
    allowPositionals: true,
  });
  if (values.help) return void console.log(gridWorkHelp);
  const [sub] = positionals;
  const month = values.month ?? beijingMonth(new Date());
  if (!monthSchema.safeParse(month).success)
    throw new AppError('VALIDATION_FAILED', `--month 格式应为 YYYY-MM：${month}`);
  if (sub === 'staffing') {
    const report = await withDatabase(configFrom(values), async ({ db }) =>
      checkStaffing({
        db,
        principal: await reader(db, await districtOf(db, values.district)),
        unitCode: values.unit,
      }),
    );
    return output(values.json, report, () =>
      [
        `政策配置：${report.profileName}；社区 ${report.totals.communities} 个，应配网格员 ${report.totals.required} 名，在岗 ${report.totals.assigned} 名`,
        report.understaffed.length === 0
          ? '没有配备不足的社区'
          : `配备不足的社区 ${report.understaffed.length} 个：`,
        ...report.understaffed.map(
          (r) =>
            `  ${r.streetName ?? ''} ${r.name}（${r.code}）：${r.households} 户，应配 ${r.required}，在岗 ${r.gridWorkersAssigned}，缺 ${-(r.gap ?? 0)}`,
        ),
      ].join('\n'),
    );
  }
  if (sub === 'indicators') {
    const r = await withDatabase(configFrom(values), async ({ db }) => {
      const districtCode = await districtOf(db, values.district);
      return gridEventIndicators({
        db,
        principal: await reader(db, districtCode),
        unitCode: values.unit ?? `${districtCode}000000`,
        month,
      });
    });
    return output(values.json, r, () =>
      [
        `${r.unit.name} ${r.period.label}（截至 ${r.asOf}）`,
        `  结案率 ${pct(r.rates.closeRate)}（${r.counts.closed}/${r.counts.shouldClose}）  按期结案率 ${pct(r.rates.onTimeCloseRate)}`,
        `  处置率 ${pct(r.rates.disposeRate)}（${r.counts.disposed}/${r.counts.shouldDispose}）  按期处置率 ${pct(r.rates.onTimeDisposeRate)}`,
        `  返工率 ${pct(r.rates.reworkRate)}  超期待处置率 ${pct(r.rates.overduePendingRate)}  延期率 ${pct(r.rates.extensionRate)}`,
      ].join('\n'),
    );
  }
  if (sub === 'sheet' && values.community && values.xlsx) {
    const file = values.xlsx;
    const sheet = await withDatabase(configFrom(values), async ({ db }) => {
      const districtCode = (values.community as string).slice(0, 6);
      return loadPatrolSheet({
        db,
        principal: await reader(db, districtCode),
        communityCode: values.community as string,
        month,
      });
    });
    writeFileSync(file, await patrolSheetXlsx(sheet));
    return output(
      values.json,
      { file, entries: sheet.entries.length, status: sheet.status },
      () =>
        `已导出 ${sheet.community.name} ${month} 网格工作纪实表（${sheet.entries.length} 条，${sheet.status === 'signed' ? '已签署' : '未签署'}）：${file}`,
    );
  }
  throw new AppError('BAD_REQUEST', `用法错误\n${gridWorkHelp}`);
}
