import type { Db } from '../core/db/connection.ts';
import { notFound } from '../core/errors.ts';
import { getJurisdiction, getUnitById, listUnits } from '../jurisdiction/store.ts';
import type { OrgUnitRow } from '../jurisdiction/tables.ts';
import {
  createUnitResolver,
  type DirectoryUnit,
  type UnitDirectory,
  type UnitResolution,
} from './resolve-units.ts';
import { listMappings } from './store.ts';

const toDirectoryUnit = (u: OrgUnitRow): DirectoryUnit => ({
  id: u.id,
  code: u.code,
  name: u.name,
  shortName: u.shortName,
  aliases: u.aliases,
  tree: u.tree,
  level: u.level,
  path: u.path,
});

/** The district's root path (`/110107000000/`): plans are owned there. */
export const districtRootPath = (districtCode: string): string => `/${districtCode.padEnd(12, '0')}/`;

/**
 * Loads what unit names resolve against in one district: its department tree, its streets and
 * townships, and the names a person has mapped before.
 */
export async function loadUnitDirectory(db: Db, districtCode: string): Promise<UnitDirectory> {
  const district = await getJurisdiction(db, districtCode);
  if (!district) throw notFound('辖区', districtCode);
  const root = districtRootPath(districtCode);
  const [departments, streets, mappings] = await Promise.all([
    listUnits(db, { districtCode, withinPath: root, tree: 'department', limit: 10_000 }),
    listUnits(db, { districtCode, withinPath: root, tree: 'division', level: 'street', limit: 10_000 }),
    listMappings(db, districtCode),
  ]);
  const byId = new Map([...departments, ...streets].map((u) => [u.id, toDirectoryUnit(u)]));
  // A name may be mapped to any unit of the district (a community, the district itself).
  for (const id of new Set(mappings.flatMap((m) => m.unitIds))) {
    if (byId.has(id)) continue;
    const unit = await getUnitById(db, id);
    if (unit?.districtCode === districtCode) byId.set(id, toDirectoryUnit(unit));
  }
  return {
    provinceName: district.provinceName,
    cityName: district.cityName,
    districtName: district.name,
    departments: departments.map(toDirectoryUnit),
    streets: streets.map(toDirectoryUnit),
    // A mapped unit that no longer exists is dropped rather than linked.
    mappings: new Map(
      mappings.map((m) => [m.nameKey, m.unitIds.map((id) => byId.get(id)).filter((u) => u !== undefined)]),
    ),
  };
}

/** Store-backed resolution: the names as a plan writes them, against one district's directory. */
export async function resolveUnitNamesIn(
  db: Db,
  districtCode: string,
  names: readonly string[],
): Promise<UnitResolution[]> {
  const resolve = createUnitResolver(await loadUnitDirectory(db, districtCode));
  return names.map(resolve);
}
