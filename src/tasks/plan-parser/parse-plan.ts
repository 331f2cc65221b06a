/**
 * Parses the plain text of a task-decomposition plan (任务分解方案) into its numbered tasks.
 * Pure: no I/O, the same text always gives the same result.
 */
import {
  detectTaskNumberStyle,
  parseSectionHeading,
  parseTaskNumber,
  type SectionHeading,
  type TaskNumberStyle,
} from './classify-line.ts';
import { locatePlan } from './locate-plan.ts';
import type { ParsedPlan, PlanTask } from './model.ts';
import { toCleanLines } from './normalize-text.ts';
import { checkNumbering, type NumberedTask } from './numbering.ts';
import { parseDeadline } from './parse-deadline.ts';
import { hasFieldLabel, splitTaskBlock, type TaskField } from './split-task-block.ts';
import { splitLeadNotes, splitUnits } from './split-units.ts';

interface Block extends NumberedTask {
  lines: string[];
}

/** A line that ends a sentence or a bracket: what comes next may start a task or a section. */
const ENDS_SENTENCE = /[。；;！!？?)）」”"]$/;

const excerpt = (text: string): string => (text.length > 30 ? `${text.slice(0, 30)}…` : text);

/**
 * Groups the plan's lines into task blocks under their sections. A line that looks like a task
 * number or a heading only starts one where a new item can start (after a full stop, a field
 * or a heading) or when it carries the next expected number: `3、4号楼` wrapped onto a new line
 * mid-sentence stays text.
 */
function collectBlocks(lines: readonly string[], style: TaskNumberStyle): Block[] {
  const blocks: Block[] = [];
  let current: Block | null = null;
  let section: string | null = null;
  let sectionIndex = -1;
  let lastHeading: Partial<Record<SectionHeading['level'], number>> = {};
  let previous = '';
  let previousWasHeading = true;
  for (const line of lines) {
    const atBoundary =
      previousWasHeading ||
      ENDS_SENTENCE.test(previous) ||
      (current !== null && hasFieldLabel(current.lines.join('')));
    const heading = parseSectionHeading(line);
    const lastNo = current?.no ?? 0;
    const task = parseTaskNumber(line, style);
    if (heading && (atBoundary || heading.ordinal === (lastHeading[heading.level] ?? 0) + 1)) {
      current = null;
      section = heading.text;
      sectionIndex += 1;
      lastHeading = heading.level === 1 ? { 1: heading.ordinal } : { ...lastHeading, 2: heading.ordinal };
      previousWasHeading = true;
    } else if (task && (atBoundary || task.no === lastNo + 1)) {
      current = { no: task.no, section, sectionIndex, lines: [task.rest] };
      blocks.push(current);
      previousWasHeading = false;
    } else {
      // Text under a heading before its first task is the section's introduction, not a task.
      current?.lines.push(line);
      previousWasHeading = false;
    }
    previous = line;
  }
  return blocks;
}

function unitsOf(fields: readonly TaskField[], kind: TaskField['kind']): string[] {
  const units: string[] = [];
  for (const field of fields) {
    if (field.kind !== kind) continue;
    for (const unit of splitUnits(field.value)) if (!units.includes(unit)) units.push(unit);
  }
  return units;
}

/**
 * 责任单位 are the co-units when a 牵头单位 is named, otherwise the lead units. A unit flagged
 * (牵头) in any list leads; when 责任单位 flags some, the unflagged ones are co-units.
 */
function assignUnits(fields: readonly TaskField[]): { lead: string[]; co: string[] } {
  const named = splitLeadNotes(unitsOf(fields, 'lead'));
  const responsible = splitLeadNotes(unitsOf(fields, 'responsible'));
  const co = splitLeadNotes(unitsOf(fields, 'co'));
  const flagged = [...named.flagged, ...named.rest, ...responsible.flagged, ...co.flagged];
  const responsibleLead = flagged.length === 0;
  const lead = responsibleLead ? responsible.rest : flagged;
  const others = responsibleLead ? co.rest : [...responsible.rest, ...co.rest];
  return { lead: [...new Set(lead)], co: [...new Set(others)].filter((unit) => !lead.includes(unit)) };
}

function toTask(block: Block, isLast: boolean, warnings: string[]): PlanTask {
  const { no } = block;
  const parts = splitTaskBlock(block.lines);
  let content = parts.content;
  if (parts.trailing !== '') {
    if (isLast) {
      warnings.push(
        `最后一项任务之后的文字未计入任务：「${excerpt(parts.trailing)}」 (text after the last task ignored)`,
      );
    } else {
      content += parts.trailing;
      warnings.push(
        `第 ${no} 项任务的单位或时间之后还有文字，已并入任务内容：「${excerpt(parts.trailing)}」 (task ${no}: text after its fields added to its content)`,
      );
    }
  }
  if (content === '') warnings.push(`第 ${no} 项任务没有内容 (task ${no}: no content)`);
  const { lead, co } = assignUnits(parts.fields);
  if (lead.length === 0) warnings.push(`第 ${no} 项任务没有牵头单位 (task ${no}: no lead unit)`);
  const deadlineText = parts.fields
    .filter((field) => field.kind === 'deadline')
    .map((field) => field.value)
    .join('；');
  const reading = parseDeadline(deadlineText);
  if (reading.kind === 'unrecognized') {
    warnings.push(
      `第 ${no} 项任务的完成时间无法识别：「${excerpt(deadlineText)}」 (task ${no}: deadline not understood)`,
    );
  }
  return { no, section: block.section, content, lead, co, deadline: reading.deadline };
}

/**
 * Parses a task-decomposition plan's text: its title, each numbered task with its section,
 * content, lead units, co-units and deadline, and warnings for a person to check. Every
 * numbered task in the text is returned, in order, with the number the plan gives it; nothing
 * is invented or renumbered.
 *
 * @param text the plan as plain text (web-page boilerplate, page-number lines and wrapped lines allowed)
 */
export function parsePlan(text: string): ParsedPlan {
  const lines = toCleanLines(text);
  const style = detectTaskNumberStyle(lines);
  const { title, start, end } = locatePlan(lines, style);
  const warnings: string[] = [];
  if (title === null) warnings.push('未找到方案标题 (no title found)');
  const body = lines.slice(start, end);
  const blocks = collectBlocks(body, style);
  if (blocks.length === 0) warnings.push('未找到编号任务 (no numbered tasks found)');
  warnings.push(...checkNumbering(blocks));
  const tasks = blocks.map((block, index) => toTask(block, index === blocks.length - 1, warnings));
  return { title, tasks, warnings };
}
