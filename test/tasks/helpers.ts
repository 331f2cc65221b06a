import { readFileSync } from 'node:fs';
import { SYSTEM_ACTOR } from '../../src/core/audit/append-audit.ts';
import type { Role } from '../../src/core/auth/roles.ts';
import { addDays } from '../../src/core/calendar/zoned-time.ts';
import type { Database } from '../../src/core/db/connection.ts';
import { addUser } from '../../src/jurisdiction/people/add-user.ts';
import { civilDateOf } from '../../src/tasks/task-views.ts';
import { DEMO_PASSWORD } from '../factories.ts';

/** The format sample every supervision test starts from (7 tasks, three sections, no deadlines). */
export const SAMPLE_A = readFileSync(
  new URL('../../../shared/samples/plan-sample-a.txt', import.meta.url),
  'utf8',
);
export const SAMPLE_B = readFileSync(
  new URL('../../../shared/samples/plan-sample-b.txt', import.meta.url),
  'utf8',
);

/** Demo department codes (110107 + D + the template's position). */
export const UNITS = {
  centre: '110107D001',
  organisation: '110107D002', // 区委组织部
  urbanManagement: '110107D007', // 区城市管理委 (the demo `dept` user)
  civilAffairs: '110107D014', // 区民政局
  humanResources: '110107D021', // 区人力资源社会保障局
  babaoshan: '110107001000',
  lugu: '110107011000',
} as const;

export const today = (): string => civilDateOf(new Date());

/** A deadline as a plan writes it: `2025年6月` (a month) or `2025年6月30日` (a day). */
export function zhDate(date: string, month = false): string {
  const [y, m, d] = date.split('-').map(Number);
  return month ? `${y}年${m}月` : `${y}年${m}月${d}日`;
}

/** A day `days` from today (negative: in the past). */
export const fromToday = (days: number): string => addDays(today(), days);

/** The month before this one, as a plan writes it: always overdue today. */
export function lastMonthZh(): string {
  const [y, m] = today().split('-').map(Number) as [number, number];
  return m === 1 ? `${y - 1}年12月` : `${y}年${m - 1}月`;
}

/**
 * Sample A with 完成时间 lines added after the unit lines of some tasks, plus an 8th task that only
 * 八宝山街道 leads: deadlines relative to today so statuses are the same whenever the test runs.
 */
export function sampleWithDeadlines(deadlines: Record<number, string>): string {
  const lines = SAMPLE_A.split('\n');
  const out: string[] = [];
  let current = 0;
  const flush = () => {
    const d = deadlines[current];
    if (d) out.push(`完成时间:${d}`);
    current = 0;
  };
  for (const line of lines) {
    const m = /^(\d+)\./.exec(line);
    if (m || /^[一二三四五六七八九十]+、/.test(line)) {
      flush();
      if (m) current = Number(m[1]);
    }
    out.push(line);
  }
  flush();
  out.push(
    '8.推进八宝山街道老旧小区综合整治试点，形成可复制的经验。',
    '牵头单位:八宝山街道',
    '协办单位:区住建委',
  );
  current = 8;
  flush();
  return `${out.join('\n')}\n`;
}

/** A staff user in a unit, for the units the demo has no log-in for. */
export async function addStaff(
  database: Database,
  username: string,
  unitCode: string,
  role: Role,
): Promise<void> {
  await addUser({
    db: database.db,
    actor: SYSTEM_ACTOR,
    input: { username, displayName: username, unitCode, roles: [role], password: DEMO_PASSWORD, phone: null },
  });
}
