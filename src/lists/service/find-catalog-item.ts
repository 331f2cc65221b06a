import type { Db } from '../../core/db/connection.ts';
import { AppError } from '../../core/errors.ts';
import type { OrgUnitRow } from '../../jurisdiction/tables.ts';
import type { ServiceDetails } from '../model.ts';
import { findEffectiveVersion, findItemInVersion } from '../store.ts';
import type { ListItemRow } from '../tables.ts';

export type CatalogItem = ListItemRow & { details: ServiceDetails };

/**
 * The item `itemCode` of the service catalog in force at a station (its own, its street's or the
 * district's). Not on it → `NOT_FOUND`: a station handles what its catalog lists.
 */
export async function findCatalogItem(db: Db, station: OrgUnitRow, itemCode: string): Promise<CatalogItem> {
  const version = await findEffectiveVersion(db, {
    districtCode: station.districtCode,
    kind: 'service_catalog',
    unitPath: station.path,
  });
  const item = version ? await findItemInVersion(db, version.id, itemCode) : undefined;
  if (!item?.details) {
    throw new AppError(
      'NOT_FOUND',
      `服务事项不在${station.name}现行服务事项清单中：${itemCode} (not on the service catalog)`,
      {
        itemCode,
        catalogVersionId: version?.id ?? null,
      },
    );
  }
  return item as CatalogItem;
}
