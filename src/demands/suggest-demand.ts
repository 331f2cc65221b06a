import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../core/db/connection.ts';
import type { AppContext } from '../http/context.ts';
import { type LocatedUnit, locatePoint } from '../jurisdiction/locate-point.ts';
import { orgUnits } from '../jurisdiction/tables.ts';
import type { Suggestion } from './classify/classifier.ts';
import { type DistrictStamps, readDistrictStamps } from './district-stamps.ts';
import { type RefusalHint, refusalHints } from './refusal-hints.ts';
import { type RouteSuggestion, type RoutingUnit, suggestRoute } from './routing.ts';
import { loadRoutingContext } from './routing-context.ts';
import { findLikelyDuplicates } from './store.ts';
import type { DemandRow } from './tables.ts';

export interface SuggestInput {
  districtCode: string;
  content: string;
  address?: string | null | undefined;
  point?: { lng: number; lat: number } | null | undefined;
  /** The operator's category, when already chosen: routing then follows it. */
  categoryCode?: string | null | undefined;
  excludeId?: string;
  /** Look for likely duplicates (default true; intake does not show them, so it skips the query). */
  duplicates?: boolean;
}

/** Where a demand is: from its point (down to the grid) or from names in its address (street/community). */
export interface DemandLocation {
  grid: LocatedUnit | null;
  community: LocatedUnit | null;
  street: LocatedUnit | null;
  method: 'point' | 'address';
}

export interface DemandSuggestion {
  location: DemandLocation | null;
  categories: (Suggestion & { name: string; path: string })[];
  chosenCategory: { code: string; name: string; path: string } | null;
  route: RouteSuggestion;
  /** The district's own unit as routing knows it (null: none), for the copy of a street dispatch. */
  districtUnit: RoutingUnit | null;
  duplicates: DemandRow[];
  refusalHints: RefusalHint[];
  /** The district's stamps read for this suggestion (intake hands them on to the dispatch). */
  stamps: DistrictStamps;
}

const DUPLICATE_WINDOW_DAYS = 7;

/**
 * Everything the hotline screen suggests while the operator types: where (grid/community/street),
 * what (top-3 categories with the words that decided), who (owner unit with the rule that decided),
 * likely duplicates and reasons it may not be dispatchable. Every suggestion says why.
 */
export async function suggestDemand(
  ctx: Pick<AppContext, 'geo' | 'classifiers'>,
  db: Db,
  input: SuggestInput,
): Promise<DemandSuggestion> {
  const stamps = await readDistrictStamps(db, input.districtCode);
  const location = await locate(ctx, db, input, stamps.gridsVersion);
  const classifier = await ctx.classifiers.get(db, input.districtCode, stamps.feedback);
  const categories = classifier.predict(input.content, 3).flatMap((s) => {
    const c = ctx.classifiers.category(s.category);
    return c ? [{ ...s, name: c.name, path: c.path }] : [];
  });
  const chosen = ctx.classifiers.category(input.categoryCode ?? categories[0]?.category ?? null);
  const routing = await loadRoutingContext(db, input.districtCode, stamps.routing);
  const route = suggestRoute(routing, {
    categoryCode: chosen?.code ?? null,
    categoryName: chosen?.path ?? null,
    streetId: location?.street?.id ?? null,
  });
  const duplicates =
    input.duplicates === false
      ? []
      : await findLikelyDuplicates(db, {
          districtCode: input.districtCode,
          categoryCode: chosen?.code ?? null,
          gridId: location?.grid?.id ?? null,
          streetId: location?.street?.id ?? null,
          since: new Date(Date.now() - DUPLICATE_WINDOW_DAYS * 86_400_000),
          ...(input.excludeId ? { excludeId: input.excludeId } : {}),
        });
  return {
    location,
    categories,
    chosenCategory: chosen ? { code: chosen.code, name: chosen.name, path: chosen.path } : null,
    route,
    districtUnit: (routing.districtUnitId && routing.units.get(routing.districtUnitId)) || null,
    duplicates,
    refusalHints: refusalHints(input.content),
    stamps,
  };
}

async function locate(
  ctx: Pick<AppContext, 'geo'>,
  db: Db,
  input: SuggestInput,
  gridsVersion: number,
): Promise<DemandLocation | null> {
  if (input.point) {
    const hit = await locatePoint({
      db,
      geo: ctx.geo,
      districtCode: input.districtCode,
      ...input.point,
      gridsVersion,
    });
    if (hit) return { ...hit, method: 'point' };
  }
  if (!input.address) return null;
  return locateByAddress(db, input.districtCode, input.address);
}

/**
 * Without coordinates, a community or street named in the address places the demand (no geocoder is
 * reachable offline). The longest matching name wins: "八角北里社区" beats "八角".
 */
async function locateByAddress(
  db: Db,
  districtCode: string,
  address: string,
): Promise<DemandLocation | null> {
  const units = await db
    .select({
      id: orgUnits.id,
      code: orgUnits.code,
      name: orgUnits.name,
      shortName: orgUnits.shortName,
      path: orgUnits.path,
      level: orgUnits.level,
      parentId: orgUnits.parentId,
    })
    .from(orgUnits)
    .where(and(eq(orgUnits.districtCode, districtCode), inArray(orgUnits.level, ['street', 'community'])));
  const strip = (n: string) => n.replace(/(社区|街道|地区|居委会|村委会)$/, '');
  const candidates = units
    .flatMap((u) =>
      [u.name, u.shortName, strip(u.shortName)].filter((n) => n.length >= 2).map((n) => ({ u, n })),
    )
    .filter(({ n }) => address.includes(n))
    .sort((a, b) => b.n.length - a.n.length || (a.u.level === 'community' ? -1 : 1));
  const best = candidates[0]?.u;
  if (!best) return null;
  const ref = (u: typeof best) => ({ id: u.id, code: u.code, name: u.name, path: u.path });
  if (best.level === 'street') return { grid: null, community: null, street: ref(best), method: 'address' };
  const street = units.find((u) => u.id === best.parentId);
  return { grid: null, community: ref(best), street: street ? ref(street) : null, method: 'address' };
}
