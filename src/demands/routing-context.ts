import { readFileSync } from 'node:fs';
import { and, eq, inArray, or, type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import { type Db, queryRows } from '../core/db/connection.ts';
import { orgUnits } from '../jurisdiction/tables.ts';
import { type RoutingContext, type RoutingRule, type RoutingUnit, routingIndexes } from './routing.ts';
import { listRoutingRules, upsertRoutingRules } from './store.ts';
import { demandRoutingRules } from './tables.ts';

const RulesFile = z.object({
  rules: z.array(
    z.object({
      category: z.string().regex(/^\d{4}$/),
      target: z.enum(['street', 'department', 'utility']),
      department: z.string().optional(),
      utility: z.string().optional(),
      complexity: z.enum(['general', 'complex']),
    }),
  ),
});

/** The cold-start responsibility list shipped with Jiedao (src/demands/data/routing-rules.json). */
export const DEFAULT_ROUTING_RULES = RulesFile.parse(
  JSON.parse(readFileSync(new URL('./data/routing-rules.json', import.meta.url), 'utf8')),
).rules;

/**
 * Loads the shipped responsibility list into a district, resolving department short names against the
 * district's department tree ("{d}" = the district's short name). Unknown departments are left empty
 * (those demands go to the district) and reported.
 */
export async function seedRoutingRules(
  tx: Db,
  districtCode: string,
  districtShortName: string,
): Promise<{ loaded: number; unresolved: string[] }> {
  const departments = await tx
    .select({ id: orgUnits.id, shortName: orgUnits.shortName, level: orgUnits.level })
    .from(orgUnits)
    .where(and(eq(orgUnits.districtCode, districtCode), eq(orgUnits.tree, 'department')));
  const byName = new Map(departments.filter((d) => d.level !== 'stationed').map((d) => [d.shortName, d.id]));
  const unresolved: string[] = [];
  const rows = DEFAULT_ROUTING_RULES.map((r) => {
    const name = r.department?.replaceAll('{d}', districtShortName);
    const departmentId = name ? (byName.get(name) ?? null) : null;
    if (name && !departmentId) unresolved.push(name);
    return {
      districtCode,
      categoryCode: r.category,
      target: r.target,
      departmentId,
      utility: r.utility ?? null,
      complexity: r.complexity,
    };
  });
  await upsertRoutingRules(tx, rows);
  return { loaded: rows.length, unresolved: [...new Set(unresolved)] };
}

/** How long the units side of a cached context is trusted (departments change only at init/edits). */
const UNITS_TTL_MS = 60_000;
const cache = new Map<string, { stamp: string; loadedAt: number; context: RoutingContext }>();

/**
 * Everything suggestRoute needs for one district, cached per process: reading it costs a scan of the
 * district's units (≈40–80 ms in a 343-street city), the check costs one small query. The stamp is
 * the rules' count and last change (so a rule changed by any process is seen at once) and the
 * district unit's id (another database with the same district code is another context); the units are
 * re-read at least every minute. docs/decisions/perf-intake.md.
 */
export async function loadRoutingContext(
  db: Db,
  districtCode: string,
  /** The stamp as the caller read it in this request (routingStampSql, with other stamps in one query). */
  knownStamp?: string,
): Promise<RoutingContext> {
  let stamp = knownStamp;
  if (stamp === undefined) {
    const [s] = await queryRows<{ stamp: string }>(db, sql`SELECT ${routingStampSql(districtCode)} AS stamp`);
    stamp = s?.stamp ?? '';
  }
  const hit = cache.get(districtCode);
  if (hit && hit.stamp === stamp && Date.now() - hit.loadedAt < UNITS_TTL_MS) return hit.context;
  const context = await readRoutingContext(db, districtCode);
  cache.set(districtCode, { stamp, loadedAt: Date.now(), context });
  return context;
}

/** The routing context's stamp as SQL: the rules' count and last change, and the district unit's id. */
export function routingStampSql(districtCode: string): SQL<string> {
  return sql<string>`(
    (SELECT count(*)::int FROM ${demandRoutingRules} WHERE district_code = ${districtCode}) || '@' ||
    coalesce((SELECT max(updated_at)::text FROM ${demandRoutingRules} WHERE district_code = ${districtCode}), 'null') || '@' ||
    coalesce((SELECT id::text FROM ${orgUnits} WHERE code = ${`${districtCode}000000`}), 'null'))`;
}

async function readRoutingContext(db: Db, districtCode: string): Promise<RoutingContext> {
  const rules = await listRoutingRules(db, districtCode);
  const units = await db
    .select({
      id: orgUnits.id,
      code: orgUnits.code,
      name: orgUnits.name,
      path: orgUnits.path,
      level: orgUnits.level,
      servesUnitId: orgUnits.servesUnitId,
      parentId: orgUnits.parentId,
      flags: orgUnits.flags,
    })
    .from(orgUnits)
    .where(
      and(
        eq(orgUnits.districtCode, districtCode),
        or(eq(orgUnits.tree, 'department'), inArray(orgUnits.level, ['district', 'street'])),
      ),
    );
  const unitMap = new Map<string, RoutingUnit>(units.map((u) => [u.id, u]));
  const center = units.find((u) => u.level === 'center');
  const district = units.find((u) => u.level === 'district');
  const ruleMap = new Map<string, RoutingRule>(
    rules.map((r) => [
      r.categoryCode,
      {
        category: r.categoryCode,
        target: r.target,
        departmentId: r.departmentId,
        utility: r.utility,
        complexity: r.complexity,
      },
    ]),
  );
  return {
    rules: ruleMap,
    units: unitMap,
    fallbackUnitId: (center ?? district)?.id ?? '',
    ...(district ? { districtUnitId: district.id } : {}),
    ...routingIndexes(unitMap),
  };
}
