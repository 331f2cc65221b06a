/** The deadline calendar: working days on China's official calendar, office hours, calendar hours. */
export * from './model.ts';
export { type ParsedHolidayNotice, parseHolidayNotice } from './parse-holiday-notice.ts';
export {
  type Coverage,
  createWorkCalendar,
  type DataRange,
  type DayInfo,
  type Deadline,
  uncoveredYearWarning,
  type WorkCalendar,
  type WorkCalendarOptions,
  type WorkingTime,
} from './work-calendar.ts';
export type { CivilDate } from './zoned-time.ts';
