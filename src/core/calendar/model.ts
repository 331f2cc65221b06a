/**
 * Plain-data shapes of the deadline calendar: holiday overrides (stored in the database, imported
 * from the State Council notice), time-limit specs (written on a work order) and office hours.
 */
import { z } from 'zod';
import { hhmmToMs, isCivilDate, isValidTimeZone } from './zoned-time.ts';

/** A real calendar date `YYYY-MM-DD`. */
export const civilDateSchema = z
  .string()
  .refine(isCivilDate, { message: '日期格式应为 YYYY-MM-DD (invalid date)' });

/**
 * One day whose status differs from (or confirms) the packaged calendar: `holiday` = 放假,
 * `workday` = 上班 (e.g. a 调休 make-up Saturday). Overrides win over chinese-days and the weekday rule.
 */
export const calendarOverrideSchema = z.object({
  date: civilDateSchema,
  kind: z.enum(['workday', 'holiday']),
  name: z.string().trim().min(1).max(100).optional(),
});
/** A parsed override entry. */
export type CalendarOverride = z.infer<typeof calendarOverrideSchema>;

/**
 * A list of overrides. The same date may appear twice only with the same kind: two rows saying a day
 * is both 放假 and 上班 is a data-entry error that must not be resolved silently by row order.
 */
export const calendarOverridesSchema = z.array(calendarOverrideSchema).superRefine((list, ctx) => {
  const kinds = new Map<string, string>();
  list.forEach((entry, index) => {
    const seen = kinds.get(entry.date);
    if (seen !== undefined && seen !== entry.kind) {
      ctx.addIssue({
        code: 'custom',
        path: [index, 'kind'],
        message: `${entry.date} 同时被设为放假和上班 (conflicting overrides)`,
      });
    }
    kinds.set(entry.date, entry.kind);
  });
});

/** The units a time limit can be counted in. */
export const TIME_LIMIT_UNITS = ['working_days', 'working_hours', 'calendar_hours', 'calendar_days'] as const;
/** A time-limit unit. */
export type TimeLimitUnit = (typeof TIME_LIMIT_UNITS)[number];

// Upper bound only to stop a typo (7000 instead of 7) from looping through decades of days.
const MAX_AMOUNT = 10_000;

/**
 * A time limit: `{ unit: 'working_days', amount: 7 }` (general), `{ unit: 'working_hours', amount: 2 }`
 * (sign-for), `{ unit: 'calendar_hours', amount: 24 }` (water/power/gas/heat). Day units are whole
 * days; hour units may be fractional (0.5 h).
 */
export const timeLimitSpecSchema = z
  .object({
    unit: z.enum(TIME_LIMIT_UNITS),
    amount: z.number().positive().max(MAX_AMOUNT),
  })
  .refine((spec) => !spec.unit.endsWith('_days') || Number.isInteger(spec.amount), {
    message: '按天计的时限必须是整数 (day limits must be whole days)',
    path: ['amount'],
  });
/** A parsed time-limit spec. */
export type TimeLimitSpec = z.infer<typeof timeLimitSpecSchema>;

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: '时间格式应为 HH:MM (invalid time)' });

/**
 * Office hours for `working_hours` limits. Defaults are Beijing government office hours: 09:00–17:30
 * with a 12:00–13:30 lunch break (7 working hours a day). `lunch: null` means no break.
 */
export const workingHoursSchema = z
  .object({
    timeZone: z
      .string()
      .refine(isValidTimeZone, { message: '未知时区 (unknown time zone)' })
      .default('Asia/Shanghai'),
    dayStart: hhmm.default('09:00'),
    dayEnd: hhmm.default('17:30'),
    lunch: z.tuple([hhmm, hhmm]).nullable().default(['12:00', '13:30']),
  })
  .superRefine((hours, ctx) => {
    const start = hhmmToMs(hours.dayStart);
    const end = hhmmToMs(hours.dayEnd);
    if (start >= end) {
      ctx.addIssue({
        code: 'custom',
        path: ['dayEnd'],
        message: '下班时间须晚于上班时间 (dayEnd <= dayStart)',
      });
    }
    if (hours.lunch) {
      const [from, to] = hours.lunch.map(hhmmToMs) as [number, number];
      if (!(start < from && from < to && to < end)) {
        ctx.addIssue({
          code: 'custom',
          path: ['lunch'],
          message: '午休须在上下班时间之内 (lunch must lie inside the day)',
        });
      }
    }
  });
/** Office hours as accepted (every field optional). */
export type WorkingHoursInput = z.input<typeof workingHoursSchema>;
/** Office hours with defaults applied. */
export type WorkingHours = z.output<typeof workingHoursSchema>;

/** The defaults: Asia/Shanghai, 09:00–17:30, lunch 12:00–13:30. */
export const DEFAULT_WORKING_HOURS: WorkingHours = workingHoursSchema.parse({});
