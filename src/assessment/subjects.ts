/**
 * Who a scheme evaluates: the units of its kind in the district, or the subjects it lists (people and
 * property companies always are listed, with the unit that decides who may see their result).
 */
import type { Db } from '../core/db/connection.ts';
import { AppError } from '../core/errors.ts';
import { getUnitByCode, listUnits } from '../jurisdiction/store.ts';
import type { OrgUnitRow } from '../jurisdiction/tables.ts';
import { EVALUATED_NAMES, type EvaluatedKind, LISTED_KINDS, type SchemeDefinition } from './model.ts';
import type { Subject } from './sources/types.ts';

/** The org-tree place of each unit kind. */
const UNIT_KINDS: Partial<Record<EvaluatedKind, { tree: 'division' | 'department'; level: string }>> = {
  street: { tree: 'division', level: 'street' },
  community: { tree: 'division', level: 'community' },
  department: { tree: 'department', level: 'department' },
  stationed_unit: { tree: 'department', level: 'stationed' },
  public_service_company: { tree: 'department', level: 'company' },
  resident_unit: { tree: 'department', level: 'resident_unit' },
};

/** The path of a district's root unit (`/110107000000/`). */
export const districtRootPath = (districtCode: string): string => `/${districtCode.padEnd(12, '0')}/`;

const fromUnit = (u: OrgUnitRow, kind: EvaluatedKind): Subject => ({
  code: u.code,
  name: u.name,
  kind,
  path: u.path,
  unitId: u.id,
  tree: u.tree as 'division' | 'department',
  level: u.level,
});

const bad = (message: string, details: Record<string, unknown>) =>
  new AppError('VALIDATION_FAILED', message, details);

/** Resolves the subjects of a scheme; an unknown or misplaced subject is `VALIDATION_FAILED`. */
export async function resolveSubjects(
  db: Db,
  districtCode: string,
  def: SchemeDefinition,
): Promise<Subject[]> {
  const place = UNIT_KINDS[def.evaluatedKind];
  if (!def.subjects) {
    if (!place) return [];
    const units = await listUnits(db, {
      districtCode,
      withinPath: districtRootPath(districtCode),
      tree: place.tree,
      level: place.level,
      limit: 100_000,
    });
    return units.map((u) => fromUnit(u, def.evaluatedKind));
  }
  const seen = new Set<string>();
  const out: Subject[] = [];
  for (const s of def.subjects) {
    if (seen.has(s.code)) throw bad(`被考核对象重复：${s.code}`, { code: s.code });
    seen.add(s.code);
    const unit = await getUnitByCode(db, place ? s.code : (s.unitCode ?? ''));
    if (!unit || unit.districtCode !== districtCode) {
      throw bad(`本区没有这个单位：${place ? s.code : (s.unitCode ?? '（未注明 unitCode）')}`, {
        code: s.code,
      });
    }
    if (place) {
      if (unit.tree !== place.tree || unit.level !== place.level) {
        throw bad(`${unit.name}不是${EVALUATED_NAMES[def.evaluatedKind]}`, { code: s.code });
      }
      out.push(fromUnit(unit, def.evaluatedKind));
    } else {
      if (!s.name) throw bad(`被考核对象须注明姓名或名称：${s.code}`, { code: s.code });
      out.push({
        code: s.code,
        name: s.name,
        kind: def.evaluatedKind,
        path: unit.path,
        unitId: null,
        tree: null,
        level: null,
      });
    }
  }
  if (LISTED_KINDS.has(def.evaluatedKind) && out.length === 0) throw bad('须列出被考核对象', {});
  return out;
}
