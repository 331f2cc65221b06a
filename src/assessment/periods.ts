/**
 * Assessment periods in Beijing civil time, pure: `2026-10` (month), `2026-Q4`, `2026-H2`, `2026`.
 * Kept here rather than borrowed from another capability so the assessment's period rules cannot
 * change under it.
 */
import { AppError } from '../core/errors.ts';
import type { PeriodKind } from './model.ts';

const BEIJING_MS = 8 * 3600_000;

export interface AssessmentPeriod {
  key: string;
  kind: PeriodKind;
  /** The months it covers, `YYYY-MM`, in order. */
  months: string[];
  /** First and last civil day, inclusive. */
  firstDay: string;
  lastDay: string;
  /** [from, to) as instants. */
  from: Date;
  to: Date;
  label: string;
}

const pad = (n: number) => String(n).padStart(2, '0');
const monthStart = (year: number, month: number) => new Date(Date.UTC(year, month - 1, 1) - BEIJING_MS);

function build(kind: PeriodKind, key: string, year: number, first: number, count: number): AssessmentPeriod {
  const months = Array.from({ length: count }, (_, i) => `${year}-${pad(first + i)}`);
  const labels: Record<PeriodKind, string> = {
    month: `${year}年${first}月`,
    quarter: `${year}年第${Math.ceil(first / 3)}季度`,
    half_year: `${year}年${first === 1 ? '上' : '下'}半年`,
    year: `${year}年`,
  };
  return {
    key,
    kind,
    months,
    firstDay: `${months[0]}-01`,
    lastDay: new Date(Date.UTC(year, first - 1 + count, 0)).toISOString().slice(0, 10),
    from: monthStart(year, first),
    to: monthStart(year, first + count),
    label: labels[kind],
  };
}

/** Parses a period key; null when it is not one. */
export function parsePeriod(key: string): AssessmentPeriod | null {
  let m = /^(\d{4})$/.exec(key);
  if (m) return build('year', key, Number(m[1]), 1, 12);
  m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(key);
  if (m) return build('month', key, Number(m[1]), Number(m[2]), 1);
  m = /^(\d{4})-Q([1-4])$/.exec(key);
  if (m) return build('quarter', key, Number(m[1]), (Number(m[2]) - 1) * 3 + 1, 3);
  m = /^(\d{4})-H([12])$/.exec(key);
  if (m) return build('half_year', key, Number(m[1]), m[2] === '1' ? 1 : 7, 6);
  return null;
}

const EXAMPLES: Record<PeriodKind, string> = {
  month: '2026-10',
  quarter: '2026-Q4',
  half_year: '2026-H2',
  year: '2026',
};

/** The period a scheme is run for: it must exist and be of the scheme's kind (`VALIDATION_FAILED`). */
export function periodForScheme(key: string, kind: PeriodKind): AssessmentPeriod {
  const period = parsePeriod(key);
  if (!period || period.kind !== kind) {
    throw new AppError(
      'VALIDATION_FAILED',
      `考核周期应为 ${EXAMPLES[kind]} 这样的格式：${key} (period must be like ${EXAMPLES[kind]})`,
      { period: key, expected: kind },
    );
  }
  return period;
}

/** The Beijing civil date of an instant. */
export const beijingDay = (at: Date): string =>
  new Date(at.getTime() + BEIJING_MS).toISOString().slice(0, 10);
