import { createHash } from 'node:crypto';
import { type AuditActor, appendAudit } from '../core/audit/append-audit.ts';
import type { Db } from '../core/db/connection.ts';
import { AppError } from '../core/errors.ts';
import { uuidv7 } from '../core/ids.ts';
import { ImportPlanInput } from './model.ts';
import type { PlanTask } from './plan-parser/model.ts';
import { parsePlan } from './plan-parser/parse-plan.ts';
import { createUnitResolver, nameKeyOf, type UnitResolution } from './resolve-units.ts';
import {
  findPlanBySource,
  insertPlan,
  insertTasks,
  insertTaskUnits,
  type NewTask,
  type NewTaskUnit,
} from './store.ts';
import { dueDateOf } from './task-status.ts';
import { districtRootPath, loadUnitDirectory } from './unit-directory.ts';

export interface ImportPlanOptions {
  db: Db;
  districtCode: string;
  input: ImportPlanInput;
  actor: AuditActor;
  requestId?: string | null;
}

/** A name no unit was found for: a person maps it once (see map-unit-name.ts). */
export interface UnmatchedName {
  name: string;
  /** The plan's numbers of the tasks that name it. */
  taskNos: number[];
  suggestions: { code: string; name: string }[];
}

export interface ImportPlanResult {
  planId: string;
  title: string;
  tasks: number;
  /** Task–unit links made (a collective name makes one per unit). */
  links: number;
  unmatched: UnmatchedName[];
  warnings: string[];
}

/**
 * Links one task's named units: lead names first, so a unit named as lead and swept into a
 * collective co-unit name (各相关部门) stays lead only. An unmatched or ignored name keeps one
 * link without a unit, so a later mapping can complete it.
 */
export function linkTaskUnits(
  task: PlanTask,
  resolve: (name: string) => UnitResolution,
): { role: 'lead' | 'co'; name: string; resolution: UnitResolution; units: UnitResolution['units'] }[] {
  const seen = new Set<string>();
  const links = [];
  for (const [role, names] of [
    ['lead', task.lead],
    ['co', task.co],
  ] as const) {
    for (const name of names) {
      const resolution = resolve(name);
      const units = resolution.units.filter((u) => !seen.has(u.id));
      for (const u of units) seen.add(u.id);
      links.push({ role, name, resolution, units });
    }
  }
  return links;
}

/**
 * Imports a plan's text: parses it, resolves every unit name against the district's departments
 * and streets (remembered mappings first), and stores the plan, its tasks and their unit links in
 * one transaction. The same text twice is refused (`PLAN_ALREADY_IMPORTED`).
 */
export async function importPlan(options: ImportPlanOptions): Promise<ImportPlanResult> {
  const input = ImportPlanInput.parse(options.input);
  const parsed = parsePlan(input.text);
  if (parsed.tasks.length === 0) {
    throw new AppError('PLAN_NO_TASKS', '方案中未找到编号任务，未导入 (no numbered tasks found)', {
      warnings: parsed.warnings,
    });
  }
  const sha = createHash('sha256').update(input.text).digest('hex');
  const { districtCode } = options;
  return options.db.transaction(async (tx) => {
    const existing = await findPlanBySource(tx, districtCode, sha);
    if (existing) {
      throw new AppError('PLAN_ALREADY_IMPORTED', `该方案已导入：${existing.title} (plan already imported)`, {
        planId: existing.id,
      });
    }
    const resolve = createUnitResolver(await loadUnitDirectory(tx, districtCode));
    const planId = uuidv7();
    const title = parsed.title ?? '未命名方案';
    const taskRows: NewTask[] = [];
    const unitRows: NewTaskUnit[] = [];
    const unmatched = new Map<string, UnmatchedName>();
    parsed.tasks.forEach((task, seq) => {
      const taskId = uuidv7();
      taskRows.push({
        id: taskId,
        districtCode,
        planId,
        seq,
        no: task.no,
        section: task.section,
        content: task.content,
        leadNames: task.lead,
        coNames: task.co,
        deadline: task.deadline,
        dueDate: dueDateOf(task.deadline),
      });
      // Steps of 1000 leave room for the units a later mapping puts in an unmatched name's place.
      let position = 0;
      for (const link of linkTaskUnits(task, resolve)) {
        const base = {
          districtCode,
          taskId,
          role: link.role,
          writtenName: link.name,
          nameKey: nameKeyOf(link.name),
        };
        const { match } = link.resolution;
        if (match === 'unmatched' || match === 'ignored') {
          unitRows.push({ ...base, id: uuidv7(), position: 1000 * position++, match });
          if (match === 'unmatched') noteUnmatched(unmatched, link.resolution, task.no);
          continue;
        }
        for (const u of link.units) {
          unitRows.push({
            ...base,
            id: uuidv7(),
            position: 1000 * position++,
            unitId: u.id,
            unitCode: u.code,
            unitName: u.shortName,
            unitPath: u.path,
            match,
          });
        }
      }
    });
    await insertPlan(tx, {
      id: planId,
      districtCode,
      title,
      sourceText: input.text,
      sourceSha256: sha,
      warnings: parsed.warnings,
      ownerPath: districtRootPath(districtCode),
      reportCadence: input.reportCadence,
      dueSoonDays: input.dueSoonDays,
      createdById: options.actor.id,
      createdByLabel: options.actor.label,
    });
    await insertTasks(tx, taskRows);
    await insertTaskUnits(tx, unitRows);
    const links = unitRows.filter((r) => r.unitId).length;
    const result: ImportPlanResult = {
      planId,
      title,
      tasks: taskRows.length,
      links,
      unmatched: [...unmatched.values()],
      warnings: parsed.warnings,
    };
    await appendAudit(tx, {
      districtCode,
      actor: options.actor,
      action: 'task_plan.import',
      targetType: 'task_plan',
      targetId: planId,
      details: {
        title,
        tasks: result.tasks,
        links,
        unmatched: result.unmatched.map((u) => u.name),
        sha256: sha,
      },
      requestId: options.requestId ?? null,
    });
    return result;
  });
}

function noteUnmatched(into: Map<string, UnmatchedName>, resolution: UnitResolution, no: number): void {
  const key = nameKeyOf(resolution.name);
  const entry = into.get(key) ?? {
    name: resolution.name,
    taskNos: [],
    suggestions: resolution.suggestions.map((u) => ({ code: u.code, name: u.shortName })),
  };
  if (!entry.taskNos.includes(no)) entry.taskNos.push(no);
  into.set(key, entry);
}
