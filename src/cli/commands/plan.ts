import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { AppError } from '../../core/errors.ts';
import { listJurisdictions } from '../../jurisdiction/store.ts';
import { importPlan } from '../../tasks/import-plan.ts';
import { parsePlan } from '../../tasks/plan-parser/parse-plan.ts';
import { sweepReminders } from '../../tasks/sweep-reminders.ts';
import { formatDeadlineZh } from '../../tasks/task-status.ts';
import { COMMON_OPTIONS, cliActor, configFrom, output, withDatabase } from '../common.ts';

export const planHelp = `jiedao plan parse FILE [--json]
  解析任务分解方案文本（不读写数据库）：序号、所属部分、任务内容、牵头单位、协办单位、完成时间、提示。
jiedao plan import FILE [--district 区划代码] [--cadence month|quarter] [--due-soon-days 7] [--json]
  导入方案为督办任务：单位名称自动匹配本区部门和街道，未匹配的名称列出，供人工指定一次。
jiedao plan remind [--json]
  生成到期提醒和逾期催办（可定时执行；重复执行或多进程同时执行都不会重复提醒）。`;

function readPlanFile(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    throw new AppError(
      'BAD_REQUEST',
      `无法读取方案文件 ${file}：${(err as Error).message} (cannot read file)`,
    );
  }
}

/** `jiedao plan parse|import|remind`. */
export async function runPlan(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: {
      ...COMMON_OPTIONS,
      district: { type: 'string' },
      cadence: { type: 'string' },
      'due-soon-days': { type: 'string' },
    },
    allowPositionals: true,
  });
  if (values.help) return void console.log(planHelp);
  const [sub, file] = positionals;
  if (sub === 'parse' && file) {
    // Pure: the parse never opens the database, so it runs anywhere, even beside a running server.
    const plan = parsePlan(readPlanFile(file));
    return output(values.json, plan, () =>
      [
        plan.title ?? '（未找到标题）',
        ...plan.tasks.map(
          (t) =>
            `${t.no}. ${t.content}\n   牵头：${t.lead.join('、') || '—'}  协办：${t.co.join('、') || '—'}  完成时间：${formatDeadlineZh(t.deadline) || '—'}`,
        ),
        ...plan.warnings.map((w) => `注意：${w}`),
      ].join('\n'),
    );
  }
  if (sub === 'import' && file) {
    const text = readPlanFile(file);
    const cadence = values.cadence ?? 'month';
    if (cadence !== 'month' && cadence !== 'quarter') {
      throw new AppError('VALIDATION_FAILED', `--cadence 须为 month 或 quarter：${cadence}`);
    }
    const dueSoonDays = Number(values['due-soon-days'] ?? 7);
    if (!Number.isInteger(dueSoonDays) || dueSoonDays < 0 || dueSoonDays > 90) {
      throw new AppError('VALIDATION_FAILED', `--due-soon-days 须为 0–90 的整数：${values['due-soon-days']}`);
    }
    const input = { text, reportCadence: cadence, dueSoonDays } as const;
    const result = await withDatabase(configFrom(values), async (database) => {
      const districtCode = values.district ?? (await onlyDistrict(database.db));
      return importPlan({ db: database.db, districtCode, input, actor: cliActor() });
    });
    return output(values.json, result, () =>
      [
        `已导入：${result.title}（${result.tasks} 项任务，${result.links} 个单位关联）方案编号 ${result.planId}`,
        ...result.unmatched.map(
          (u) =>
            `  未匹配：${u.name}（第 ${u.taskNos.join('、')} 项）${u.suggestions.length > 0 ? `可能是：${u.suggestions.map((s) => `${s.name} ${s.code}`).join('、')}` : ''}`,
        ),
        ...result.warnings.map((w) => `  注意：${w}`),
      ].join('\n'),
    );
  }
  if (sub === 'remind') {
    const result = await withDatabase(configFrom(values), (database) =>
      sweepReminders({ db: database.db, actor: cliActor() }),
    );
    return output(
      values.json,
      result,
      () =>
        `${result.today}：到期提醒 ${result.dueSoon} 项任务，逾期催办 ${result.overdue} 项任务，共 ${result.reminders} 条提醒`,
    );
  }
  throw new AppError('BAD_REQUEST', `用法错误\n${planHelp}`);
}

/** The district to import into when the installation has exactly one. */
async function onlyDistrict(db: Parameters<typeof listJurisdictions>[0]): Promise<string> {
  const all = await listJurisdictions(db);
  if (all.length === 1 && all[0]) return all[0].districtCode;
  throw new AppError(
    'BAD_REQUEST',
    all.length === 0
      ? '尚未初始化辖区：请先运行 jiedao init --division 区划代码 (no district)'
      : `有多个辖区，请用 --district 指定：${all.map((j) => `${j.districtCode} ${j.name}`).join('、')}`,
  );
}
