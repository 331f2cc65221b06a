/**
 * Finds the plan inside the text it came in: after the notice that issued it and a web page's
 * header, before a footer or a signature. Field labels anchor the search: a marker ends the
 * preamble only if no field label comes before it, and ends the plan only if none comes after
 * it, so a footer-like line in the middle of a plan never cuts tasks away.
 */
import {
  findTitle,
  isAttachmentMarker,
  isFooterLine,
  isSignatureDate,
  signatureStart,
} from './boilerplate.ts';
import { parseSectionHeading, parseTaskNumber, type TaskNumberStyle } from './classify-line.ts';
import { hasFieldLabel } from './split-task-block.ts';

export interface PlanLocation {
  title: string | null;
  /** The plan's lines: from its first heading or task to its end, boilerplate excluded. */
  start: number;
  end: number;
}

function firstIndex(lines: readonly string[], from: number, test: (line: string) => boolean): number {
  for (let i = Math.max(0, from); i < lines.length; i++) if (test(lines[i] ?? '')) return i;
  return -1;
}

/**
 * Locates the plan's title and lines. The title is looked for before the first task (after the
 * issuing notice's signature or an `附件` line when the notice has numbered items of its own);
 * the plan starts at the first heading or task after the title, and ends at the first footer,
 * signature or next attachment after the last field label.
 */
export function locatePlan(lines: readonly string[], style: TaskNumberStyle): PlanLocation {
  const isTask = (line: string): boolean => parseTaskNumber(line, style) !== null;
  // Two lines at a time, so that a label wrapped across them still counts.
  const labelAt = lines.map((line, i) => hasFieldLabel(line + (lines[i + 1] ?? '')));
  const firstLabel = labelAt.indexOf(true);
  const lastLabel = labelAt.lastIndexOf(true);

  let from = 0;
  const preambleLimit = firstLabel === -1 ? lines.length : firstLabel;
  for (let i = 0; i < preambleLimit; i++) {
    const marker = isAttachmentMarker(lines[i] ?? '') || isSignatureDate(lines, i);
    if (marker && firstIndex(lines, i + 1, isTask) !== -1) from = i + 1;
  }
  const firstTask = firstIndex(lines, from, isTask);
  const { title, lastLine } = findTitle(lines.slice(from, firstTask === -1 ? lines.length : firstTask));
  const start = firstIndex(
    lines,
    lastLine === -1 ? from : from + lastLine + 1,
    (line) => isTask(line) || parseSectionHeading(line) !== null,
  );
  if (start === -1) return { title, start: lines.length, end: lines.length };

  let end = lines.length;
  for (let i = Math.max(start, firstTask, lastLabel + 1); i < lines.length; i++) {
    // `附件2` after the plan starts another attachment (a form, a table), not more of this plan.
    if (isFooterLine(lines[i] ?? '') || isAttachmentMarker(lines[i] ?? '')) {
      end = i;
      break;
    }
    if (i > start && isSignatureDate(lines, i)) {
      end = Math.max(start + 1, signatureStart(lines, i));
      break;
    }
  }
  return { title, start, end };
}
