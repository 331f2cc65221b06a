/**
 * Reads a task's 完成时间 into an ISO day or month. A phrase naming the end of a period
 * (2020年底前, 上半年, 三季度, 6月底) becomes that period's last day; a bare month stays a month.
 */
import { chineseNumberToInt } from './classify-line.ts';
import { halfWidthAlnum } from './normalize-text.ts';

export type DeadlineReading =
  | { kind: 'dated'; deadline: string }
  /** ongoing: 长期坚持, 持续推进 … — a task with no date to miss, not a reading failure. */
  | { kind: 'ongoing' | 'empty' | 'unrecognized'; deadline: null };

interface Found {
  /** What the task gets: YYYY-MM or YYYY-MM-DD. */
  value: string;
  /** The last day the value covers, to compare a month with a day. */
  end: string;
}

const pad = (n: number): string => String(n).padStart(2, '0');

function lastDayOfMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function validMonth(month: number): boolean {
  return Number.isInteger(month) && month >= 1 && month <= 12;
}

function day(year: number, month: number, d: number): Found | null {
  if (!validMonth(month) || d < 1 || d > lastDayOfMonth(year, month)) return null;
  const value = `${year}-${pad(month)}-${pad(d)}`;
  return { value, end: value };
}

function month(year: number, m: number): Found | null {
  if (!validMonth(m)) return null;
  return { value: `${year}-${pad(m)}`, end: `${year}-${pad(m)}-${pad(lastDayOfMonth(year, m))}` };
}

const QUARTER: Readonly<Record<string, number>> = {
  一: 1,
  二: 2,
  三: 3,
  四: 4,
  '1': 1,
  '2': 2,
  '3': 3,
  '4': 4,
};

/** Phrases after `M月` that name a day in that month. */
function dayInMonth(year: number, m: number, tail: string): Found | null {
  if (!validMonth(m)) return null;
  const last = lastDayOfMonth(year, m);
  if (tail === '上旬') return day(year, m, 10);
  if (tail === '中旬') return day(year, m, 20);
  return day(year, m, last);
}

/** Phrases after `YYYY年` (or a bare 年 that inherits the year mentioned before it). */
function inYear(year: number, tail: string): Found | null {
  if (/^(上半年|年中|半年)/.test(tail)) return day(year, 6, 30);
  const quarter = /^第?([一二三四1-4])季度/.exec(tail);
  if (quarter) {
    const q = QUARTER[quarter[1] ?? ''] ?? 4;
    return day(year, q * 3, lastDayOfMonth(year, q * 3));
  }
  return day(year, 12, 31);
}

/**
 * One kind of date expression, matched at the start of the remaining text. `read` gets the year
 * of the last expression seen (for `12月底`, `年底前` after an explicit year) and returns the
 * date (null when impossible, e.g. 13月) and the year to remember; a matcher that needs a year
 * is not tried before one was seen.
 */
interface Matcher {
  re: RegExp;
  needsYear: boolean;
  read: (m: RegExpExecArray, lastYear: number) => { found: Found | null; year: number } | 'skip';
}

const num = (m: RegExpExecArray, i: number): number => Number(m[i]);

