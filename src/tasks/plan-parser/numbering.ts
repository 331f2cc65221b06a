/**
 * Checks task numbering. Numbers are never corrected: the plan's own numbers are what people
 * cite, so gaps, duplicates and disorder are reported for a person to check.
 */

export interface NumberedTask {
  no: number;
  section: string | null;
  /** Index of the section heading the task falls under (distinct headings with the same text differ). */
  sectionIndex: number;
}

function formatRanges(missing: readonly number[]): string {
  const parts: string[] = [];
  let i = 0;
  while (i < missing.length) {
    let j = i;
    while (j + 1 < missing.length && (missing[j + 1] ?? 0) === (missing[j] ?? 0) + 1) j++;
    parts.push(i === j ? String(missing[i]) : `${missing[i]}–${missing[j]}`);
    i = j + 1;
  }
  return parts.join(', ');
}

function checkSequence(nos: readonly number[], where: string): string[] {
  const warnings: string[] = [];
  const counts = new Map<number, number>();
  let previous: number | null = null;
  for (const no of nos) {
    const seen = counts.get(no) ?? 0;
    counts.set(no, seen + 1);
    if (seen === 1) warnings.push(`${where}任务编号重复：${no} (duplicate task number: ${no})`);
    else if (seen === 0 && previous !== null && no < previous) {
      warnings.push(
        `${where}任务编号顺序颠倒：${no} 出现在 ${previous} 之后 (task number ${no} out of order, after ${previous})`,
      );
    }
    previous = no;
  }
  const max = Math.max(...nos);
  const missing: number[] = [];
  for (let n = 1; n <= max; n++) if (!counts.has(n)) missing.push(n);
  if (missing.length > 0) {
    const ranges = formatRanges(missing);
    warnings.push(`${where}任务编号不连续：缺少 ${ranges} (numbering gap: ${ranges} missing)`);
  }
  return warnings;
}

/**
 * Warnings about the numbering of `tasks` (in document order). Numbering runs through the whole
 * plan, unless every section with tasks restarts at 1 — some plans number each section anew —
 * in which case each section is checked on its own.
 */
export function checkNumbering(tasks: readonly NumberedTask[]): string[] {
  if (tasks.length === 0) return [];
  const bySection = new Map<number, NumberedTask[]>();
  for (const task of tasks) {
    const group = bySection.get(task.sectionIndex) ?? [];
    group.push(task);
    bySection.set(task.sectionIndex, group);
  }
  const groups = [...bySection.values()];
  const restartsPerSection = groups.length >= 2 && groups.every((group) => group[0]?.no === 1);
  if (!restartsPerSection)
    return checkSequence(
      tasks.map((t) => t.no),
      '',
    );
  return groups.flatMap((group) =>
    checkSequence(
      group.map((t) => t.no),
      `「${group[0]?.section ?? ''}」`,
    ),
  );
}
