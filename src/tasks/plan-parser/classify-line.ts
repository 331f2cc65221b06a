/**
 * Recognizes the lines that give a plan its structure: section headings (一、 and （一）) and
 * task numbers (1. 1． 1、, or （1） in a plan that numbers nothing else).
 */

const CN_DIGITS: Readonly<Record<string, number>> = {
  〇: 0,
  零: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};

/**
 * Reads a Chinese numeral below 100 (`三`, `十二`, `二十`, `九十九`) or a digit-by-digit one
 * (`二〇二〇`); null when it is not one.
 */
export function chineseNumberToInt(text: string): number | null {
  if (text === '' || !/^[〇零一二两三四五六七八九十]+$/.test(text)) return null;
  const tenAt = text.indexOf('十');
  if (tenAt === -1) {
    let value = 0;
    for (const ch of text) value = value * 10 + (CN_DIGITS[ch] ?? 0);
    return value;
  }
  if (text.indexOf('十', tenAt + 1) !== -1 || text.length > 3) return null;
  const tens = tenAt === 0 ? 1 : (CN_DIGITS[text.slice(0, tenAt)] ?? Number.NaN);
  const rest = text.slice(tenAt + 1);
  const ones = rest === '' ? 0 : (CN_DIGITS[rest] ?? Number.NaN);
  const value = tens * 10 + ones;
  return Number.isNaN(value) ? null : value;
}

export interface SectionHeading {
  /** 1 for `一、`, 2 for `（一）`. */
  level: 1 | 2;
  ordinal: number;
  /** The heading as written up to its first full stop or colon (a heading may run on into text). */
  text: string;
}

const LEVEL1 = /^([一二三四五六七八九十]{1,3})\s*[、.．]\s*(.*)$/;
const LEVEL2 = /^[(（]\s*([一二三四五六七八九十]{1,3})\s*[)）]\s*(.*)$/;

/**
 * Reads a section heading line, or null. `三、四季度…` is an enumeration wrapped onto a new line,
 * not a heading, so a heading's text may not start with another numeral.
 */
export function parseSectionHeading(line: string): SectionHeading | null {
  const m1 = LEVEL1.exec(line);
  const m2 = m1 ? null : LEVEL2.exec(line);
  const m = m1 ?? m2;
  if (!m) return null;
  const ordinal = chineseNumberToInt(m[1] ?? '');
  const rest = (m[2] ?? '').trim();
  if (ordinal === null || ordinal === 0 || rest === '' || /^[一二三四五六七八九十\d]/.test(rest)) return null;
  const stop = rest.search(/[。:：]/);
  const title = (stop === -1 ? rest : rest.slice(0, stop)).replace(/[，,；;、\s]+$/, '');
  if (title === '') return null;
  const marker = line.slice(0, line.length - rest.length).replace(/\s+/g, '');
  return { level: m1 ? 1 : 2, ordinal, text: marker + title };
}

/** `1.` `1．` `1、` (the usual), or `（1）` `(1)` for plans that number tasks only that way. */
export type TaskNumberStyle = 'dot' | 'paren';

export interface TaskNumber {
  no: number;
  /** The line after the number. */
  rest: string;
}

const DOT_NUMBER = /^(\d{1,3})\s*[.．、]\s*/;
const PAREN_NUMBER = /^[(（]\s*(\d{1,3})\s*[)）]\s*/;

/**
 * Reads the number at the start of a task line in the given style, or null. A number followed by
 * another digit (`2.5亿元`, `3、4号楼`) is text wrapped onto a new line, never a task number;
 * `rest` is empty when the number stands alone on its line.
 */
export function parseTaskNumber(line: string, style: TaskNumberStyle): TaskNumber | null {
  const m = (style === 'dot' ? DOT_NUMBER : PAREN_NUMBER).exec(line);
  if (!m) return null;
  const rest = line.slice(m[0].length);
  // A number alone on its line is kept: PDF extraction often puts it apart from the text.
  if (/^\d/.test(rest)) return null;
  return { no: Number(m[1]), rest };
}

/**
 * The numbering style of a plan's tasks: `1.` when any line starts that way, else `（1）` —
 * plans that number tasks `1.` use `（1）` for items inside a task.
 */
export function detectTaskNumberStyle(lines: readonly string[]): TaskNumberStyle {
  return lines.some((line) => parseTaskNumber(line, 'dot') !== null) ? 'dot' : 'paren';
}
