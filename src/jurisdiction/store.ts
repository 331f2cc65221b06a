import { and, asc, eq, getTableColumns, inArray, like, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../core/db/connection.ts';
import type { IndexedAncestor, IndexedGrid } from './geo-index.ts';
import type { Geometry } from './geometry.ts';
import { jurisdictions, type OrgUnitRow, orgUnits } from './tables.ts';

/** The jurisdiction module's queries; other capabilities call these, never the tables. */

export type NewOrgUnit = typeof orgUnits.$inferInsert;
export type JurisdictionRow = typeof jurisdictions.$inferSelect;

const BATCH = 500;

/** Multi-row inserts in batches (one round-trip per 500 units). */
export async function insertOrgUnits(tx: Db, rows: NewOrgUnit[]): Promise<void> {
  for (let i = 0; i < rows.length; i += BATCH) {
    await tx.insert(orgUnits).values(rows.slice(i, i + BATCH));
  }
}

export async function getJurisdiction(db: Db, districtCode: string): Promise<JurisdictionRow | undefined> {
  const [row] = await db.select().from(jurisdictions).where(eq(jurisdictions.districtCode, districtCode));
  return row;
}

/** The district's policy profile id as an SQL expression (NULL when it has no jurisdiction row). */
export function policyProfileSql(districtCode: string): SQL<string | null> {
  return sql<
    string | null
  >`(SELECT ${jurisdictions.policyProfile} FROM ${jurisdictions} WHERE ${jurisdictions.districtCode} = ${districtCode})`;
}

export async function listJurisdictions(db: Db): Promise<JurisdictionRow[]> {
  return db.select().from(jurisdictions).orderBy(asc(jurisdictions.districtCode));
}

export async function getUnitByCode(db: Db, code: string): Promise<OrgUnitRow | undefined> {
  const [row] = await db.select().from(orgUnits).where(eq(orgUnits.code, code));
  return row;
}

export async function getUnitById(db: Db, id: string): Promise<OrgUnitRow | undefined> {
  const [row] = await db.select().from(orgUnits).where(eq(orgUnits.id, id));
  return row;
}

/**
 * A unit without its boundary. A boundary is GeoJSON of up to tens of KB (a district's: 38 KB in the
 * benchmark city) that the database serialises and the server parses on every read: paths that only
 * need the unit's identity, place and flags (geolocation, dispatch) read this instead
 * (docs/decisions/perf-intake.md).
 */
export type OrgUnitSummary = Omit<OrgUnitRow, 'boundary'>;
const { boundary: _boundary, ...summaryColumns } = getTableColumns(orgUnits);

export async function getUnitSummaryByCode(db: Db, code: string): Promise<OrgUnitSummary | undefined> {
  const [row] = await db.select(summaryColumns).from(orgUnits).where(eq(orgUnits.code, code));
  return row;
}

export async function getUnitSummaryById(db: Db, id: string): Promise<OrgUnitSummary | undefined> {
  const [row] = await db.select(summaryColumns).from(orgUnits).where(eq(orgUnits.id, id));
  return row;
}

/** The units with these codes (any order; unknown codes are left out), in one query. */
export async function getUnitSummariesByCodes(db: Db, codes: string[]): Promise<OrgUnitSummary[]> {
  if (codes.length === 0) return [];
  return db.select(summaryColumns).from(orgUnits).where(inArray(orgUnits.code, codes));
}

export interface ListUnitsFilter {
  districtCode: string;
  /** Only units inside this path (the caller's jurisdiction subtree). */
  withinPath: string;
  level?: string | undefined;
  tree?: 'division' | 'department' | undefined;
  parentId?: string | undefined;
  limit?: number;
  offset?: number;
}

export async function listUnits(db: Db, f: ListUnitsFilter): Promise<OrgUnitRow[]> {
  const where = [eq(orgUnits.districtCode, f.districtCode), like(orgUnits.path, `${f.withinPath}%`)];
  if (f.level) where.push(eq(orgUnits.level, f.level));
  if (f.tree) where.push(eq(orgUnits.tree, f.tree));
  if (f.parentId) where.push(eq(orgUnits.parentId, f.parentId));
  return db
    .select()
    .from(orgUnits)
    .where(and(...where))
    .orderBy(asc(orgUnits.sort), asc(orgUnits.code))
    .limit(f.limit ?? 1000)
    .offset(f.offset ?? 0);
}

/** Number of units per level in a district (the `--json` summary and the health of an import). */
export async function countUnitsByLevel(db: Db, districtCode: string): Promise<Record<string, number>> {
  const rows = await db
    .select({ level: orgUnits.level, n: sql<number>`count(*)::int` })
    .from(orgUnits)
    .where(eq(orgUnits.districtCode, districtCode))
    .groupBy(orgUnits.level);
  return Object.fromEntries(rows.map((r) => [r.level, Number(r.n)]));
}

export async function listGridsForIndex(db: Db, districtCode: string): Promise<IndexedGrid[]> {
  const rows = await db
    .select({
      id: orgUnits.id,
      code: orgUnits.code,
      name: orgUnits.name,
      path: orgUnits.path,
      boundary: orgUnits.boundary,
    })
    .from(orgUnits)
    .where(and(eq(orgUnits.districtCode, districtCode), eq(orgUnits.level, 'grid')));
  return rows.filter((r): r is IndexedGrid & { boundary: Geometry } => r.boundary !== null);
}

/** The district's own unit, streets and communities, without boundaries (a located grid's chain). */
export async function listAncestorsForIndex(db: Db, districtCode: string): Promise<IndexedAncestor[]> {
  return db
    .select({
      id: orgUnits.id,
      code: orgUnits.code,
      name: orgUnits.name,
      path: orgUnits.path,
      level: orgUnits.level,
    })
    .from(orgUnits)
    .where(
      and(
        eq(orgUnits.districtCode, districtCode),
        inArray(orgUnits.level, ['district', 'street', 'community']),
      ),
    );
}

export async function bumpGridsVersion(tx: Db, districtCode: string): Promise<void> {
  await tx
    .update(jurisdictions)
    .set({ gridsVersion: sql`${jurisdictions.gridsVersion} + 1` })
    .where(eq(jurisdictions.districtCode, districtCode));
}

/** The units on the path of a unit, from the district down (for breadcrumbs and geolocation). */
export async function getAncestors(db: Db, unit: OrgUnitRow): Promise<OrgUnitRow[]> {
  const codes = unit.path.split('/').filter(Boolean);
  if (codes.length === 0) return [];
  const rows = await db
    .select()
    .from(orgUnits)
    .where(
      sql`${orgUnits.code} IN (${sql.join(
        codes.map((c) => sql`${c}`),
        sql`, `,
      )})`,
    );
  return codes.map((c) => rows.find((r) => r.code === c)).filter((r): r is OrgUnitRow => r !== undefined);
}

/** Switches the district's active policy profile (the caller validates the id and audits). */
export async function setPolicyProfile(tx: Db, districtCode: string, profileId: string): Promise<void> {
  await tx
    .update(jurisdictions)
    .set({ policyProfile: profileId })
    .where(eq(jurisdictions.districtCode, districtCode));
}
