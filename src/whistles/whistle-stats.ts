import type { Db } from '../core/db/connection.ts';
import { listUnits } from '../jurisdiction/store.ts';
import { type BlowerSummary, type SummonsSummary, summarizeBlower, summarizeSummons } from './measures.ts';
import { summonsBlownBetween, whistlesBlownBetween } from './store.ts';

export interface UnitWhistleMeasures extends SummonsSummary {
  unit: { code: string; name: string; path: string };
}

export interface BlowerWhistleMeasures extends BlowerSummary {
  unit: { id: string; name: string; path: string; level: 'street' | 'community' };
}

/** `/110107000000/110107D010/110107D010-001/` → the department at the top of its branch. */
const topDepartmentPath = (path: string): string => {
  const parts = path.split('/').filter(Boolean);
  return parts.length >= 2 ? `/${parts[0]}/${parts[1]}/` : path;
};

/**
 * Summoned units' measures for whistles blown in [from, to): on-time check-in rate and the blowers'
 * ratings, per summoned unit — or, with `groupBy: 'department'`, rolled up to the district
 * department whose stationed units were summoned. This is what the assessment reads (SJS 12: the
 * street's evaluation of departments).
 */
export async function whistleMeasuresByUnit(
  db: Db,
  o: { districtCode: string; from: Date; to: Date; asOf?: Date; groupBy?: 'unit' | 'department' },
): Promise<UnitWhistleMeasures[]> {
  const asOf = o.asOf ?? new Date();
  const rows = await summonsBlownBetween(db, {
    districtCode: o.districtCode,
    from: o.from,
    to: o.to,
    kind: 'unit',
  });
  const units = await listUnits(db, {
    districtCode: o.districtCode,
    withinPath: `/${o.districtCode}000000/`,
    tree: 'department',
    limit: 100_000,
  });
  const byPath = new Map(units.map((u) => [u.path, u]));
  const groups = new Map<string, typeof rows>();
  for (const r of rows) {
    const key = o.groupBy === 'department' ? topDepartmentPath(r.targetPath) : r.targetPath;
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  return [...groups.entries()]
    .map(([path, list]) => {
      const unit = byPath.get(path);
      return {
        unit: {
          code: unit?.code ?? list[0]?.targetCode ?? '',
          name: unit?.name ?? list[0]?.targetName ?? '',
          path,
        },
        ...summarizeSummons(list, asOf),
      };
    })
    .sort((a, b) => (b.onTimeRate ?? -1) - (a.onTimeRate ?? -1) || a.unit.code.localeCompare(b.unit.code));
}

/** The blowing side's measures for the same period: per street or community, count and closure time. */
export async function whistleMeasuresByBlower(
  db: Db,
  o: { districtCode: string; from: Date; to: Date; asOf?: Date },
): Promise<BlowerWhistleMeasures[]> {
  const asOf = o.asOf ?? new Date();
  const rows = await whistlesBlownBetween(db, o);
  const groups = new Map<string, typeof rows>();
  for (const r of rows) groups.set(r.blowerUnitId, [...(groups.get(r.blowerUnitId) ?? []), r]);
  return [...groups.values()]
    .map((list) => {
      const first = list[0] as (typeof rows)[number];
      return {
        unit: {
          id: first.blowerUnitId,
          name: first.blowerUnitName,
          path: first.blowerPath,
          level: first.level,
        },
        ...summarizeBlower(
          list.map((w) => ({
            blownAt: w.createdAt,
            actDueAt: w.actDueAt,
            status: w.status,
            closedAt: w.closedAt,
          })),
          asOf,
        ),
      };
    })
    .sort((a, b) => b.blown - a.blown || a.unit.path.localeCompare(b.unit.path));
}
