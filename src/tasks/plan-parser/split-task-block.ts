/**
 * Splits one task's lines into its content and its fields (牵头单位 / 协办单位 / 责任单位 /
 * 完成时间), written either on lines of their own or inline in brackets after the content.
 *
 * The lines are joined before labels are looked for, so a label or a value wrapped anywhere
 * (`完成时\n间:`, `区民政局(区委社会工\n委)`) reads as if it were on one line. Line breaks
 * matter only after the last field: there they decide whether the next line continues it.
 */
import { looksLikeDeadlineText } from './parse-deadline.ts';
import { bracketDepth, isUnitSeparator, looksLikeUnitName, unitPieces } from './split-units.ts';

/** `responsible` is 责任单位: lead or co depending on whether the task names a 牵头单位. */
export type FieldKind = 'lead' | 'co' | 'responsible' | 'deadline';

const LABELS: Readonly<Record<FieldKind, readonly string[]>> = {
  lead: ['牵头单位', '牵头部门', '主责单位', '主责部门', '牵头'],
  co: ['协办单位', '协办部门', '配合单位', '配合部门', '参与单位', '协同单位', '协助单位'],
  responsible: ['责任单位', '责任部门', '责任主体'],
  deadline: ['完成时间节点', '完成时间', '完成时限', '完成期限', '时间节点', '时限要求'],
};

const KIND_OF_LABEL = new Map<string, FieldKind>(
  (Object.entries(LABELS) as Array<[FieldKind, readonly string[]]>).flatMap(([kind, names]) =>
    names.map((name): [string, FieldKind] => [name, kind]),
  ),
);
// Longest first: the regex takes the first alternative that matches, and 牵头 is a prefix of 牵头单位.
const ALTERNATIVES = [...KIND_OF_LABEL.keys()].sort((a, b) => b.length - a.length).join('|');
// A label needs its colon (or brackets), so prose such as 各责任单位要… is never read as a field.
const LABEL_SOURCE = `(?<!各)(?:【(${ALTERNATIVES})】\\s*[:：]?|\\[(${ALTERNATIVES})\\]\\s*[:：]?|(${ALTERNATIVES})\\s*[:：])`;
const LABEL = new RegExp(LABEL_SOURCE);
const LABELS_ALL = new RegExp(LABEL_SOURCE, 'g');

export interface TaskField {
  kind: FieldKind;
  /** The raw value, line breaks already joined; list punctuation around it removed. */
  value: string;
}

export interface TaskBlockParts {
  content: string;
  fields: TaskField[];
  /** Text after the fields that does not belong to them (a note, or prose after the plan). */
  trailing: string;
}

interface LabelAt {
  kind: FieldKind;
  start: number;
  end: number;
}

/** True when a string contains a field label. */
export function hasFieldLabel(text: string): boolean {
  return LABEL.test(text);
}

function findLabels(text: string): LabelAt[] {
  const found: LabelAt[] = [];
  for (const m of text.matchAll(LABELS_ALL)) {
    const name = m[1] ?? m[2] ?? m[3] ?? '';
    const kind = KIND_OF_LABEL.get(name);
    if (kind !== undefined) found.push({ kind, start: m.index, end: m.index + m[0].length });
  }
  return found;
}

/** Offset of the first closing bracket that closes something opened before `text`, or -1. */
function unbalancedCloseAt(text: string): number {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const d = bracketDepth(text[i] ?? '');
    depth += d;
    if (depth < 0) return i;
  }
  return -1;
}

const HARD_STOP = /[:：。！？!?]/;

/** A deadline goes on with a short date-like line, or a tail of a word cut by the wrap (`持续推` + `进`). */
function continuesDeadline(value: string, line: string): boolean {
  if (bracketDepth(value) > 0) return true;
  return !HARD_STOP.test(line) && line.length <= 12 && (looksLikeDeadlineText(line) || line.length <= 3);
}

