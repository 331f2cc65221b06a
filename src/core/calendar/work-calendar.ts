/**
 * The deadline calendar of the citizen-demand lifecycle: working days on China's official calendar
 * (chinese-days + overrides from the database), office hours, calendar hours. Pure: no I/O, no clock.
 * Semantics are documented in ./README.md.
 */
import {
  type CalendarOverride,
  calendarOverridesSchema,
  type TimeLimitSpec,
  type TimeLimitUnit,
  timeLimitSpecSchema,
  type WorkingHours,
  type WorkingHoursInput,
  workingHoursSchema,
} from './model.ts';
import { addOfficeMs, elapsedParts } from './office-hours.ts';
import { officialDay, officialYears } from './official-data.ts';
import {
  addDays,
  type CivilDate,
  DAY_MS,
  dayOfWeek,
  fromZoned,
  HOUR_MS,
  isCivilDate,
  toZoned,
  yearOf,
} from './zoned-time.ts';

/** Options of {@link createWorkCalendar}; both are plain data (e.g. rows from the database). */
export interface WorkCalendarOptions {
  /** Days whose status differs from chinese-days; validated with `calendarOverridesSchema`. */
  overrides?: readonly CalendarOverride[];
  /** Office hours and time zone; defaults to Asia/Shanghai 09:00–17:30 with lunch 12:00–13:30. */
  hours?: WorkingHoursInput;
}

/** Why a date is (not) a working day. */
export interface DayInfo {
  date: CivilDate;
  workday: boolean;
  /** `override` (database), `official` (State Council arrangement in chinese-days) or `weekday` (Mon–Fri rule). */
  source: 'override' | 'official' | 'weekday';
  /** Festival or override name, e.g. 国庆节. */
  name?: string;
  /** False when no holiday arrangement is loaded for the date's year: Mon–Fri was assumed. */
  covered: boolean;
}

/** Whether holiday data exists for every year a computation touched. */
export interface Coverage {
  complete: boolean;
  uncoveredYears: number[];
  /** One message per uncovered year, ready to show (Chinese first). */
  warnings: string[];
}

/** Years for which a holiday arrangement is loaded (package + overrides). */
export interface DataRange {
  first: number;
  last: number;
  /** Every covered year, ascending; may have gaps when an isolated year was imported. */
  years: number[];
}

/** A computed deadline and whether it rests on real holiday data. */
export interface Deadline {
  due: Date;
  spec: TimeLimitSpec;
  coverage: Coverage;
}

/** Elapsed working time between two instants; negative when b is before a. */
export interface WorkingTime {
  /** Ms inside office hours on working days (what a `working_hours` limit consumes). */
  officeMs: number;
  /** Ms on working days, whole 24 h each (what a `working_days` limit consumes). */
  workdayMs: number;
  /** `workdayMs` in days: 1.5 = one and a half working days. */
  workdays: number;
}

/** A calendar built from overrides and office hours. All methods are pure. */
export interface WorkCalendar {
  readonly hours: WorkingHours;
  /** Working day in China? A `Date` is read as its civil date in the calendar's zone. */
  isWorkday(date: Date | CivilDate): boolean;
  /** Status of a date with its source and name. */
  dayInfo(date: Date | CivilDate): DayInfo;
  /** End (24:00 local) of the n-th working day after the day of `from`. */
  addWorkingDays(from: Date, n: number): Date;
  /** Instant when `h` office hours have elapsed from `from`. */
  addWorkingHours(from: Date, h: number): Date;
  /** `from` + h × 3600 s, around the clock. */
  addCalendarHours(from: Date, h: number): Date;
  /** End (24:00 local) of the n-th calendar day after the day of `from`. */
  addCalendarDays(from: Date, n: number): Date;
  /** The due instant of `spec` for a demand received/dispatched at `from`, with data coverage. */
  computeDeadline(from: Date, spec: TimeLimitSpec): Deadline;
  /** Working time elapsed from a to b. */
  workingTimeBetween(a: Date, b: Date): WorkingTime;
  /** Elapsed time from a to b in the unit of a limit (e.g. remaining working days to a due date). */
  elapsed(a: Date, b: Date, unit: TimeLimitUnit): number;
  /** First/last year with a holiday arrangement. */
  dataRange(): DataRange;
  /** Coverage of every year from the day of `from` to the day of `to`. */
  coverage(from: Date | CivilDate, to: Date | CivilDate): Coverage;
}

