/**
 * The lists capability's queries. Other capabilities ask through these functions — notably
 * {@link isOnStreetDutyList} and {@link findResponsibleDepartments} for demand dispatch.
 */
import { and, asc, desc, eq, gt, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import type { Db } from '../core/db/connection.ts';
import { getUnitByCode } from '../jurisdiction/store.ts';
import { chinaToday, districtUnitCode, type ListKind } from './model.ts';
import { type ListItemRow, type ListVersionRow, listItems, listVersions } from './tables.ts';

export type NewListVersion = typeof listVersions.$inferInsert;
export type NewListItem = typeof listItems.$inferInsert;

/** In force on civil date `on`: started on or before it and not yet closed. */
const inForce = (on: string) =>
  and(
    lte(listVersions.effectiveFrom, on),
    or(isNull(listVersions.effectiveTo), gt(listVersions.effectiveTo, on)),
  );

/**
 * The version of `kind` that governs a unit on `on` (default: today in Beijing): the most specific
 * scope covering the unit (its own list, else its street's, else the district's), latest version.
 */
export async function findEffectiveVersion(
  db: Db,
  f: { districtCode: string; kind: ListKind; unitPath: string; on?: string | undefined },
): Promise<ListVersionRow | undefined> {
  const [row] = await db
    .select()
    .from(listVersions)
    .where(
      and(
        eq(listVersions.districtCode, f.districtCode),
        eq(listVersions.kind, f.kind),
        sql`${f.unitPath} LIKE ${listVersions.scopePath} || '%'`,
        inForce(f.on ?? chinaToday()),
      ),
    )
    .orderBy(desc(sql`length(${listVersions.scopePath})`), desc(listVersions.versionNo))
    .limit(1);
  return row;
}

export async function getVersion(db: Db, id: string): Promise<ListVersionRow | undefined> {
  const [row] = await db.select().from(listVersions).where(eq(listVersions.id, id));
  return row;
}

/** The latest version of a kind for one scope unit, in force or not (the next version number). */
export async function latestVersionOf(
  db: Db,
  scopeCode: string,
  kind: ListKind,
): Promise<ListVersionRow | undefined> {
  const [row] = await db
    .select()
    .from(listVersions)
    .where(and(eq(listVersions.scopeCode, scopeCode), eq(listVersions.kind, kind)))
    .orderBy(desc(listVersions.versionNo))
    .limit(1);
  return row;
}

/** Versions of a district, newest first; optionally one kind and/or one scope unit. */
export async function listVersionsOf(
  db: Db,
  f: { districtCode: string; kind?: ListKind | undefined; scopeCode?: string | undefined },
): Promise<(ListVersionRow & { itemCount: number })[]> {
  const where = [eq(listVersions.districtCode, f.districtCode)];
  if (f.kind) where.push(eq(listVersions.kind, f.kind));
  if (f.scopeCode) where.push(eq(listVersions.scopeCode, f.scopeCode));
  const rows = await db
    .select({ version: listVersions, itemCount: sql<number>`count(${listItems.id})::int` })
    .from(listVersions)
    .leftJoin(listItems, eq(listItems.versionId, listVersions.id))
    .where(and(...where))
    .groupBy(listVersions.id)
    .orderBy(asc(listVersions.kind), asc(listVersions.scopeCode), desc(listVersions.versionNo));
  return rows.map((r) => ({ ...r.version, itemCount: Number(r.itemCount) }));
}

export async function listItemsOf(db: Db, versionId: string): Promise<ListItemRow[]> {
  return db.select().from(listItems).where(eq(listItems.versionId, versionId)).orderBy(asc(listItems.sort));
}

export async function findItemInVersion(
  db: Db,
  versionId: string,
  itemCode: string,
): Promise<ListItemRow | undefined> {
  const [row] = await db
    .select()
    .from(listItems)
    .where(and(eq(listItems.versionId, versionId), eq(listItems.itemCode, itemCode)));
  return row;
}

export async function getItem(db: Db, id: string): Promise<ListItemRow | undefined> {
  const [row] = await db.select().from(listItems).where(eq(listItems.id, id));
  return row;
}

/** Closes every open version of the scope on `effectiveFrom` (the new version takes over then). */
export async function closeOpenVersions(tx: Db, scopeCode: string, kind: ListKind, effectiveFrom: string) {
  await tx
    .update(listVersions)
    .set({ effectiveTo: effectiveFrom })
    .where(
      and(
        eq(listVersions.scopeCode, scopeCode),
        eq(listVersions.kind, kind),
        isNull(listVersions.effectiveTo),
      ),
    );
}

export async function insertVersion(tx: Db, version: NewListVersion, items: NewListItem[]): Promise<void> {
  await tx.insert(listVersions).values(version);
  for (let i = 0; i < items.length; i += 500) await tx.insert(listItems).values(items.slice(i, i + 500));
}

/** A street-duty-list item covering a demand category, with the version it is on. */
export interface DutyListMatch {
  versionId: string;
  itemCode: string;
  itemName: string;
}

/**
 * Items of the street duty list in force (the street's own, else the district-wide one) that list
 * demand category `categoryCode` (a 4-digit level-2 code). Empty when the category is not the
 * street's duty — dispatch then goes to the responsible department instead.
 */
export async function findStreetDutyItems(
  db: Db,
  f: { districtCode: string; categoryCode: string; streetCode?: string | undefined; on?: string | undefined },
): Promise<DutyListMatch[]> {
  const street = f.streetCode ? await getUnitByCode(db, f.streetCode) : undefined;
  const unitPath = street?.path ?? `/${districtUnitCode(f.districtCode)}/`;
  const version = await findEffectiveVersion(db, { ...f, kind: 'street_duty', unitPath });
  if (!version) return [];
  const rows = await db
    .select({ itemCode: listItems.itemCode, itemName: listItems.name })
    .from(listItems)
    .where(
      and(
        eq(listItems.versionId, version.id),
        sql`${listItems.demandCategories} @> ${JSON.stringify([f.categoryCode])}::jsonb`,
      ),
    )
    .orderBy(asc(listItems.sort));
  return rows.map((r) => ({ versionId: version.id, ...r }));
}

/** Is demand category `categoryCode` on the street's duty list in force (即接即办 by the street)? */
export async function isOnStreetDutyList(
  db: Db,
  f: { districtCode: string; categoryCode: string; streetCode?: string | undefined; on?: string | undefined },
): Promise<boolean> {
  return (await findStreetDutyItems(db, f)).length > 0;
}

/** A department whose responsibility list in force covers a demand category. */
export interface ResponsibleDepartment {
  departmentCode: string;
  itemCode: string;
  itemName: string;
  versionId: string;
}

/**
 * Departments responsible for demand category `categoryCode` under the department responsibility
 * lists in force (district-wide lists naming a department per item, and departments' own lists).
 */
export async function findResponsibleDepartments(
  db: Db,
  f: { districtCode: string; categoryCode: string; on?: string | undefined },
): Promise<ResponsibleDepartment[]> {
  const versions = await db
    .selectDistinctOn([listVersions.scopeCode], { id: listVersions.id, scopeCode: listVersions.scopeCode })
    .from(listVersions)
    .where(
      and(
        eq(listVersions.districtCode, f.districtCode),
        eq(listVersions.kind, 'department_responsibility'),
        inForce(f.on ?? chinaToday()),
      ),
    )
    .orderBy(asc(listVersions.scopeCode), desc(listVersions.versionNo));
  if (versions.length === 0) return [];
  const scopeOf = new Map(versions.map((v) => [v.id, v.scopeCode]));
  const rows = await db
    .select()
    .from(listItems)
    .where(
      and(
        inArray(
          listItems.versionId,
          versions.map((v) => v.id),
        ),
        sql`${listItems.demandCategories} @> ${JSON.stringify([f.categoryCode])}::jsonb`,
      ),
    )
    .orderBy(asc(listItems.sort));
  return rows
    .map((r) => ({
      departmentCode: r.responsibleUnitCode ?? scopeOf.get(r.versionId) ?? '',
      itemCode: r.itemCode,
      itemName: r.name,
      versionId: r.versionId,
    }))
    .filter((r) => r.departmentCode !== '' && r.departmentCode !== districtUnitCode(f.districtCode));
}
