/**
 * Unit lists (牵头单位 / 协办单位 / 责任单位 values): splitting them into unit names and telling
 * whether a piece of text looks like a unit name at all.
 */
import { canonicalUnitName } from './normalize-text.ts';

// A space separates units only where normalizeLine kept it: between two words of Chinese.
const SEPARATORS = new Set(['、', '，', ',', '；', ';', '/', '／', ' ']);
const OPEN = new Set(['(', '（', '[', '【']);
const CLOSE = new Set([')', '）', ']', '】']);

/** How many brackets are left open at the end of `text` (negative: more closed than opened). */
export function bracketDepth(text: string): number {
  let depth = 0;
  for (const ch of text) {
    if (OPEN.has(ch)) depth += 1;
    else if (CLOSE.has(ch)) depth -= 1;
  }
  return depth;
}

/** True when `ch` separates two units in a list. */
export function isUnitSeparator(ch: string): boolean {
  return SEPARATORS.has(ch);
}

/**
 * Splits a unit list at separators outside brackets, as written: no clean-up, empty pieces
 * dropped. Line breaks are joined first: a name wrapped across lines is still one name.
 */
export function unitPieces(value: string): string[] {
  const pieces: string[] = [];
  let current = '';
  let depth = 0;
  for (const ch of value.replace(/\s*\n\s*/g, '')) {
    if (OPEN.has(ch)) depth += 1;
    else if (CLOSE.has(ch)) depth = Math.max(0, depth - 1);
    if (depth === 0 && isUnitSeparator(ch)) {
      pieces.push(current);
      current = '';
    } else {
      current += ch;
    }
  }
  pieces.push(current);
  return pieces.filter((piece) => piece.trim() !== '');
}

/**
 * Splits a unit list into canonical unit names, in order, without duplicates. Separators inside
 * brackets do not split (`区民政局(区委社会工委)`), and a name wrapped across lines
 * (`区民政局(区委社会工\n委)`) stays one name. A trailing 等 and list punctuation are dropped.
 */
export function splitUnits(value: string): string[] {
  const units: string[] = [];
  for (const piece of unitPieces(value)) {
    const name = canonicalUnitName(piece)
      .replace(/[。.:：]+$/, '')
      .replace(/等$/, '');
    if (name !== '' && !units.includes(name)) units.push(name);
  }
  return units;
}

/** How unit names end: a department, office, committee, level of government, or a collective. */
const UNIT_ENDING =
  /(局|委|办|部|室|院|会|所|站|队|处|科|厅|署|中心|街道|乡|镇|区|县|市|省|村|居|社区|门|单位|政府|公司|集团|银行|组|团|馆|校|联|协|班|社|台|报|行|企业|机构|党组|党委|网格|平台|专班)$/;

const TRAILING_NOTE = /\(([^()]*)\)$/;

/**
 * True when `text` reads as one unit name: short, no sentence punctuation, and ending the way
 * Chinese unit names end. Used to tell a wrapped unit list from prose after it. A bracketed
 * note after the name counts when it is short (`(牵头)`, `(乡镇)`) or itself a unit
 * (`(区委社会工委)`); a bracketed sentence is a remark, not part of a unit.
 */
export function looksLikeUnitName(text: string): boolean {
  let name = canonicalUnitName(text).replace(/等$/, '');
  for (let note = TRAILING_NOTE.exec(name); note; note = TRAILING_NOTE.exec(name)) {
    const inner = note[1] ?? '';
    if (inner.length > 4 && !looksLikeUnitName(inner)) return false;
    name = name.slice(0, note.index);
  }
  if (name === '' || name.length > 30 || /[。！？!?:：“”"()]/.test(name)) return false;
  return UNIT_ENDING.test(name);
}

/** Marks a unit the plan flags as the lead inside a 责任单位 list: `区委组织部(牵头)`. */
const LEAD_NOTE = /\((牵头|牵头单位|总牵头)\)$/;

/**
 * Separates units flagged `(牵头)` from the rest of a 责任单位 list; the flag is removed from the
 * name. Plans without 牵头单位 lines often mark the lead this way.
 */
export function splitLeadNotes(units: readonly string[]): { flagged: string[]; rest: string[] } {
  const flagged: string[] = [];
  const rest: string[] = [];
  for (const unit of units) {
    if (LEAD_NOTE.test(unit)) flagged.push(unit.replace(LEAD_NOTE, ''));
    else rest.push(unit);
  }
  return { flagged, rest };
}
