/**
 * Civil dates and wall-clock times in one IANA time zone, independent of the machine's TZ.
 *
 * Why not `Date#getHours`/`setHours`: those use the process time zone, so a server running in UTC
 * would place Beijing deadlines 8 hours off. Every conversion here names its zone explicitly and
 * goes through `Intl`, so the result is the same on any machine.
 */

/** A civil (calendar) date in the calendar's zone, `YYYY-MM-DD`. */
export type CivilDate = string;

/** Milliseconds in a civil day (China has had no DST since 1991, so every day is this long there). */
export const DAY_MS = 86_400_000;
/** Milliseconds in an hour. */
export const HOUR_MS = 3_600_000;

const CIVIL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const formatters = new Map<string, Intl.DateTimeFormat>();

// One formatter per zone: constructing Intl.DateTimeFormat is the expensive part.
function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** True when `timeZone` is an IANA zone name this runtime knows. */
export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

// Offsets memoised per zone and UTC hour: Intl.formatToParts costs tens of µs and a deadline takes a
// dozen conversions. An hour is memoised only when both its ends have the same offset (no transition
// inside it — tzdb has no zone that changes twice within an hour), so results never change.
const offsetCache = new Map<string, Map<number, number>>();
const OFFSET_CACHE_LIMIT = 100_000;

/** The zone's UTC offset at an instant, in ms (+8 h for Asia/Shanghai). */
export function zoneOffsetMs(instant: number, timeZone: string): number {
  const hour = Math.floor(instant / HOUR_MS);
  let zone = offsetCache.get(timeZone);
  if (!zone) {
    zone = new Map();
    offsetCache.set(timeZone, zone);
  }
  const cached = zone.get(hour);
  if (cached !== undefined) return cached;
  const start = exactOffsetMs(hour * HOUR_MS, timeZone);
  if (start !== exactOffsetMs(hour * HOUR_MS + HOUR_MS - 1000, timeZone))
    return exactOffsetMs(instant, timeZone);
  if (zone.size >= OFFSET_CACHE_LIMIT) zone.clear();
  zone.set(hour, start);
  return start;
}

function exactOffsetMs(instant: number, timeZone: string): number {
  const whole = Math.floor(instant / 1000) * 1000;
  const fields = new Map<string, number>();
  for (const part of formatterFor(timeZone).formatToParts(whole)) {
    if (part.type !== 'literal') fields.set(part.type, Number(part.value));
  }
  const field = (name: string): number => fields.get(name) ?? 0;
  const wallClock = Date.UTC(
    field('year'),
    field('month') - 1,
    field('day'),
    field('hour'),
    field('minute'),
    field('second'),
  );
  return wallClock - whole;
}

/** An instant seen on the zone's wall clock: its civil date and the ms elapsed since local midnight. */
export interface ZonedInstant {
  date: CivilDate;
  msOfDay: number;
}

/** Civil date and time of day of `instant` in `timeZone`. */
export function toZoned(instant: Date, timeZone: string): ZonedInstant {
  const t = instant.getTime();
  const local = t + zoneOffsetMs(t, timeZone);
  const midnight = Math.floor(local / DAY_MS) * DAY_MS;
  return { date: new Date(midnight).toISOString().slice(0, 10), msOfDay: local - midnight };
}

/** The instant at which the wall clock in `timeZone` shows `date` + `msOfDay` (may exceed a day). */
export function fromZoned(date: CivilDate, msOfDay: number, timeZone: string): Date {
  const local = civilToUtcMs(date) + msOfDay;
  const guess = local - zoneOffsetMs(local, timeZone);
  // Second pass: near a DST change the offset at the true instant differs from the first guess.
  return new Date(local - zoneOffsetMs(guess, timeZone));
}

/** True for a real `YYYY-MM-DD` date (rejects 2026-02-30). */
export function isCivilDate(value: string): boolean {
  const m = CIVIL_DATE.exec(value);
  if (!m) return false;
  return new Date(civilToUtcMs(value)).toISOString().slice(0, 10) === value;
}

/** Midnight UTC of the civil date: a zone-free day number to do date arithmetic on. */
export function civilToUtcMs(date: CivilDate): number {
  const m = CIVIL_DATE.exec(date);
  if (!m) throw new RangeError(`not a YYYY-MM-DD date: ${date}`);
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
}

/** `date` shifted by `days` civil days. */
export function addDays(date: CivilDate, days: number): CivilDate {
  return new Date(civilToUtcMs(date) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Day of the week, 0 = Sunday … 6 = Saturday. */
export function dayOfWeek(date: CivilDate): number {
  return new Date(civilToUtcMs(date)).getUTCDay();
}

/** The year of a civil date. */
export function yearOf(date: CivilDate): number {
  return Number(date.slice(0, 4));
}

/** `HH:MM` as ms since midnight. */
export function hhmmToMs(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return ((h ?? 0) * 60 + (m ?? 0)) * 60_000;
}
