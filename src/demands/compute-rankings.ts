import { and, eq, gte, inArray, isNotNull, lt, notInArray, sql } from 'drizzle-orm';
import type { Db } from '../core/db/connection.ts';
import { AppError } from '../core/errors.ts';
import { orgUnits } from '../jurisdiction/tables.ts';
import { demandRules } from './demand-rules.ts';
import { type MeasuredDemand, type RankedUnit, rankUnits, type Weights } from './measures.ts';
import { cachedUnits, rankRollups, readRollups } from './rollups/read-rollups.ts';
import { demands } from './tables.ts';

export interface RankingUnit {
  id: string;
  code: string;
  name: string;
  path: string;
}

export interface Ranking {
  period: string;
  level: 'street' | 'department';
  weights: Weights;
  profileId: string;
  rows: RankedUnit<RankingUnit>[];
}

/** A month "YYYY-MM" as the UTC instants of its start and end in Beijing time. */
export function monthRange(period: string): { from: Date; to: Date } {
  const m = /^(\d{4})-(\d{2})$/.exec(period);
  if (!m || Number(m[2]) < 1 || Number(m[2]) > 12) {
    throw new AppError('VALIDATION_FAILED', `统计期应为 YYYY-MM：${period} (period must be YYYY-MM)`);
  }
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const from = new Date(Date.UTC(y, mo - 1, 1) - 8 * 3600_000);
  const to = new Date(Date.UTC(mo === 12 ? y + 1 : y, mo === 12 ? 0 : mo, 1) - 8 * 3600_000);
  return { from, to };
}

export function previousPeriod(period: string): string {
  const { from } = monthRange(period);
  const d = new Date(from.getTime() + 8 * 3600_000 - 86_400_000);
  return d.toISOString().slice(0, 7);
}

/** The demands of a district dispatched from intake in the month, as the rate computation needs them. */
export async function measuredDemands(
  db: Db,
  districtCode: string,
  period: string,
): Promise<MeasuredDemand[]> {
  const { from, to } = monthRange(period);
  const rows = await db
    .select({ ownerPath: demands.ownerPath, state: demands.state })
    .from(demands)
    .where(
      and(
        eq(demands.districtCode, districtCode),
        gte(demands.createdAt, from),
        lt(demands.createdAt, to),
        isNotNull(demands.ownerPath),
        notInArray(demands.status, ['refused', 'answered', 'merged']),
      ),
    );
  return rows.map(({ ownerPath, state }) => {
    const s = state as Record<string, unknown>;
    const cb = s.callback as MeasuredDemand['callback'];
    return {
      ownerPath,
      signedAt: (s.signedAt as string | null) ?? null,
      signDueAt: (s.signDueAt as string | null) ?? null,
      contactedAt: (s.contactedAt as string | null) ?? null,
      contactDueAt: (s.contactDueAt as string | null) ?? null,
      callback: cb ?? null,
      appeal: (s.appeal as string) ?? 'none',
    };
  });
}

/** The units ranked at a level: every street, or every district department/company (stationed units roll up). */
export async function rankingUnits(
  db: Db,
  districtCode: string,
  level: 'street' | 'department',
): Promise<RankingUnit[]> {
  const where =
    level === 'street'
      ? and(eq(orgUnits.districtCode, districtCode), eq(orgUnits.level, 'street'))
      : and(
          eq(orgUnits.districtCode, districtCode),
          eq(orgUnits.tree, 'department'),
          inArray(orgUnits.level, ['department', 'company']),
        );
  return db
    .select({ id: orgUnits.id, code: orgUnits.code, name: orgUnits.name, path: orgUnits.path })
    .from(orgUnits)
    .where(where)
    .orderBy(orgUnits.sort);
}

/**
 * Monthly 三率 ranking of all streets or all departments of a district, weights from its policy profile,
 * from the rollups kept in step with every demand change (src/demands/rollups; docs/decisions/perf-ranking-rollups.md).
 */
export async function computeRanking(
  db: Db,
  input: { districtCode: string; period: string; level: 'street' | 'department'; now?: Date },
): Promise<Ranking> {
  monthRange(input.period); // validates the period
  const [{ weights, profileId }, units] = await Promise.all([
    demandRules(db, input.districtCode),
    cachedUnits(db, input.districtCode, input.level, () => rankingUnits(db, input.districtCode, input.level)),
  ]);
  // Streets and departments are the district's children: sum per child in SQL when all of them are.
  const topLevel = units.every((u) => u.path.split('/').length === 4);
  const rows = await readRollups(db, { ...input, now: input.now ?? new Date(), topLevel });
  return {
    period: input.period,
    level: input.level,
    weights,
    profileId,
    rows: rankRollups(units, rows, weights),
  };
}

/** The same ranking recomputed from the month's demands (the rollups' reference; tests and benchmarks). */
export async function computeRankingFromRaw(
  db: Db,
  input: { districtCode: string; period: string; level: 'street' | 'department'; now?: Date },
): Promise<Ranking> {
  const { weights, profileId } = await demandRules(db, input.districtCode);
  const units = await rankingUnits(db, input.districtCode, input.level);
  const rows = await measuredDemands(db, input.districtCode, input.period);
  return {
    period: input.period,
    level: input.level,
    weights,
    profileId,
    rows: rankUnits(units, rows, weights, input.now ?? new Date()),
  };
}

export interface HotSpot {
  categoryCode: string;
  categoryName: string;
  communityId: string | null;
  communityName: string | null;
  count: number;
  previous: number;
  spike: boolean;
}

/**
 * Common problems: demands clustered by category × community in the month, with last month beside
 * them; a spike is at least `minCount` and at least double last month (the "problem of the month").
 */
export async function hotSpots(
  db: Db,
  input: { districtCode: string; period: string; minCount?: number; limit?: number },
): Promise<HotSpot[]> {
  const minCount = input.minCount ?? 5;
  const cur = monthRange(input.period);
  const prev = monthRange(previousPeriod(input.period));
  const rows = await db
    .select({
      categoryCode: demands.categoryCode,
      categoryName: demands.categoryName,
      communityId: demands.communityId,
      communityName: orgUnits.name,
      count: sql<number>`count(*) FILTER (WHERE ${demands.createdAt} >= ${cur.from.toISOString()}::timestamptz)::int`,
      previous: sql<number>`count(*) FILTER (WHERE ${demands.createdAt} < ${cur.from.toISOString()}::timestamptz)::int`,
    })
    .from(demands)
    .leftJoin(orgUnits, eq(orgUnits.id, demands.communityId))
    .where(
      and(
        eq(demands.districtCode, input.districtCode),
        gte(demands.createdAt, prev.from),
        lt(demands.createdAt, cur.to),
        isNotNull(demands.categoryCode),
      ),
    )
    .groupBy(demands.categoryCode, demands.categoryName, demands.communityId, orgUnits.name);
  return rows
    .map((r) => ({
      categoryCode: r.categoryCode as string,
      categoryName: r.categoryName ?? (r.categoryCode as string),
      communityId: r.communityId,
      communityName: r.communityName,
      count: Number(r.count),
      previous: Number(r.previous),
      spike: Number(r.count) >= minCount && Number(r.count) >= 2 * Number(r.previous),
    }))
    .filter((r) => r.count > 0)
    .sort((a, b) => Number(b.spike) - Number(a.spike) || b.count - a.count)
    .slice(0, input.limit ?? 50);
}
