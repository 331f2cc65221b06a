import { parseArgs } from 'node:util';
import { SYSTEM_ACTOR } from '../../core/audit/append-audit.ts';
import { ROLE_NAMES } from '../../core/auth/roles.ts';
import { listUsers } from '../../core/auth/users-store.ts';
import { sweepDeadlines } from '../../demands/sweep-deadlines.ts';
import { DEMO_PASSWORD, seedDemo } from '../../demo/seed-demo.ts';
import { startBackgroundJobs } from '../../http/background-jobs.ts';
import { createRegistries } from '../../http/context.ts';
import { buildServer } from '../../http/server.ts';
import { isWebAppBuilt } from '../../http/web-app.ts';
import { listJurisdictions } from '../../jurisdiction/store.ts';
import { sweepReminders } from '../../tasks/sweep-reminders.ts';
import { COMMON_OPTIONS, configFrom, openFrom } from '../common.ts';

export const serveHelp = `jiedao serve [--port 3000] [--host 0.0.0.0] [--data DIR] [--demo] [--division 110107]
  启动服务（默认嵌入式 PGlite，数据目录 ./data；设置 DATABASE_URL 则使用 PostgreSQL）。
  --demo  数据库为空时建立演示辖区（默认 110107 北京市石景山区）与各角色演示账号。`;

/** `jiedao serve`: the API (and, once built, the web app) on one port. */
export async function runServe(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      ...COMMON_OPTIONS,
      port: { type: 'string' },
      host: { type: 'string' },
      demo: { type: 'boolean', default: false },
      division: { type: 'string' },
    },
  });
  if (values.help) return void console.log(serveHelp);
  const config = configFrom(values);
  if (values.port) config.port = Number(values.port);
  if (values.host) config.host = values.host;
  const database = await openFrom(config);
  const ctx = { database, config, ...createRegistries() };

  let districts = await listJurisdictions(database.db);
  let demoLogins: { username: string; role: string; unitName: string }[] = [];
  if (districts.length === 0 && values.demo) {
    console.log(`正在建立演示辖区 ${values.division ?? '110107'}（首次启动约需数秒）…`);
    const seeded = await seedDemo({ db: database.db, division: values.division, actor: SYSTEM_ACTOR });
    demoLogins = seeded.logins;
    districts = await listJurisdictions(database.db);
  } else if (values.demo && districts[0]?.isDemo) {
    const existing = await listUsers(database.db, {
      districtCode: districts[0].districtCode,
      withinPath: '/',
      limit: 50,
    });
    demoLogins = existing.map((u) => ({
      username: u.username,
      role: u.roles[0] ?? '',
      unitName: u.unitName,
    }));
  }

  const app = await buildServer(ctx);
  await app.listen({ port: config.port, host: config.host });
  const shownHost = config.host === '0.0.0.0' ? 'localhost' : config.host;
  const lines = [
    '',
    `Jiedao 街道 已启动：http://${shownHost}:${config.port}/  （API 文档 /api/docs，健康检查 /api/health）`,
    isWebAppBuilt()
      ? '网页端：已就绪（web/dist）'
      : '网页端尚未构建，当前仅提供 API：运行 npm run build 后重启（npm start 会先构建）(web app not built: npm run build)',
    `数据库：${database.kind === 'pglite' ? `PGlite（嵌入式，目录 ${database.location}）` : `PostgreSQL ${database.location}`}`,
  ];
  if (districts.length === 0) lines.push('尚无辖区：运行 jiedao init --division <6位代码> 或以 --demo 启动');
  for (const d of districts)
    lines.push(
      `辖区：${d.fullName}（${d.districtCode}）${d.isDemo ? '［演示数据：户数、人口、网格边界为合成值］' : ''}`,
    );
  if (demoLogins.length > 0) {
    lines.push(`演示账号（密码均为 ${DEMO_PASSWORD}）：`);
    for (const l of demoLogins) {
      lines.push(
        `  ${l.username.padEnd(11)} ${ROLE_NAMES[l.role as keyof typeof ROLE_NAMES] ?? l.role} · ${l.unitName}`,
      );
    }
  }
  console.log(lines.join('\n'));

  // The deadline sweeper: due-soon/overdue marks and follow-up calls; safe to run in every process.
  const sweeper = setInterval(() => {
    sweepDeadlines(database.db)
      .then((r) => {
        if (r.dueSoon + r.overdue + r.callbacksScheduled > 0) app.log.info({ sweep: r }, 'deadline sweep');
      })
      .catch((err: unknown) => app.log.error({ err }, 'deadline sweep failed'));
  }, 60_000);
  sweeper.unref();
  // Task-supervision reminders (督查督办): each task is claimed once, so every process may run it.
  setInterval(
    () =>
      void sweepReminders({ db: database.db }).catch((err: unknown) =>
        app.log.error({ err }, 'task reminder sweep failed'),
      ),
    600_000,
  ).unref();

  // The outbox dispatcher (notifications, Open311 status updates) and audit retention.
  const stopJobs = startBackgroundJobs({ database, log: app.log });

  const stop = async () => {
    clearInterval(sweeper);
    stopJobs();
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}
