/**
 * Character- and line-level clean-up of a plan's text before any structure is read: widths,
 * stray spaces, page numbers. Punctuation inside the text is kept as the plan wrote it (the
 * patterns downstream accept both widths), except in unit names (see `canonicalUnitName`).
 */

/** Ideographs, CJK punctuation and full-width forms. */
const CJK_CLASS =
  '\\u2e80-\\u9fff\\uf900-\\ufaff\\ufe30-\\ufe4f\\uff00-\\uffef\\u2014\\u2018\\u2019\\u201c\\u201d\\u2026\\u00b7';
const INVISIBLE = /[\u200b-\u200d\u2060\ufeff\u00ad]/g;
const ODD_SPACE = /[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\t\f\v]/g;
const FULL_WIDTH_ALNUM = /[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]/g;

/** Full-width digits and Latin letters (０-９, Ａ-Ｚ) become ASCII so numbers and dates read alike. */
export function halfWidthAlnum(text: string): string {
  return text.replace(FULL_WIDTH_ALNUM, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0));
}

const CJK_CHAR = new RegExp(`[${CJK_CLASS}]`);
const HAN_RUN_END = /[\u3400-\u9fff]+$/;
const HAN_RUN_START = /^[\u3400-\u9fff]+/;

/**
 * Whether the space between two tokens is noise. PDF and Word exports space out Chinese text at
 * random (`2020 年底前`, `牵 头 单 位 ：`), and Chinese never needs a space beside a Chinese
 * character — except between two words of two or more characters, where tables and web pages
 * use it to separate units (`区委组织部　区民政局`).
 */
function spaceIsNoise(before: string, after: string): boolean {
  if (!CJK_CHAR.test(before.at(-1) ?? '') && !CJK_CHAR.test(after[0] ?? '')) return false;
  const left = HAN_RUN_END.exec(before)?.[0].length ?? 0;
  const right = HAN_RUN_START.exec(after)?.[0].length ?? 0;
  return left < 2 || right < 2;
}

/**
 * Normalizes one physical line: invisible characters out, full-width digits and letters to
 * ASCII, runs of spaces to one, and spaces beside Chinese characters removed where they are noise.
 */
export function normalizeLine(line: string): string {
  const tokens = halfWidthAlnum(line.replace(INVISIBLE, '').replace(ODD_SPACE, ' ')).trim().split(/ +/);
  let out = tokens[0] ?? '';
  for (let i = 1; i < tokens.length; i++) {
    const token = tokens[i] ?? '';
    out += spaceIsNoise(tokens[i - 1] ?? '', token) ? token : ` ${token}`;
  }
  return out;
}

const DASHES = '\\-\\u2010-\\u2015\\u2212\\uff0d\\u2500\\ufe58\\ufe63~\\u00b7\\u2022';
const PAGE_NUMBER_LINES: readonly RegExp[] = [
  // — — — 3 —, - 3 -, —3—, ·3·, and a bare 3: the page footers of printed documents.
  new RegExp(`^[${DASHES}\\s]*\\d{1,3}[${DASHES}\\s]*$`),
  /^第\d{1,3}页([,，]?共\d{1,3}页)?$/,
  /^\d{1,3}\/\d{1,3}$/,
  /^page\s*\d{1,3}(\s*of\s*\d{1,3})?$/i,
];

/** True for a line that is only a page number in one of the usual print styles. */
export function isPageNumberLine(line: string): boolean {
  const compact = line.replace(/\s+/g, ' ').trim();
  return compact !== '' && PAGE_NUMBER_LINES.some((re) => re.test(compact));
}

/**
 * Splits a plan's text into normalized physical lines, dropping blank lines and page-number
 * lines. Blank lines carry no meaning: PDF extraction puts them at page breaks mid-sentence.
 */
export function toCleanLines(text: string): string[] {
  return text
    .split(/\r\n|\r|\n|\u2028|\u2029/)
    .map(normalizeLine)
    .filter((line) => line !== '' && !isPageNumberLine(line));
}

/**
 * The canonical spelling of a unit name: half-width parentheses, no spaces, so that
 * `区民政局（区委社会工委）` and `区民政局(区委社会工委)` resolve to the same department.
 */
export function canonicalUnitName(name: string): string {
  return halfWidthAlnum(name).replace(/\s+/g, '').replace(/（/g, '(').replace(/）/g, ')');
}
