import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { AppError } from '../../core/errors.ts';
import { importGrids } from '../../jurisdiction/import-grids.ts';
import { COMMON_OPTIONS, cliActor, configFrom, output, withDatabase } from '../common.ts';

export const gridsHelp = `jiedao grids import FILE [--data DIR] [--json]
  导入网格边界（GeoJSON FeatureCollection）。每个要素的 properties.code 为 15 位网格编码
  （社区 12 位代码 + 3 位序号），或给出 community_code 与 seq。全部成功或全部不导入。`;

/** `jiedao grids import FILE`. */
export async function runGrids(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({ args: argv, options: COMMON_OPTIONS, allowPositionals: true });
  const [sub, file] = positionals;
  if (values.help || sub !== 'import' || !file) {
    if (values.help) return void console.log(gridsHelp);
    throw new AppError('BAD_REQUEST', `用法错误\n${gridsHelp}`);
  }
  let geojson: unknown;
  try {
    geojson = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new AppError('INVALID_GEOJSON', `无法读取 GeoJSON 文件 ${file}：${(err as Error).message}`);
  }
  const result = await withDatabase(configFrom(values), (database) =>
    importGrids({ db: database.db, geojson, actor: cliActor() }),
  );
  output(values.json, result, () =>
    [
      `已导入网格：新建 ${result.created}，更新 ${result.updated}`,
      ...result.warnings.map((w) => `  注意：${w}`),
    ].join('\n'),
  );
}
