import { type AuditActor, appendAudit } from '../core/audit/append-audit.ts';
import type { Db } from '../core/db/connection.ts';
import { AppError } from '../core/errors.ts';
import { uuidv7 } from '../core/ids.ts';
import { getUnitByCode } from '../jurisdiction/store.ts';
import type { OrgUnitRow } from '../jurisdiction/tables.ts';
import { MapUnitNameInput } from './model.ts';
import { nameKeyOf } from './resolve-units.ts';
import {
  deleteTaskUnits,
  insertTaskUnits,
  listTaskUnits,
  lockUnlinkedByName,
  markTaskUnitsIgnored,
  type NewTaskUnit,
  upsertMapping,
} from './store.ts';

export interface MapUnitNameResult {
  name: string;
  nameKey: string;
  units: { code: string; name: string }[];
  /** Tasks whose unlinked mention of the name was completed (or marked ignored) now. */
  tasksUpdated: number;
}

/**
 * Remembers what a unit name means in this district (one or more units, or none: "not a unit of
 * ours") and applies it at once to every task still waiting on that name; later imports use it
 * before automatic matching. A second mapping of the same name replaces the first for the future.
 */
export async function mapUnitName(options: {
  db: Db;
  districtCode: string;
  input: MapUnitNameInput;
  actor: AuditActor;
  requestId?: string | null;
  now?: Date;
}): Promise<MapUnitNameResult> {
  const input = MapUnitNameInput.parse(options.input);
  const { districtCode } = options;
  const nameKey = nameKeyOf(input.name);
  return options.db.transaction(async (tx) => {
    const units: OrgUnitRow[] = [];
    const unknown: string[] = [];
    for (const code of new Set(input.unitCodes)) {
      const unit = await getUnitByCode(tx, code);
      if (unit?.districtCode === districtCode) units.push(unit);
      else unknown.push(code);
    }
    if (unknown.length > 0) {
      throw new AppError('VALIDATION_FAILED', `本区没有这些单位：${unknown.join('、')} (unknown units)`, {
        issues: unknown.map((code) => ({ path: 'unitCodes', message: `未知单位编码 ${code}` })),
      });
    }
    await upsertMapping(tx, {
      id: uuidv7(),
      districtCode,
      nameKey,
      name: input.name,
      unitIds: units.map((u) => u.id),
      createdById: options.actor.id,
      createdByLabel: options.actor.label,
      updatedAt: options.now ?? new Date(),
    });
    const waiting = await lockUnlinkedByName(tx, districtCode, nameKey);
    if (units.length === 0) {
      await markTaskUnitsIgnored(
        tx,
        waiting.map((w) => w.id),
      );
    } else {
      // A unit already on the task (say, as lead) is not linked a second time.
      const existing = await listTaskUnits(tx, [...new Set(waiting.map((w) => w.taskId))]);
      const linked = new Set(existing.filter((e) => e.unitId).map((e) => `${e.taskId}:${e.unitId}`));
      const rows: NewTaskUnit[] = [];
      for (const w of waiting) {
        // The mapped units take the name's place in the task's order (import leaves gaps of 1000).
        let position = w.position;
        for (const u of units) {
          const key = `${w.taskId}:${u.id}`;
          if (linked.has(key)) continue;
          linked.add(key);
          rows.push({
            id: uuidv7(),
            districtCode,
            taskId: w.taskId,
            role: w.role,
            position: position++,
            writtenName: w.writtenName,
            nameKey,
            unitId: u.id,
            unitCode: u.code,
            unitName: u.shortName,
            unitPath: u.path,
            match: 'mapped',
          });
        }
      }
      await deleteTaskUnits(
        tx,
        waiting.map((w) => w.id),
      );
      await insertTaskUnits(tx, rows);
    }
    const tasksUpdated = new Set(waiting.map((w) => w.taskId)).size;
    const result: MapUnitNameResult = {
      name: input.name,
      nameKey,
      units: units.map((u) => ({ code: u.code, name: u.shortName })),
      tasksUpdated,
    };
    await appendAudit(tx, {
      districtCode,
      actor: options.actor,
      action: 'task_unit_name.map',
      targetType: 'unit_name',
      targetId: nameKey,
      details: { units: result.units.map((u) => u.code), tasksUpdated },
      requestId: options.requestId ?? null,
    });
    return result;
  });
}
