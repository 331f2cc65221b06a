/**
 * Office-hour arithmetic: counting `working_hours` limits inside the daily windows (09:00–12:00 and
 * 13:30–17:30 by default) of working days, skipping nights, lunch, weekends and holidays.
 */
import type { WorkingHours } from './model.ts';
import { addDays, type CivilDate, DAY_MS, fromZoned, hhmmToMs, toZoned } from './zoned-time.ts';

/** A half-open window [start, end) in ms since local midnight. */
interface Segment {
  start: number;
  end: number;
}

/** The working windows of a working day, lunch cut out. */
export function officeSegments(hours: WorkingHours): Segment[] {
  const start = hhmmToMs(hours.dayStart);
  const end = hhmmToMs(hours.dayEnd);
  if (!hours.lunch) return [{ start, end }];
  const [lunchStart, lunchEnd] = hours.lunch;
  return [
    { start, end: hhmmToMs(lunchStart) },
    { start: hhmmToMs(lunchEnd), end },
  ];
}

/** Ms of the windows that fall inside [lo, hi) (ms since midnight) of one working day. */
export function officeMsWithin(segments: readonly Segment[], lo: number, hi: number): number {
  let total = 0;
  for (const segment of segments) {
    total += Math.max(0, Math.min(hi, segment.end) - Math.max(lo, segment.start));
  }
  return total;
}

/**
 * The instant at which `ms` of office time, counted from `from`, has elapsed. When the count ends
 * exactly at the end of a window (12:00, 17:30) that instant is returned, not the next window's start:
 * a sign-for limit that runs out at the lunch break is due at 12:00.
 */
export function addOfficeMs(
  from: Date,
  ms: number,
  hours: WorkingHours,
  isWorkday: (date: CivilDate) => boolean,
): Date {
  const segments = officeSegments(hours);
  let { date, msOfDay } = toZoned(from, hours.timeZone);
  let remaining = ms;
  // Terminates: Mon–Fri are working days unless overridden, and overrides are finite.
  for (;;) {
    if (isWorkday(date)) {
      for (const segment of segments) {
        const start = Math.max(segment.start, msOfDay);
        if (start >= segment.end) continue;
        const available = segment.end - start;
        if (remaining <= available) return fromZoned(date, start + remaining, hours.timeZone);
        remaining -= available;
      }
    }
    date = addDays(date, 1);
    msOfDay = 0;
  }
}

/** Elapsed time between two instants (a <= b), split by how a countdown would count it. */
export interface ElapsedParts {
  /** Ms inside office windows of working days. */
  officeMs: number;
  /** Ms falling on working days, each working day counted 00:00–24:00. */
  workdayMs: number;
}

/** Walks the civil days from a to b (a <= b) and sums their working time. */
export function elapsedParts(
  a: Date,
  b: Date,
  hours: WorkingHours,
  isWorkday: (date: CivilDate) => boolean,
): ElapsedParts {
  const segments = officeSegments(hours);
  const start = toZoned(a, hours.timeZone);
  const end = toZoned(b, hours.timeZone);
  let officeMs = 0;
  let workdayMs = 0;
  for (let date = start.date; date <= end.date; date = addDays(date, 1)) {
    if (!isWorkday(date)) continue;
    const lo = date === start.date ? start.msOfDay : 0;
    const hi = date === end.date ? end.msOfDay : DAY_MS;
    workdayMs += hi - lo;
    officeMs += officeMsWithin(segments, lo, hi);
  }
  return { officeMs, workdayMs };
}
