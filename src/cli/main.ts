import { AppError } from '../core/errors.ts';
import { apikeyHelp, runApikey } from './commands/apikey.ts';
import { assessmentHelp, runAssessmentCommand } from './commands/assessment.ts';
import { auditHelp, runAudit } from './commands/audit.ts';
import { backupHelp, runBackup, runRestore } from './commands/backup.ts';
import { benchHelp, runBench } from './commands/bench.ts';
import { calendarHelp, runCalendar } from './commands/calendar.ts';
import { classifyHelp, runClassify } from './commands/classify.ts';
import { gridWorkHelp, runGridWork } from './commands/grid-work.ts';
import { gridsHelp, runGrids } from './commands/grids.ts';
import { initHelp, runInit } from './commands/init.ts';
import { listsHelp, runLists } from './commands/lists.ts';
import { planHelp, runPlan } from './commands/plan.ts';
import { policyHelp, runPolicy } from './commands/policy.ts';
import { runServe, serveHelp } from './commands/serve.ts';
import { runUsers, usersHelp } from './commands/users.ts';
import { runWhistles, whistlesHelp } from './commands/whistles.ts';

const COMMANDS: Record<string, (argv: string[]) => Promise<void>> = {
  serve: runServe,
  init: runInit,
  grids: runGrids,
  users: runUsers,
  apikey: runApikey,
  audit: runAudit,
  backup: runBackup,
  restore: runRestore,
  calendar: runCalendar,
  classify: runClassify,
  plan: runPlan,
  policy: runPolicy,
  lists: runLists,
  'grid-work': runGridWork,
  whistles: runWhistles,
  assessment: runAssessmentCommand,
  bench: runBench,
};

const HELP = `jiedao — 街道社区治理平台

${serveHelp}

${initHelp}

${gridsHelp}

${usersHelp}

${apikeyHelp}

${auditHelp}

${backupHelp}

${calendarHelp}

${classifyHelp}

${planHelp}

${policyHelp}

${listsHelp}

${gridWorkHelp}

${whistlesHelp}

${assessmentHelp}

${benchHelp}

数据库：默认 PGlite（--data 目录，默认 ./data）；设置 DATABASE_URL 则连接 PostgreSQL。`;

/** Entry point of the `jiedao` command. Errors print as "错误 [CODE] message" with exit code 2. */
export async function main(argv: string[]): Promise<void> {
  const [name, ...rest] = argv;
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    console.log(HELP);
    return;
  }
  const command = COMMANDS[name];
  try {
    if (!command)
      throw new AppError('BAD_REQUEST', `未知命令：${name}（jiedao help 查看用法）(unknown command)`);
    await command(rest);
  } catch (err) {
    if (err instanceof AppError) {
      const json = rest.includes('--json');
      if (json)
        process.stderr.write(
          `${JSON.stringify({ error: { code: err.code, message: err.message, details: err.details } })}\n`,
        );
      else process.stderr.write(`错误 [${err.code}] ${err.message}\n`);
      process.exitCode = 2;
      return;
    }
    if ((err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(`错误 [BAD_REQUEST] ${(err as Error).message}\n`);
      process.exitCode = 2;
      return;
    }
    throw err;
  }
}
