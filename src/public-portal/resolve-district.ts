import type { Db } from '../core/db/connection.ts';
import { AppError } from '../core/errors.ts';
import { getJurisdiction, type JurisdictionRow, listJurisdictions } from '../jurisdiction/store.ts';

/**
 * The district a resident is talking to: the one named (`district`, 6 digits), else the only
 * district of this installation (a portal is normally one district's).
 */
export async function resolvePortalDistrict(db: Db, given: string | undefined): Promise<JurisdictionRow> {
  if (given) {
    const row = await getJurisdiction(db, given);
    if (!row) throw new AppError('NOT_FOUND', `辖区不存在：${given} (district not found)`, { id: given });
    return row;
  }
  const all = await listJurisdictions(db);
  if (all.length === 1 && all[0]) return all[0];
  if (all.length === 0) throw new AppError('NOT_FOUND', '尚未建立任何辖区 (no jurisdiction)');
  throw new AppError('VALIDATION_FAILED', '本服务有多个辖区，请指定 district (district required)', {
    issues: [{ path: 'district', message: '缺少必填参数 (required)' }],
  });
}