const MATCHERS: readonly Matcher[] = [
  // `2020—2022年`, `2020年至2022年`: the first year only opens the range.
  { re: /^(\d{4})年?[-—–~～至到](?=\d{4}年)/, needsYear: false, read: () => 'skip' },
  {
    re: /^(\d{4})年(\d{1,2})月(\d{1,2})[日号]/,
    needsYear: false,
    read: (m) => ({ found: day(num(m, 1), num(m, 2), num(m, 3)), year: num(m, 1) }),
  },
  {
    re: /^(\d{4})[-./](\d{1,2})[-./](\d{1,2})(?!\d)/,
    needsYear: false,
    read: (m) => ({ found: day(num(m, 1), num(m, 2), num(m, 3)), year: num(m, 1) }),
  },
  {
    re: /^(\d{4})年(\d{1,2})月份?(底|末|上旬|中旬|下旬)?/,
    needsYear: false,
    read: (m) => ({
      found: m[3] ? dayInMonth(num(m, 1), num(m, 2), m[3]) : month(num(m, 1), num(m, 2)),
      year: num(m, 1),
    }),
  },
  {
    re: /^(\d{4})[-./](\d{1,2})(?![\d-./])/,
    needsYear: false,
    read: (m) => ({ found: month(num(m, 1), num(m, 2)), year: num(m, 1) }),
  },
  {
    re: /^(\d{4})年(第?[一二三四1-4]季度|上半年|下半年|年中|半年)?(?!\d)/,
    needsYear: false,
    read: (m) => ({ found: inYear(num(m, 1), m[2] ?? ''), year: num(m, 1) }),
  },
  {
    re: /^(\d{1,2})月(\d{1,2})[日号]/,
    needsYear: true,
    read: (m, year) => ({ found: day(year, num(m, 1), num(m, 2)), year }),
  },
  {
    re: /^(\d{1,2})月份?(底|末|上旬|中旬|下旬)?/,
    needsYear: true,
    read: (m, year) => ({ found: m[2] ? dayInMonth(year, num(m, 1), m[2]) : month(year, num(m, 1)), year }),
  },
  {
    re: /^(年底|年末|年内|上半年|下半年|年中|第?[一二三四]季度)/,
    needsYear: true,
    read: (m, year) => ({ found: inYear(year, m[1] ?? ''), year }),
  },
];

/** Chinese numerals before 年/月/日 (二〇二〇年, 十二月, 三十日) become digits. */
function arabicNumerals(text: string): string {
  return text.replace(/[〇零一二两三四五六七八九十]+(?=[年月日号])/g, (cn) => {
    const value = chineseNumberToInt(cn);
    return value === null ? cn : String(value);
  });
}

/** Every dated expression in `text`, left to right; a month or 年底 without a year takes the last year seen. */
function findDates(text: string): { found: Found[]; invalid: boolean } {
  const found: Found[] = [];
  let invalid = false;
  let lastYear: number | null = null;
  let i = 0;
  while (i < text.length) {
    const at = text.slice(i);
    // Inside a longer number (`12345`) nothing starts.
    const inNumber = i > 0 && /\d/.test(text[i - 1] ?? '');
    let consumed = 1;
    for (const matcher of inNumber ? [] : MATCHERS) {
      if (matcher.needsYear && lastYear === null) continue;
      const m = matcher.re.exec(at);
      if (!m) continue;
      consumed = m[0].length;
      const reading = matcher.read(m, lastYear ?? 0);
      if (reading !== 'skip') {
        lastYear = reading.year;
        // `2020年起每年开展` names when a recurring task starts, not when it is due.
        const isStart = /^(起|开始|以来)/.test(text.slice(i + consumed));
        if (reading.found === null) invalid = true;
        else if (!isStart) found.push(reading.found);
      }
      break;
    }
    i += consumed;
  }
  return { found, invalid };
}

const ONGOING =
  /(长期|持续|常态|长效|经常性|逐年|逐步|每年|每半年|每季度?|每月|定期|适时|滚动|分阶段|分步|按年度|按季度|按月)/;

/**
 * Reads a 完成时间 / 完成时限 / 时间节点 value. When it names several dates (启动 … 完成 …) the
 * latest one is the deadline. Without any date, an ongoing phrase (长期坚持, 持续推进) reads as
 * `ongoing`; anything else, or an impossible date (2021年13月), as `unrecognized`.
 */
export function parseDeadline(text: string): DeadlineReading {
  const compact = arabicNumerals(halfWidthAlnum(text).replace(/\s+/g, ''));
  if (compact === '') return { kind: 'empty', deadline: null };
  const { found, invalid } = findDates(compact);
  let latest: Found | null = null;
  for (const f of found) {
    if (
      latest === null ||
      f.end > latest.end ||
      (f.end === latest.end && f.value.length > latest.value.length)
    ) {
      latest = f;
    }
  }
  if (latest) return { kind: 'dated', deadline: latest.value };
  if (!invalid && ONGOING.test(compact)) return { kind: 'ongoing', deadline: null };
  return { kind: 'unrecognized', deadline: null };
}

/** True when a short line could be the rest of a deadline wrapped onto a new line (`底前`, `6月30日`). */
export function looksLikeDeadlineText(text: string): boolean {
  return /[\d年月日号底末前内季旬]|长期|持续|常态|推进|坚持/.test(text);
}
