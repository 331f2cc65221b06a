import { parseArgs } from 'node:util';
import { AppError } from '../../core/errors.ts';
import { issueMachineKey } from '../../jurisdiction/people/issue-machine-key.ts';
import { COMMON_OPTIONS, cliActor, configFrom, output, withDatabase } from '../common.ts';

export const apikeyHelp = `jiedao apikey create --name 名称 [--district 区县代码] [--data DIR] [--json]
  为机器客户端（Open311 网关、热线系统等）签发 API 密钥，只显示这一次。密钥属于本区的机器用户
  api-<区县代码>（12345受理员角色，设在指挥中心；没有指挥中心时设在区），首次使用时自动创建。`;

/** `jiedao apikey create`: prints a new key once (only its hash is stored). */
export async function runApikey(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: { ...COMMON_OPTIONS, name: { type: 'string' }, district: { type: 'string' } },
    allowPositionals: true,
  });
  if (values.help) return void console.log(apikeyHelp);
  if (positionals[0] !== 'create') throw new AppError('BAD_REQUEST', `用法错误\n${apikeyHelp}`);
  if (!values.name) throw new AppError('BAD_REQUEST', `缺少 --name 参数\n${apikeyHelp}`);
  const name = values.name;
  const issued = await withDatabase(configFrom(values), (database) =>
    issueMachineKey({ db: database.db, name, districtCode: values.district, actor: cliActor() }),
  );
  output(values.json, issued, () =>
    [
      issued.key,
      `已为 ${issued.user.username}（${issued.user.unitName}${issued.user.created ? '，新建' : ''}）签发密钥“${name}”。`,
      '密钥只显示这一次，请妥善保存；用法：Open311 的 api_key 参数，或请求头 X-API-Key / Authorization: Bearer。',
    ].join('\n'),
  );
}
