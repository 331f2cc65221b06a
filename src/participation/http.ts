import { z } from 'zod';
import { authorize, type Principal, scopePath } from '../core/auth/authorize.ts';
import type { Db } from '../core/db/connection.ts';
import { AppError } from '../core/errors.ts';
import { getUnitByCode } from '../jurisdiction/store.ts';
import { periodKey } from './model.ts';
import { beijingDate, type Period, parsePeriod } from './periods.ts';
import { participationPolicy } from './policy.ts';

/** What the participation routes share: the period of a report and the path a list is narrowed to. */

export const PeriodQuery = z.object({
  period: periodKey.optional().describe('期间：YYYY、YYYY-MM、YYYY-Qn、YYYY-Hn（默认本年）'),
});

/** The period a report asks for; this Beijing year by default. */
export function periodOf(key: string | undefined): Period {
  const period = parsePeriod(key ?? beijingDate(new Date()).slice(0, 4));
  if (!period) throw new AppError('VALIDATION_FAILED', `期间格式不正确：${key} (invalid period)`);
  return period;
}

/**
 * The path a list or report covers: the caller's scope, or a unit inside it named by code (a street
 * or community) — NOT_FOUND for an unknown code, FORBIDDEN_SCOPE for one outside the scope.
 */
export async function narrowTo(
  db: Db,
  principal: Principal,
  code: string | undefined,
  rule: (typeof participationPolicy)[keyof typeof participationPolicy] = participationPolicy.read,
): Promise<string> {
  authorize(principal, rule);
  if (!code) return scopePath(principal);
  const unit = await getUnitByCode(db, code);
  if (!unit || unit.districtCode !== principal.districtCode) {
    throw new AppError('NOT_FOUND', `单位不存在：${code} (unit not found)`, { code });
  }
  authorize(principal, rule, { districtCode: unit.districtCode, paths: [unit.path] });
  return unit.path;
}

/** `/:id` path parameters (UUIDs). */
export const IdParams = z.object({ id: z.uuid() });
