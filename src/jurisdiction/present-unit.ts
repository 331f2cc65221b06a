import { z } from 'zod';
import type { OrgUnitRow } from './tables.ts';

export const OrgUnitView = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  shortName: z.string(),
  tree: z.enum(['division', 'department']),
  level: z.string(),
  parentId: z.string().nullable(),
  path: z.string(),
  households: z.number().nullable(),
  population: z.number().nullable(),
  areaKm2: z.number().nullable(),
  flags: z.array(z.string()),
  aliases: z.array(z.string()),
  servesUnitId: z.string().nullable(),
  attrsAreDemo: z.boolean(),
  hasBoundary: z.boolean(),
});
export type OrgUnitView = z.infer<typeof OrgUnitView>;

/** Allow-listed view of an org unit (the boundary is served as GeoJSON by the grids routes). */
export function presentUnit(u: OrgUnitRow): OrgUnitView {
  return {
    id: u.id,
    code: u.code,
    name: u.name,
    shortName: u.shortName,
    tree: u.tree,
    level: u.level,
    parentId: u.parentId,
    path: u.path,
    households: u.households,
    population: u.population,
    areaKm2: u.areaKm2,
    flags: u.flags,
    aliases: u.aliases,
    servesUnitId: u.servesUnitId,
    attrsAreDemo: u.attrsAreDemo,
    hasBoundary: u.boundary !== null,
  };
}
