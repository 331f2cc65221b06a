import { authorize, type Principal, scopePath } from '../core/auth/authorize.ts';
import type { Db } from '../core/db/connection.ts';
import { AppError } from '../core/errors.ts';
import { getUnitByCode, listUnits } from '../jurisdiction/store.ts';
import { getProfile } from '../policy/load-profiles.ts';
import { getActivePolicy } from '../policy/store.ts';
import { countGridWorkersByCommunity } from './assignments-store.ts';
import { gridWorkPolicy } from './policy.ts';
import { type StaffingRow, staffingRow } from './staffing.ts';

export interface StaffingReport {
  profileId: string;
  profileName: string;
  withinPath: string;
  rows: StaffingRow[];
  /** The communities short of grid workers, largest gap first. */
  understaffed: StaffingRow[];
  totals: { communities: number; required: number; assigned: number; understaffed: number };
}

/**
 * Grid-worker staffing of every community in the caller's scope (or one unit of it) against the
 * district's active policy profile and overrides: assigned grid-worker posts vs. required.
 */
export async function checkStaffing(options: {
  db: Db;
  principal: Principal;
  unitCode?: string | undefined;
}): Promise<StaffingReport> {
  const { db, principal } = options;
  let withinPath = scopePath(principal);
  if (options.unitCode) {
    const unit = await getUnitByCode(db, options.unitCode);
    if (!unit || unit.districtCode !== principal.districtCode || unit.tree !== 'division') {
      throw new AppError('NOT_FOUND', `辖区单位不存在：${options.unitCode} (unit not found)`);
    }
    authorize(principal, gridWorkPolicy.staffing, { districtCode: unit.districtCode, paths: [unit.path] });
    withinPath = unit.path;
  } else {
    authorize(principal, gridWorkPolicy.staffing);
  }
  const active = await getActivePolicy(db, principal.districtCode);
  const profile = getProfile(active.profileId);
  const districtCode = principal.districtCode;
  const [communities, streets] = await Promise.all([
    listUnits(db, { districtCode, withinPath, tree: 'division', level: 'community', limit: 100_000 }),
    listUnits(db, { districtCode, withinPath: `/${districtCode}000000/`, tree: 'division', level: 'street' }),
  ]);
  const assigned = await countGridWorkersByCommunity(
    db,
    districtCode,
    communities.map((c) => c.id),
  );
  const streetName = new Map(streets.map((s) => [s.path, s.name]));
  const rows = communities.map((c) =>
    staffingRow(profile, active.overrides, {
      code: c.code,
      name: c.name,
      streetName: streetName.get(c.path.replace(/[^/]+\/$/, '')) ?? null,
      households: c.households,
      flags: c.flags,
      attrsAreDemo: c.attrsAreDemo,
      gridWorkersAssigned: assigned.get(c.id) ?? 0,
    }),
  );
  const understaffed = rows.filter((r) => r.understaffed).sort((a, b) => (a.gap ?? 0) - (b.gap ?? 0));
  return {
    profileId: profile.id,
    profileName: profile.name,
    withinPath,
    rows,
    understaffed,
    totals: {
      communities: rows.length,
      required: rows.reduce((n, r) => n + (r.required ?? 0), 0),
      assigned: rows.reduce((n, r) => n + r.gridWorkersAssigned, 0),
      understaffed: understaffed.length,
    },
  };
}
