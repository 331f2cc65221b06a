import { parseArgs } from 'node:util';
import { AppError } from '../../core/errors.ts';
import { beijingMonth, monthRange, monthSchema } from '../../grid-work/model.ts';
import { listJurisdictions } from '../../jurisdiction/store.ts';
import { whistleMeasuresByBlower, whistleMeasuresByUnit } from '../../whistles/whistle-stats.ts';
import { COMMON_OPTIONS, configFrom, output, withDatabase } from '../common.ts';

export const whistlesHelp = `jiedao whistles measures [--month YYYY-MM] [--group-by unit|department] [--district CODE] [--json]
  吹哨报到双向评价：被召集单位的按时报到率、评分；吹哨方（街道/社区）的吹哨次数、办结情况。`;

const pct = (r: number | null) => (r === null ? '—' : `${(r * 100).toFixed(1)}%`);

/** `jiedao whistles measures`. */
export async function runWhistles(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: {
      ...COMMON_OPTIONS,
      month: { type: 'string' },
      'group-by': { type: 'string' },
      district: { type: 'string' },
    },
    allowPositionals: true,
  });
  if (values.help) return void console.log(whistlesHelp);
  if (positionals[0] !== 'measures') throw new AppError('BAD_REQUEST', `用法错误\n${whistlesHelp}`);
  const month = values.month ?? beijingMonth(new Date());
  if (!monthSchema.safeParse(month).success)
    throw new AppError('VALIDATION_FAILED', `--month 格式应为 YYYY-MM：${month}`);
  const groupBy = values['group-by'] ?? 'unit';
  if (groupBy !== 'unit' && groupBy !== 'department') {
    throw new AppError('VALIDATION_FAILED', `--group-by 须为 unit 或 department：${groupBy}`);
  }
  const result = await withDatabase(configFrom(values), async ({ db }) => {
    const all = await listJurisdictions(db);
    const districtCode = values.district ?? (all.length === 1 ? all[0]?.districtCode : undefined);
    if (!districtCode) throw new AppError('BAD_REQUEST', '请用 --district 指定辖区 (district required)');
    const range = { districtCode, ...monthRange(month) };
    return {
      month,
      units: await whistleMeasuresByUnit(db, { ...range, groupBy }),
      blowers: await whistleMeasuresByBlower(db, range),
    };
  });
  output(values.json, result, () =>
    [
      `${month} 被召集单位：`,
      ...result.units.map(
        (u) =>
          `  ${u.unit.name}：召集 ${u.summoned}，按时 ${u.onTime}，迟到 ${u.late}，未报到 ${u.noShow}，按时报到率 ${pct(u.onTimeRate)}，平均评分 ${u.averageScore ?? '—'}`,
      ),
      `${month} 吹哨方：`,
      ...result.blowers.map(
        (b) =>
          `  ${b.unit.name}：吹哨 ${b.blown}，办结 ${b.closed}（按期 ${b.closedOnTime}），平均办结 ${b.averageClosureHours ?? '—'} 小时`,
      ),
    ].join('\n'),
  );
}