/** The part of a unit list after its last separator outside brackets: the unit a wrap may have cut. */
function lastUnitOf(value: string): string {
  let lastSeparator = -1;
  let depth = 0;
  for (let i = 0; i < value.length; i++) {
    const ch = value[i] ?? '';
    depth += bracketDepth(ch);
    if (depth === 0 && isUnitSeparator(ch)) lastSeparator = i;
  }
  return value.slice(lastSeparator + 1);
}

/**
 * How many of `lines` continue the last field, whose value on its own line is `value`. A
 * deadline goes on line by line while lines read as dates. A unit list goes on as far as the
 * joined text still splits into unit names — looking past a line that ends mid-name
 * (`区政府办` / `公室、各相关部门、各` / `街道`) — and never past a colon or a full stop outside
 * brackets: prose, a footer or a remark after the list is not part of it.
 */
export function fieldLineCount(kind: FieldKind, value: string, lines: readonly string[]): number {
  if (kind === 'deadline') {
    let count = 0;
    let joined = value;
    for (const line of lines) {
      if (!continuesDeadline(joined, line)) break;
      joined += line;
      count += 1;
    }
    return count;
  }
  const tail = lastUnitOf(value);
  // A first line starting with a separator leaves the cut-off unit as it was, so it is not re-judged.
  const tailIsWhole = tail !== '' && isUnitSeparator(lines[0]?.[0] ?? '');
  let joined = tail;
  let best = 0;
  for (let k = 0; k < lines.length; k++) {
    const line = lines[k] ?? '';
    if (bracketDepth(joined) <= 0 && HARD_STOP.test(line)) break;
    joined += line;
    const pieces = unitPieces(joined);
    if ((tailIsWhole ? pieces.slice(1) : pieces).every(looksLikeUnitName)) best = k + 1;
  }
  return best;
}

const tidyValue = (value: string): string => value.replace(/^[\s;；,，、]+|[\s;；,，、。]+$/g, '');

/**
 * Splits a task's lines (its first line without the task number) into content, fields and any
 * trailing text. Nothing is dropped: whatever is neither content nor a field value is returned
 * in `trailing` for the caller to place.
 */
export function splitTaskBlock(lines: readonly string[]): TaskBlockParts {
  let text = '';
  const breaks: number[] = [];
  for (const line of lines) {
    if (text !== '') breaks.push(text.length);
    text += line;
  }
  const labels = findLabels(text);
  const first = labels[0];
  if (first === undefined) return { content: text.trim(), fields: [], trailing: '' };

  // An opening bracket right before the first label starts an inline group: (牵头单位:…;…).
  const content = text
    .slice(0, first.start)
    .replace(/[(（]\s*$/, '')
    .trim();
  const fields: TaskField[] = [];
  const extra: string[] = [];
  labels.forEach((label, index) => {
    const next = labels[index + 1];
    let value = text.slice(label.end, next ? next.start : text.length);
    let rest = '';
    const close = unbalancedCloseAt(value);
    if (close !== -1) {
      rest = value.slice(close + 1);
      value = value.slice(0, close);
    } else if (!next) {
      const after = breaks.filter((b) => b > label.end);
      const lineTexts = after.map((b, k) => text.slice(b, after[k + 1] ?? text.length));
      const kept = fieldLineCount(label.kind, text.slice(label.end, after[0] ?? text.length), lineTexts);
      const cut = after[kept];
      if (cut !== undefined) {
        rest = text.slice(cut);
        value = text.slice(label.end, cut);
      }
    }
    // What follows an inline group up to the next group's bracket is text, not a value.
    if (next) rest = rest.replace(/[(（]\s*$/, '');
    if (rest.trim() !== '') extra.push(rest);
    fields.push({ kind: label.kind, value: tidyValue(value) });
  });
  const trailing = extra
    .join('')
    .replace(/^[\s)）;；,，、。]+/, '')
    .trim();
  return { content, fields, trailing };
}
