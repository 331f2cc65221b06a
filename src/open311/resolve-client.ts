import type { Principal } from '../core/auth/authorize.ts';
import { resolveApiKey } from '../core/auth/sessions.ts';
import { findUserById, toPrincipal } from '../core/auth/users-store.ts';
import type { Db } from '../core/db/connection.ts';
import { AppError } from '../core/errors.ts';
import { getJurisdiction, listJurisdictions } from '../jurisdiction/store.ts';
import { JurisdictionId } from './model.ts';

/**
 * The machine user behind an Open311 `api_key`. An unknown, revoked or inactive key is the spec's
 * 403 (FORBIDDEN here, so the Open311 renderer answers 403 whatever the platform would say).
 */
export async function principalForApiKey(db: Db, apiKey: string | undefined): Promise<Principal> {
  if (!apiKey?.trim()) throw new AppError('FORBIDDEN', '缺少 api_key (api_key required)');
  const userId = await resolveApiKey(db, apiKey.trim());
  const user = userId ? await findUserById(db, userId) : undefined;
  if (!user?.active) throw new AppError('FORBIDDEN', 'api_key 无效或已吊销 (invalid api_key)');
  return toPrincipal(user, 'api_key');
}

/**
 * The district a request is about: the key's own district when there is a key (a different
 * jurisdiction_id is refused); else jurisdiction_id; else the only district of this installation.
 */
export async function resolveDistrict(
  db: Db,
  input: { jurisdictionId: string | undefined; principal: Principal | null },
): Promise<string> {
  const given = input.jurisdictionId?.trim() || undefined;
  if (given !== undefined) {
    const parsed = JurisdictionId.safeParse(given);
    if (!parsed.success) {
      throw new AppError('VALIDATION_FAILED', 'jurisdiction_id 应为 6 位区县代码 (invalid jurisdiction_id)', {
        issues: [{ path: 'jurisdiction_id', message: '应为 6 位区县代码 (6-digit district code)' }],
      });
    }
  }
  if (input.principal) {
    if (given && given !== input.principal.districtCode) {
      throw new AppError(
        'FORBIDDEN_SCOPE',
        `api_key 不属于辖区 ${given} (api_key not valid for this jurisdiction)`,
      );
    }
    return input.principal.districtCode;
  }
  if (given) {
    if (!(await getJurisdiction(db, given))) {
      throw new AppError('NOT_FOUND', `jurisdiction_id 不存在：${given} (jurisdiction not found)`);
    }
    return given;
  }
  const all = await listJurisdictions(db);
  const only = all.length === 1 ? all[0] : undefined;
  if (only) return only.districtCode;
  if (all.length === 0) throw new AppError('NOT_FOUND', '尚未建立任何辖区 (no jurisdiction)');
  throw new AppError(
    'VALIDATION_FAILED',
    '本服务有多个辖区，须提供 jurisdiction_id (jurisdiction_id required)',
    {
      issues: [{ path: 'jurisdiction_id', message: '缺少必填参数 (required)' }],
    },
  );
}
