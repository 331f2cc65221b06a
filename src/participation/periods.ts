/**
 * Reporting periods of participation (months, quarters, half years, years) in Beijing civil time,
 * pure: the cadence check, the report-in rates and the volunteer rate all count inside them.
 */

export const PERIOD_KINDS = ['month', 'quarter', 'half_year', 'year'] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];

const BEIJING_MS = 8 * 3600_000;

/** One period: its key (`2026-05`, `2026-Q2`, `2026-H1`, `2026`), kind, months and instants. */
export interface Period {
  key: string;
  kind: PeriodKind;
  /** First and last month (`YYYY-MM`), inclusive. */
  firstMonth: string;
  lastMonth: string;
  /** First and last civil day (`YYYY-MM-DD`), inclusive. */
  firstDay: string;
  lastDay: string;
  /** [from, to) in instants: Beijing midnight of the first day to that of the day after the last. */
  from: Date;
  to: Date;
  /** 2026年5月, 2026年第2季度, 2026年上半年, 2026年. */
  label: string;
}

const pad = (n: number) => String(n).padStart(2, '0');
const monthOf = (year: number, month: number) => `${year}-${pad(month)}`;

/** The first instant of a Beijing month (month may run past 12: the next year's months). */
function monthStart(year: number, month: number): Date {
  return new Date(Date.UTC(year, month - 1, 1) - BEIJING_MS);
}

function build(kind: PeriodKind, year: number, firstMonth: number, months: number, key: string): Period {
  const labels: Record<PeriodKind, string> = {
    month: `${year}年${firstMonth}月`,
    quarter: `${year}年第${Math.ceil(firstMonth / 3)}季度`,
    half_year: `${year}年${firstMonth === 1 ? '上' : '下'}半年`,
    year: `${year}年`,
  };
  return {
    key,
    kind,
    firstMonth: monthOf(year, firstMonth),
    lastMonth: monthOf(year, firstMonth + months - 1),
    firstDay: `${monthOf(year, firstMonth)}-01`,
    lastDay: new Date(Date.UTC(year, firstMonth - 1 + months, 0)).toISOString().slice(0, 10),
    from: monthStart(year, firstMonth),
    to: monthStart(year, firstMonth + months),
    label: labels[kind],
  };
}

/** Parses `2026`, `2026-05`, `2026-Q2` or `2026-H1`; null when it is none of them. */
export function parsePeriod(key: string): Period | null {
  let m = /^(\d{4})$/.exec(key);
  if (m) return build('year', Number(m[1]), 1, 12, key);
  m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(key);
  if (m) return build('month', Number(m[1]), Number(m[2]), 1, key);
  m = /^(\d{4})-Q([1-4])$/.exec(key);
  if (m) return build('quarter', Number(m[1]), (Number(m[2]) - 1) * 3 + 1, 3, key);
  m = /^(\d{4})-H([12])$/.exec(key);
  if (m) return build('half_year', Number(m[1]), m[2] === '1' ? 1 : 7, 6, key);
  return null;
}

/** The key of the period of `kind` that contains a month (`YYYY-MM`). */
export function periodKeyOf(month: string, kind: PeriodKind): string {
  const year = month.slice(0, 4);
  const m = Number(month.slice(5, 7));
  switch (kind) {
    case 'month':
      return month;
    case 'quarter':
      return `${year}-Q${Math.ceil(m / 3)}`;
    case 'half_year':
      return `${year}-H${m <= 6 ? 1 : 2}`;
    case 'year':
      return year;
  }
}

/** The month after `YYYY-MM`. */
export function nextMonth(month: string): string {
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  return m === 12 ? monthOf(y + 1, 1) : monthOf(y, m + 1);
}

/** Every period of `kind` that touches the months from `fromMonth` to `toMonth` (inclusive), in order. */
export function periodsCovering(fromMonth: string, toMonth: string, kind: PeriodKind): Period[] {
  if (fromMonth > toMonth) return [];
  const keys: string[] = [];
  for (let m = fromMonth; m <= toMonth; m = nextMonth(m)) {
    const key = periodKeyOf(m, kind);
    if (keys[keys.length - 1] !== key) keys.push(key);
  }
  return keys.map((k) => parsePeriod(k) as Period);
}

/** The Beijing civil date (`YYYY-MM-DD`) of an instant (China keeps no daylight saving time). */
export const beijingDate = (at: Date): string =>
  new Date(at.getTime() + BEIJING_MS).toISOString().slice(0, 10);

/** The Beijing month (`YYYY-MM`) of an instant. */
export const beijingMonth = (at: Date): string => beijingDate(at).slice(0, 7);

/** The instant a Beijing civil date begins. */
export const beijingMidnight = (date: string): Date => new Date(`${date}T00:00:00+08:00`);
