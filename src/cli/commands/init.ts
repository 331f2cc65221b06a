import { parseArgs } from 'node:util';
import { AppError } from '../../core/errors.ts';
import { loadDivisionDistrict } from '../../jurisdiction/division-data.ts';
import { initJurisdiction } from '../../jurisdiction/init-jurisdiction.ts';
import { LEVEL_NAMES } from '../../jurisdiction/levels.ts';
import { COMMON_OPTIONS, cliActor, configFrom, output, withDatabase } from '../common.ts';

export const initHelp = `jiedao init --division <6位区县代码> [--demo] [--profile ID] [--data DIR] [--json]
  从国家统计区划数据建立辖区：区县、街道/乡镇、社区/村（真实名称与12位代码）。
  --demo  同时生成演示网格（合成但有效的网格划分）、演示户数/人口和部门树。`;

/** `jiedao init`: builds a district from the real division data. */
export async function runInit(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      ...COMMON_OPTIONS,
      division: { type: 'string' },
      demo: { type: 'boolean', default: false },
      profile: { type: 'string' },
    },
  });
  if (values.help) return void console.log(initHelp);
  if (!values.division) throw new AppError('BAD_REQUEST', `缺少 --division 参数\n${initHelp}`);
  const division = values.division;
  // Check the code before touching the data folder: a typo must not leave an empty database behind.
  await loadDivisionDistrict(division);
  const summary = await withDatabase(configFrom(values), (database) =>
    initJurisdiction({
      db: database.db,
      division,
      demo: values.demo,
      actor: cliActor(),
      policyProfile: values.profile,
    }),
  );
  output(values.json, summary, () =>
    [
      `已建立辖区：${summary.fullName}（${summary.districtCode}）${summary.demo ? '［演示数据］' : ''}`,
      ...Object.entries(summary.counts).map(([level, n]) => `  ${LEVEL_NAMES[level] ?? level}：${n}`),
    ].join('\n'),
  );
}
