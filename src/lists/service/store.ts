/** Queries of service-station cases. */
import { and, desc, eq, like } from 'drizzle-orm';
import type { Db } from '../../core/db/connection.ts';
import { type ServiceCaseRow, type ServiceStatus, serviceCases } from './tables.ts';

export async function insertServiceCase(tx: Db, row: ServiceCaseRow): Promise<void> {
  await tx.insert(serviceCases).values(row);
}

export async function getServiceCase(db: Db, id: string): Promise<ServiceCaseRow | undefined> {
  const [row] = await db.select().from(serviceCases).where(eq(serviceCases.id, id));
  return row;
}

export async function updateServiceCase(
  tx: Db,
  id: string,
  set: Partial<ServiceCaseRow>,
): Promise<ServiceCaseRow | undefined> {
  const [row] = await tx.update(serviceCases).set(set).where(eq(serviceCases.id, id)).returning();
  return row;
}

/** Cases of stations inside `withinPath`, newest first. */
export async function listServiceCases(
  db: Db,
  f: { districtCode: string; withinPath: string; status?: ServiceStatus | undefined; limit?: number },
): Promise<ServiceCaseRow[]> {
  const where = [
    eq(serviceCases.districtCode, f.districtCode),
    like(serviceCases.stationPath, `${f.withinPath}%`),
  ];
  if (f.status) where.push(eq(serviceCases.status, f.status));
  return db
    .select()
    .from(serviceCases)
    .where(and(...where))
    .orderBy(desc(serviceCases.createdAt))
    .limit(f.limit ?? 500);
}