/** The message shown when a year has no holiday data. */
export function uncoveredYearWarning(year: number): string {
  return `日历数据未覆盖 ${year} 年，请导入国务院办公厅节假日通知（暂按周一至周五计算工作日） (no holiday data for ${year}: Mon–Fri assumed)`;
}

function requireInstant(date: Date): void {
  if (!(date instanceof Date) || Number.isNaN(date.getTime())) throw new RangeError('invalid Date');
}

function requirePositive(n: number, what: string, integer: boolean): void {
  if (!Number.isFinite(n) || n <= 0 || (integer && !Number.isInteger(n))) {
    throw new RangeError(`${what} must be a positive ${integer ? 'integer' : 'number'}, got ${n}`);
  }
}

/**
 * Builds a calendar. Overrides win over chinese-days, which wins over the Mon–Fri rule. A year counts
 * as covered when chinese-days has it or an override marks one of its days a holiday (an imported
 * notice always does). Throws a ZodError on invalid overrides or hours.
 */
export function createWorkCalendar(options: WorkCalendarOptions = {}): WorkCalendar {
  const hours = workingHoursSchema.parse(options.hours ?? {});
  const overrides = new Map<string, CalendarOverride>();
  const coveredYears = new Set(officialYears());
  for (const entry of calendarOverridesSchema.parse(options.overrides ?? [])) {
    overrides.set(entry.date, entry);
    if (entry.kind === 'holiday') coveredYears.add(yearOf(entry.date));
  }
  const years = [...coveredYears].sort((x, y) => x - y);
  const tz = hours.timeZone;

  const civil = (date: Date | CivilDate): CivilDate => {
    if (date instanceof Date) {
      requireInstant(date);
      return toZoned(date, tz).date;
    }
    if (!isCivilDate(date)) throw new RangeError(`not a YYYY-MM-DD date: ${date}`);
    return date;
  };

  const dayInfo = (input: Date | CivilDate): DayInfo => {
    const date = civil(input);
    const covered = coveredYears.has(yearOf(date));
    const override = overrides.get(date);
    if (override) {
      const info: DayInfo = { date, workday: override.kind === 'workday', source: 'override', covered };
      if (override.name !== undefined) info.name = override.name;
      return info;
    }
    const official = officialDay(date);
    if (official)
      return { date, workday: official.kind === 'workday', source: 'official', name: official.name, covered };
    const weekday = dayOfWeek(date);
    return { date, workday: weekday >= 1 && weekday <= 5, source: 'weekday', covered };
  };

  // Hot path of every loop: skip building DayInfo objects.
  const isWorkdayCivil = (date: CivilDate): boolean => {
    const override = overrides.get(date);
    if (override) return override.kind === 'workday';
    const official = officialDay(date);
    if (official) return official.kind === 'workday';
    const weekday = dayOfWeek(date);
    return weekday >= 1 && weekday <= 5;
  };

  // The day a period starts from. An instant at exactly 00:00 is 24:00 of the day before, so a
  // deadline used as the start of an extension does not lose a day (see README "chaining").
  const startDay = (from: Date): CivilDate => {
    requireInstant(from);
    const zoned = toZoned(from, tz);
    return zoned.msOfDay === 0 ? addDays(zoned.date, -1) : zoned.date;
  };
  const endOfDay = (date: CivilDate): Date => fromZoned(addDays(date, 1), 0, tz);

  const addWorkingDays = (from: Date, n: number): Date => {
    requirePositive(n, 'working days', true);
    let date = startDay(from);
    for (let left = n; left > 0; ) {
      date = addDays(date, 1);
      if (isWorkdayCivil(date)) left--;
    }
    return endOfDay(date);
  };

  const addWorkingHours = (from: Date, h: number): Date => {
    requirePositive(h, 'working hours', false);
    requireInstant(from);
    return addOfficeMs(from, Math.round(h * HOUR_MS), hours, isWorkdayCivil);
  };

  const addCalendarHours = (from: Date, h: number): Date => {
    requirePositive(h, 'calendar hours', false);
    requireInstant(from);
    return new Date(from.getTime() + Math.round(h * HOUR_MS));
  };

  const addCalendarDays = (from: Date, n: number): Date => {
    requirePositive(n, 'calendar days', true);
    return endOfDay(addDays(startDay(from), n));
  };

  const coverage = (from: Date | CivilDate, to: Date | CivilDate): Coverage => {
    const [a, b] = [yearOf(civil(from)), yearOf(civil(to))].sort((x, y) => x - y) as [number, number];
    const uncoveredYears: number[] = [];
    for (let year = a; year <= b; year++) if (!coveredYears.has(year)) uncoveredYears.push(year);
    return {
      complete: uncoveredYears.length === 0,
      uncoveredYears,
      warnings: uncoveredYears.map(uncoveredYearWarning),
    };
  };

  const computeDeadline = (from: Date, specInput: TimeLimitSpec): Deadline => {
    const spec = timeLimitSpecSchema.parse(specInput);
    const due = {
      working_days: addWorkingDays,
      working_hours: addWorkingHours,
      calendar_hours: addCalendarHours,
      calendar_days: addCalendarDays,
    }[spec.unit](from, spec.amount);
    // Calendar hours/days never consult holidays, so missing holiday data cannot make them wrong.
    const usesHolidays = spec.unit === 'working_days' || spec.unit === 'working_hours';
    // `due` may be 00:00 of the day after the last counted day; that day's year is what matters.
    const lastDay = new Date(due.getTime() - 1);
    const cover = usesHolidays
      ? coverage(from, lastDay)
      : { complete: true, uncoveredYears: [], warnings: [] };
    return { due, spec, coverage: cover };
  };

  const workingTimeBetween = (a: Date, b: Date): WorkingTime => {
    requireInstant(a);
    requireInstant(b);
    const sign = b.getTime() < a.getTime() ? -1 : 1;
    const [lo, hi] = sign === 1 ? [a, b] : [b, a];
    const parts = elapsedParts(lo, hi, hours, isWorkdayCivil);
    // `+ 0` turns -0 into 0 so equal instants compare equal to 0 in tests and JSON.
    const officeMs = sign * parts.officeMs + 0;
    const workdayMs = sign * parts.workdayMs + 0;
    return { officeMs, workdayMs, workdays: workdayMs / DAY_MS };
  };

  const elapsed = (a: Date, b: Date, unit: TimeLimitUnit): number => {
    requireInstant(a);
    requireInstant(b);
    switch (unit) {
      case 'working_days':
        return workingTimeBetween(a, b).workdays;
      case 'working_hours':
        return workingTimeBetween(a, b).officeMs / HOUR_MS;
      case 'calendar_hours':
        return (b.getTime() - a.getTime()) / HOUR_MS;
      case 'calendar_days':
        return (b.getTime() - a.getTime()) / DAY_MS;
    }
  };

  const dataRange = (): DataRange => ({
    first: years[0] ?? Number.NaN,
    last: years.at(-1) ?? Number.NaN,
    years: [...years],
  });

  return {
    hours,
    isWorkday: (date) => isWorkdayCivil(civil(date)),
    dayInfo,
    addWorkingDays,
    addWorkingHours,
    addCalendarHours,
    addCalendarDays,
    computeDeadline,
    workingTimeBetween,
    elapsed,
    dataRange,
    coverage,
  };
}
