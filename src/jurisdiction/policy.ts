import { ALL_STAFF, type PolicyRule } from '../core/auth/authorize.ts';

/** Who may read and change the jurisdiction (units, grids, departments). */
export const jurisdictionPolicy = {
  readSummary: { action: 'jurisdiction.read', roles: ALL_STAFF, scoped: false },
  readUnit: { action: 'org_unit.read', roles: ALL_STAFF, scoped: true },
  updateUnit: { action: 'org_unit.update', roles: ['district_admin'], scoped: true },
  readGrids: { action: 'grid.read', roles: ALL_STAFF, scoped: true },
  importGrids: { action: 'grid.import', roles: ['district_admin'], scoped: true },
  /** Departments are the district's shared reference tree: every staff member dispatches to them. */
  readDepartments: { action: 'department.read', roles: ALL_STAFF, scoped: false },
  locate: { action: 'geo.locate', roles: ALL_STAFF, scoped: false },
} as const satisfies Record<string, PolicyRule>;
