/**
 * China's official holiday arrangement as shipped by the `chinese-days` package.
 *
 * Why the package's data table rather than its `isWorkday()`: its date helpers read the process time
 * zone (`getDate`/`setHours`), and in a zone west of UTC `getDayDetail('2025-10-01')` reports
 * 2025-09-30. The table is plain `YYYY-MM-DD` keys, so reading it involves no time zone at all.
 * The test suite cross-checks this table against `chineseDays.isWorkday()` run in Asia/Shanghai.
 */
import raw from 'chinese-days/dist/chinese-days.json' with { type: 'json' };
import { z } from 'zod';
import { civilDateSchema } from './model.ts';
import { yearOf } from './zoned-time.ts';

/** How the official calendar classifies one date that is not an ordinary weekday/weekend. */
export interface OfficialDay {
  kind: 'holiday' | 'workday';
  /** Chinese festival name, e.g. 国庆节. */
  name: string;
}

// Values look like "National Day,国庆节,3" (English, Chinese, holiday length group).
const tableSchema = z.object({
  holidays: z.record(civilDateSchema, z.string()),
  workdays: z.record(civilDateSchema, z.string()),
});

function chineseName(value: string): string {
  const parts = value.split(',');
  return parts[1] ?? parts[0] ?? value;
}

function load(): { days: ReadonlyMap<string, OfficialDay>; years: ReadonlySet<number> } {
  // Validated at load: a package update that changes the file's shape fails loudly, not silently.
  const table = tableSchema.parse(raw);
  const days = new Map<string, OfficialDay>();
  const years = new Set<number>();
  for (const [date, value] of Object.entries(table.holidays)) {
    days.set(date, { kind: 'holiday', name: chineseName(value) });
    years.add(yearOf(date));
  }
  for (const [date, value] of Object.entries(table.workdays)) {
    days.set(date, { kind: 'workday', name: chineseName(value) });
  }
  return { days, years };
}

const official = load();

/** Official status of a date, or undefined when it is an ordinary day (Mon–Fri work, Sat–Sun rest). */
export function officialDay(date: string): OfficialDay | undefined {
  return official.days.get(date);
}

/**
 * Years for which the package holds the State Council arrangement (2004–2026 in chinese-days 1.5.7).
 * A year counts as covered when at least one of its dates is an official holiday: every notice
 * declares 元旦 and 春节, so a year without any holiday was simply not published in the package.
 */
export function officialYears(): ReadonlySet<number> {
  return official.years;
}
