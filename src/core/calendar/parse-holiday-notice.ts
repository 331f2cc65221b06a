/**
 * Reads the text of a State Council holiday notice (国务院办公厅关于20XX年部分节假日安排的通知) into
 * override entries, so next year's calendar is loaded by pasting the notice, without a release.
 *
 * Why a tolerant clause parser rather than one fixed regex: the wording has drifted over the years
 * (星期六 → 周六, lunar annotations, 元旦 spanning the previous December, 放假1天，不调休), but every
 * notice keeps the same skeleton: `一、NAME：<dates>放假…，共N天。<dates>上班。`
 */
import { AppError } from '../errors.ts';
import type { CalendarOverride } from './model.ts';
import { addDays, civilToUtcMs, dayOfWeek, isCivilDate } from './zoned-time.ts';

/** The result of parsing a notice. */
export interface ParsedHolidayNotice {
  /** The year the notice arranges. */
  year: number;
  /** Holidays (放假) and make-up working days (上班), sorted by date. */
  entries: CalendarOverride[];
  /** Inconsistencies worth a human look (weekday annotation or day count not matching the dates). */
  warnings: string[];
}

const ITEM =
  /^\s*(?:[一二三四五六七八九十]+[、.．]|\d+[、.．]|[（(][一二三四五六七八九十\d]+[）)])\s*([^：:\n]{1,20})[：:](.+)$/gm;
const DATE = String.raw`(?:(\d{4})年)?(\d{1,2})月(\d{1,2})日\s*(?:[（(]([^）)]*)[）)])?`;
const RANGE_END = String.raw`(?:\s*[至到~～—－-]\s*(?:(\d{4})年)?(?:(\d{1,2})月)?(\d{1,2})日\s*(?:[（(]([^）)]*)[）)])?)?`;
const WEEKDAYS = '日一二三四五六';

/** Full-width digits and punctuation variants, normalised so the patterns stay simple. */
function normalise(text: string): string {
  return text
    .replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
    .replace(/\r\n?/g, '\n')
    .replace(/[ \t\u3000]+/g, ' ');
}

/** Splits an item body at ，。；, but not inside parentheses (annotations may hold punctuation). */
function clauses(body: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of body) {
    if (ch === '（' || ch === '(') depth++;
    if (ch === '）' || ch === ')') depth = Math.max(0, depth - 1);
    if (depth === 0 && '，,。；;'.includes(ch)) {
      if (current.trim()) out.push(current.trim());
      current = '';
    } else current += ch;
  }
  if (current.trim()) out.push(current.trim());
  return out;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** Finds the notice year: the title, the opening sentence, or the caller's hint. */
function noticeYear(text: string, hint: number | undefined): number {
  if (hint !== undefined) return hint;
  const m = /(\d{4})\s*年\s*部分节假日安排/.exec(text) ?? /现将\s*(\d{4})\s*年/.exec(text);
  if (!m?.[1]) {
    throw new AppError(
      'UNPROCESSABLE',
      '无法从通知中识别年份，请指定年份 (cannot find the year in the notice)',
    );
  }
  return Number(m[1]);
}

/**
 * Parses a notice. `options.year` is needed only when the text lacks the title and opening sentence.
 * Throws `AppError('UNPROCESSABLE')` when no numbered item with dates is found.
 */
export function parseHolidayNotice(text: string, options: { year?: number } = {}): ParsedHolidayNotice {
  const normal = normalise(text);
  const year = noticeYear(normal, options.year);
  const byDate = new Map<string, CalendarOverride>();
  const warnings: string[] = [];

  const add = (date: string, kind: CalendarOverride['kind'], name: string): void => {
    const seen = byDate.get(date);
    if (seen && seen.kind !== kind)
      warnings.push(`${date} 同时被列为放假和上班 (listed as both holiday and workday)`);
    byDate.set(date, { date, kind, name });
  };
  // An annotation like （农历除夕、周二） must agree with the date: a mismatch means a wrong year or a typo.
  const checkWeekday = (date: string, annotation: string | undefined): void => {
    const m = annotation ? /(?:周|星期|礼拜)([日天一二三四五六])/.exec(annotation) : null;
    if (!m?.[1]) return;
    const stated = m[1] === '天' ? 0 : WEEKDAYS.indexOf(m[1]);
    if (stated !== dayOfWeek(date)) {
      warnings.push(`${date} 注明为${m[0]}，与实际星期不符 (weekday annotation does not match the date)`);
    }
  };
  const civil = (y: number, month: number, day: number): string | undefined => {
    const date = `${y}-${pad(month)}-${pad(day)}`;
    if (isCivilDate(date)) return date;
    warnings.push(`无效日期 ${date} (invalid date ignored)`);
    return undefined;
  };

  let items = 0;
  for (const item of normal.matchAll(ITEM)) {
    const name = (item[1] ?? '').trim();
    let holidays = 0;
    let declared: number | undefined;
    for (const clause of clauses(item[2] ?? '')) {
      const kind = /上班/.test(clause) ? 'workday' : /放假|休息|调休/.test(clause) ? 'holiday' : undefined;
      const total = /共\s*(\d+)\s*天/.exec(clause);
      if (total?.[1]) declared = Number(total[1]);
      if (!kind) continue;
      for (const m of clause.matchAll(new RegExp(DATE + RANGE_END, 'g'))) {
        // 元旦 dates written as "12月31日" without a year belong to the December before the notice year.
        const startYear = m[1]
          ? Number(m[1])
          : Number(m[2]) === 12 && name.includes('元旦')
            ? year - 1
            : year;
        const start = civil(startYear, Number(m[2]), Number(m[3]));
        if (!start) continue;
        checkWeekday(start, m[4]);
        let end = start;
        if (m[7]) {
          const endMonth = m[6] ? Number(m[6]) : Number(m[2]);
          let endYear = m[5] ? Number(m[5]) : startYear;
          if (!m[5] && endMonth < Number(m[2])) endYear++; // 12月31日至1月2日
          end = civil(endYear, endMonth, Number(m[7])) ?? start;
          checkWeekday(end, m[8]);
        }
        if (end < start) {
          warnings.push(`${start} 至 ${end} 区间倒置 (reversed range ignored)`);
          continue;
        }
        for (let date = start; date <= end; date = addDays(date, 1)) {
          add(date, kind, name);
          if (kind === 'holiday') holidays++;
        }
      }
    }
    if (holidays === 0) continue; // e.g. a closing remark that happens to be numbered
    items++;
    if (declared !== undefined && declared !== holidays) {
      warnings.push(
        `${name}：通知写共${declared}天，解析出${holidays}天 (declared ${declared} days, found ${holidays})`,
      );
    }
  }
  if (items === 0) {
    throw new AppError('UNPROCESSABLE', '通知中没有找到放假安排条目 (no holiday items found in the notice)');
  }
  const entries = [...byDate.values()].sort((a, b) => civilToUtcMs(a.date) - civilToUtcMs(b.date));
  return { year, entries, warnings };
}
