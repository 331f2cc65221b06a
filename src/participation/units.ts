import type { Principal } from '../core/auth/authorize.ts';
import type { Db } from '../core/db/connection.ts';
import { AppError } from '../core/errors.ts';
import { getUnitByCode } from '../jurisdiction/store.ts';
import type { OrgUnitRow } from '../jurisdiction/tables.ts';

/**
 * The units participation records hang on, looked up by code within the caller's district: a
 * community, a street, or a unit of the department tree (department, stationed unit, company,
 * resident unit). Anything else is NOT_FOUND, so a code from another district reveals nothing.
 */

const NAMES = { community: '社区', street: '街道', unit: '单位' } as const;

async function lookUp(
  db: Db,
  principal: Principal,
  code: string,
  want: keyof typeof NAMES,
  levels?: readonly string[],
): Promise<OrgUnitRow> {
  const unit = await getUnitByCode(db, code);
  const fits =
    unit &&
    unit.districtCode === principal.districtCode &&
    (want === 'unit' ? unit.tree === 'department' : unit.level === want) &&
    (!levels || levels.includes(unit.level));
  if (!unit || !fits) {
    throw new AppError('NOT_FOUND', `${NAMES[want]}不存在或不属本区：${code} (${want} not found)`, { code });
  }
  return unit;
}

/** A community of the caller’s district by its 12-digit code. */
export const communityByCode = (db: Db, principal: Principal, code: string): Promise<OrgUnitRow> =>
  lookUp(db, principal, code, 'community');

/** A street of the caller’s district by its 12-digit code. */
export const streetByCode = (db: Db, principal: Principal, code: string): Promise<OrgUnitRow> =>
  lookUp(db, principal, code, 'street');

/** A unit of the department tree (the unit a party member works in, a resolution's owner …). */
export const departmentUnitByCode = (db: Db, principal: Principal, code: string): Promise<OrgUnitRow> =>
  lookUp(db, principal, code, 'unit');

/** Who implements or answers for something: a department-tree unit, a street or a community. */
export const ownerUnitByCode = async (db: Db, principal: Principal, code: string): Promise<OrgUnitRow> => {
  const unit = await getUnitByCode(db, code);
  if (unit?.districtCode === principal.districtCode && ['street', 'community'].includes(unit.level))
    return unit;
  return lookUp(db, principal, code, 'unit');
};

/** A community or a street: what a 民意立项 project serves. */
export const communityOrStreetByCode = async (
  db: Db,
  principal: Principal,
  code: string,
): Promise<OrgUnitRow> => {
  const unit = await getUnitByCode(db, code);
  if (unit?.districtCode === principal.districtCode && unit.level === 'street') return unit;
  return lookUp(db, principal, code, 'community');
};

/** The street path of a community path (`/d/s/c/` → `/d/s/`). */
export function parentPath(path: string): string {
  const parts = path.split('/').filter(Boolean);
  return parts.length > 1 ? `/${parts.slice(0, -1).join('/')}/` : path;
}
