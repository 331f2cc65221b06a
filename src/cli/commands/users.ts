import { parseArgs } from 'node:util';
import { asc } from 'drizzle-orm';
import { ROLE_NAMES, ROLES } from '../../core/auth/roles.ts';
import { users } from '../../core/auth/tables.ts';
import { findUserById } from '../../core/auth/users-store.ts';
import { AppError } from '../../core/errors.ts';
import { addUser } from '../../jurisdiction/people/add-user.ts';
import { RoleSchema } from '../../jurisdiction/people/model.ts';
import { presentUser } from '../../jurisdiction/people/present-user.ts';
import { COMMON_OPTIONS, cliActor, configFrom, output, withDatabase } from '../common.ts';

export const usersHelp = `jiedao users add --username U --name 姓名 --unit 单位编码 --roles r1,r2 [--phone P] [--password P]
jiedao users list [--json]
  密码也可由环境变量 JIEDAO_PASSWORD 提供（避免出现在命令历史中）。
  角色：${ROLES.map((r) => `${r}（${ROLE_NAMES[r]}）`).join('、')}`;

/** `jiedao users add|list`. */
export async function runUsers(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: {
      ...COMMON_OPTIONS,
      username: { type: 'string' },
      name: { type: 'string' },
      unit: { type: 'string' },
      roles: { type: 'string' },
      phone: { type: 'string' },
      password: { type: 'string' },
    },
    allowPositionals: true,
  });
  if (values.help) return void console.log(usersHelp);
  const config = configFrom(values);
  if (positionals[0] === 'list') {
    const list = await withDatabase(config, async (database) => {
      const rows = await database.db.select({ id: users.id }).from(users).orderBy(asc(users.username));
      const found = await Promise.all(rows.map((r) => findUserById(database.db, r.id)));
      return found.filter((u) => u !== undefined).map((u) => presentUser(u));
    });
    return output(values.json, list, () =>
      list
        .map((u) => `${u.username}\t${u.displayName}\t${u.roles.join(',')}\t${u.unit.name}\t${u.phone ?? ''}`)
        .join('\n'),
    );
  }
  if (positionals[0] !== 'add') throw new AppError('BAD_REQUEST', `用法错误\n${usersHelp}`);
  const password = values.password ?? process.env.JIEDAO_PASSWORD;
  if (!values.username || !values.name || !values.unit || !values.roles || !password) {
    throw new AppError(
      'BAD_REQUEST',
      `缺少参数（--username --name --unit --roles 与密码均为必填）\n${usersHelp}`,
    );
  }
  const roles = values.roles.split(',').map((r) => r.trim());
  const bad = roles.filter((r) => !RoleSchema.safeParse(r).success);
  if (bad.length > 0) throw new AppError('VALIDATION_FAILED', `未知角色：${bad.join('、')}\n${usersHelp}`);
  const input = {
    username: values.username,
    displayName: values.name,
    unitCode: values.unit,
    roles: roles as (typeof ROLES)[number][],
    phone: values.phone ?? null,
    password,
  };
  const user = await withDatabase(config, (database) =>
    addUser({ db: database.db, input, actor: cliActor() }),
  );
  output(values.json, presentUser(user), () => `已创建用户 ${user.username}（${user.unitName}）`);
}
