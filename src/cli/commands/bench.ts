import { parseArgs } from 'node:util';
import { type GenerateProgress, generateBenchData } from '../../bench/generate.ts';
import { progressBar } from '../../bench/progress-bar.ts';
import { AppError } from '../../core/errors.ts';
import { COMMON_OPTIONS, cliActor, configFrom, output, withDatabase } from '../common.ts';

export const benchHelp = `jiedao bench gen --demands N --months M [--seed S] [--until YYYY-MM-DD] [--data DIR] [--json]
  生成基准测试用的合成城市（343 个街道、约 3000 个社区、约 30000 个网格，名称取自北京、代码与边界为合成）
  及 N 件诉求（含派单、签收、联系、反馈、回访、办结等完整流程），均匀分布在截至 --until（默认今天零点）
  的 M 个月内；相同 --seed 生成相同数据。基准测试：npm run bench（见 bench/README.md）。`;

/** `jiedao bench gen`: the benchmark's synthetic city and demands (src/bench/generate.ts). */
export async function runBench(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: {
      ...COMMON_OPTIONS,
      demands: { type: 'string' },
      months: { type: 'string', default: '12' },
      seed: { type: 'string', default: '1' },
      until: { type: 'string' },
      batch: { type: 'string' },
    },
    allowPositionals: true,
  });
  if (values.help) return void console.log(benchHelp);
  if (positionals[0] !== 'gen') throw new AppError('BAD_REQUEST', `用法错误\n${benchHelp}`);
  const int = (name: string, v: string | undefined, min: number) => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < min)
      throw new AppError('VALIDATION_FAILED', `--${name} 应为不小于 ${min} 的整数：${v} (invalid --${name})`);
    return n;
  };
  const demands = int('demands', values.demands, 0);
  const months = int('months', values.months, 1);
  const seed = int('seed', values.seed, 0);
  const until = values.until ? new Date(`${values.until}T00:00:00+08:00`) : undefined;
  if (until && Number.isNaN(until.getTime()))
    throw new AppError('VALIDATION_FAILED', `--until 应为 YYYY-MM-DD：${values.until}`);
  const bar = progressBar('生成诉求');
  let phase = '';
  const onProgress = (p: GenerateProgress) => {
    if (p.phase === 'demands') bar.update(p.done, p.total, `${p.rate.toLocaleString('en-US')} 行/秒`);
    else {
      if (phase === 'demands') bar.end();
      if (p.phase !== phase) process.stderr.write(`${phaseName(p.phase)}…\n`);
    }
    phase = p.phase;
  };
  const result = await withDatabase(configFrom(values), (database) =>
    generateBenchData({
      database,
      demands,
      months,
      seed,
      until,
      actor: cliActor(),
      onProgress,
      ...(values.batch ? { batch: int('batch', values.batch, 1) } : {}),
    }),
  );
  output(values.json, result, () =>
    [
      `基准城市 ${result.districtCode}：${result.units} 个单位（${result.grids} 个网格）`,
      `诉求 ${result.demands}，事件 ${result.events}，单位关联 ${result.unitLinks}：${result.rows} 行，${result.insertSeconds} 秒，${result.rowsPerSecond.toLocaleString('en-US')} 行/秒（${result.backend}）`,
      `三率汇总重建 ${result.rollupSeconds} 秒；总计 ${result.totalSeconds} 秒`,
    ].join('\n'),
  );
}

const phaseName = (p: string) =>
  ({
    city: '建立基准城市',
    indexes: '重建索引',
    rollups: '重建三率汇总',
    analyze: '更新统计信息',
    done: '完成',
  })[p] ?? p;
