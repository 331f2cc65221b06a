import { eq, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../core/db/connection.ts';
import { GridIndex } from './geo-index.ts';
import { listAncestorsForIndex, listGridsForIndex } from './store.ts';
import { jurisdictions } from './tables.ts';

/**
 * One GridIndex per district, rebuilt when the district's `grids_version` moves. The version is read
 * from the database (one primary-key lookup), so an import by another process or the CLI is seen too.
 */
export class GeoIndexRegistry {
  private readonly cache = new Map<string, { version: number; index: GridIndex }>();
  private readonly building = new Map<string, Promise<GridIndex>>();

  /**
   * The district's index. `knownVersion`: the district's grids_version as the caller read it in this
   * request (GeoIndexRegistry.versionSql, with other stamps in one query), so it is not read again.
   */
  async get(db: Db, districtCode: string, knownVersion?: number): Promise<GridIndex> {
    const version = knownVersion ?? (await this.readVersion(db, districtCode));
    const cached = this.cache.get(districtCode);
    if (cached && cached.version === version) return cached.index;
    const key = `${districtCode}@${version}`;
    let pending = this.building.get(key);
    if (!pending) {
      pending = Promise.all([
        listGridsForIndex(db, districtCode),
        listAncestorsForIndex(db, districtCode),
      ]).then(([grids, ancestors]) => {
        const index = new GridIndex(grids, ancestors);
        this.cache.set(districtCode, { version, index });
        this.building.delete(key);
        return index;
      });
      this.building.set(key, pending);
    }
    return pending;
  }

  private async readVersion(db: Db, districtCode: string): Promise<number> {
    const [row] = await db
      .select({ version: jurisdictions.gridsVersion })
      .from(jurisdictions)
      .where(eq(jurisdictions.districtCode, districtCode));
    return row?.version ?? -1;
  }

  /** The version `get` reads, as an SQL expression (-1 when the district has no jurisdiction row). */
  static versionSql(districtCode: string): SQL<number> {
    return sql<number>`coalesce((SELECT ${jurisdictions.gridsVersion} FROM ${jurisdictions} WHERE ${jurisdictions.districtCode} = ${districtCode}), -1)`;
  }

  /** Drops a district's index (after a change in this process; others notice the version). */
  invalidate(districtCode: string): void {
    this.cache.delete(districtCode);
  }
}
