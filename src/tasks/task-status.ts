/**
 * The red-yellow-green rule of supervision (督查督办), pure: a task's status from its deadline, its
 * progress and today. Dates are civil dates (`YYYY-MM-DD`) in the district's zone; no clock here.
 */
import { civilToUtcMs, DAY_MS } from '../core/calendar/zoned-time.ts';

export const TASK_STATUSES = ['on_track', 'at_risk', 'overdue', 'done'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];
export type StatusColor = 'green' | 'yellow' | 'red';

export const STATUS_NAMES: Record<TaskStatus, string> = {
  on_track: '正常推进',
  at_risk: '存在风险',
  overdue: '已逾期',
  done: '已完成',
};

export const STATUS_COLORS: Record<TaskStatus, StatusColor> = {
  on_track: 'green',
  at_risk: 'yellow',
  overdue: 'red',
  done: 'green',
};

export type ReportCadence = 'month' | 'quarter';

/**
 * A report older than this many days means the lead units missed a reporting period: a month's
 * report may come on the 1st of one month and the 31st of the next, hence one period plus its length.
 */
export const STALLED_AFTER_DAYS: Record<ReportCadence, number> = { month: 62, quarter: 184 };

/**
 * The civil date a deadline ends on: `2015-03` (a month) means the last day of March, a day means
 * itself, null (ongoing tasks: 长期坚持, 持续推进) has none.
 */
export function dueDateOf(deadline: string | null): string | null {
  if (deadline === null) return null;
  if (/^\d{4}-\d{2}-\d{2}$/.test(deadline)) return deadline;
  const m = /^(\d{4})-(\d{2})$/.exec(deadline);
  if (!m) throw new RangeError(`not a plan deadline: ${deadline}`);
  const firstOfNext = Date.UTC(Number(m[1]), Number(m[2]), 1);
  return new Date(firstOfNext - DAY_MS).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((civilToUtcMs(to) - civilToUtcMs(from)) / DAY_MS);
}

export interface TaskStatusInput {
  deadline: string | null;
  /** The day the task became done (every lead unit reported done), or null. */
  doneOn: string | null;
  /** The day of the latest lead-unit progress report, or null. */
  lastProgressOn: string | null;
  /** The day the task was imported: the reporting clock starts there. */
  startedOn: string;
  today: string;
  dueSoonDays: number;
  cadence: ReportCadence;
}

export interface TaskStatusResult {
  status: TaskStatus;
  color: StatusColor;
  dueDate: string | null;
  /** Days left until the due date (0 on the day itself, negative once overdue); null when none. */
  daysLeft: number | null;
  /** Done after the due date. */
  late: boolean;
  /** Why, for the person reading the bulletin (Chinese). */
  reason: string;
}

const result = (
  status: TaskStatus,
  dueDate: string | null,
  daysLeft: number | null,
  reason: string,
  late = false,
): TaskStatusResult => ({ status, color: STATUS_COLORS[status], dueDate, daysLeft, late, reason });

/**
 * done when every lead unit reported done; overdue (red) once the due date has passed; at risk
 * (yellow) within `dueSoonDays` of it or when no lead report came for a whole reporting period;
 * otherwise on track (green). A day-deadline is met by the end of that day.
 */
export function computeTaskStatus(input: TaskStatusInput): TaskStatusResult {
  const dueDate = dueDateOf(input.deadline);
  const daysLeft = dueDate === null ? null : daysBetween(input.today, dueDate);
  if (input.doneOn !== null) {
    const late = dueDate !== null && input.doneOn > dueDate;
    return result(
      'done',
      dueDate,
      daysLeft,
      late ? `已完成（逾期 ${daysBetween(dueDate, input.doneOn)} 天完成）` : '已完成',
      late,
    );
  }
  if (daysLeft !== null && daysLeft < 0)
    return result('overdue', dueDate, daysLeft, `已逾期 ${-daysLeft} 天`);
  if (daysLeft !== null && daysLeft <= input.dueSoonDays) {
    return result(
      'at_risk',
      dueDate,
      daysLeft,
      daysLeft === 0 ? '今天到期' : `距完成时间还有 ${daysLeft} 天`,
    );
  }
  const since = input.lastProgressOn ?? input.startedOn;
  const quiet = daysBetween(since, input.today);
  if (quiet > STALLED_AFTER_DAYS[input.cadence]) {
    return result(
      'at_risk',
      dueDate,
      daysLeft,
      input.lastProgressOn ? `已 ${quiet} 天未报送进展` : `导入后 ${quiet} 天未报送进展`,
    );
  }
  return result('on_track', dueDate, daysLeft, '正常推进');
}

/** The reporting period a day falls in: `2025-06` (monthly) or `2025-Q2` (quarterly). */
export function periodOf(day: string, cadence: ReportCadence): string {
  const year = day.slice(0, 4);
  const month = Number(day.slice(5, 7));
  return cadence === 'month' ? day.slice(0, 7) : `${year}-Q${Math.ceil(month / 3)}`;
}

/** The first day of a period (`2025-06` → 2025-06-01, `2025-Q3` → 2025-07-01); null when malformed. */
export function periodStart(period: string): string | null {
  const month = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(period);
  if (month) return `${period}-01`;
  const quarter = /^(\d{4})-Q([1-4])$/.exec(period);
  if (!quarter) return null;
  return `${quarter[1]}-${String((Number(quarter[2]) - 1) * 3 + 1).padStart(2, '0')}-01`;
}

/** `2015-03` → 2015年3月, `2021-06-30` → 2021年6月30日 (how the paper plan writes it). */
export function formatDeadlineZh(deadline: string | null): string {
  if (deadline === null) return '';
  const [y, m, d] = deadline.split('-');
  return d ? `${y}年${Number(m)}月${Number(d)}日` : `${y}年${Number(m)}月`;
}
