import { z } from 'zod';
import { authorize, type Principal, scopePath } from '../../core/auth/authorize.ts';
import { addDays } from '../../core/calendar/zoned-time.ts';
import type { Db } from '../../core/db/connection.ts';
import { notFound } from '../../core/errors.ts';
import { getUnitByCode, getUnitById } from '../../jurisdiction/store.ts';
import type { OrgUnitRow } from '../../jurisdiction/tables.ts';
import { chinaToday } from '../model.ts';
import { listsPolicy } from '../policy.ts';

/** Helpers shared by the burden routes. */

export const actorOf = (p: Principal) => ({ id: p.userId, label: p.username });

export const unitResource = (u: { districtCode: string; path: string }) => ({
  districtCode: u.districtCode,
  paths: [u.path],
});

export const Period = z.object({
  from: z.iso.date().optional().describe('起始日期（含），默认本年1月1日'),
  to: z.iso.date().optional().describe('截止日期（不含），默认明天'),
  street: z.string().optional(),
});

/** The caller's own org unit (requests, forms and meetings are filed in its name). */
export async function callerUnit(db: Db, p: Principal): Promise<OrgUnitRow> {
  const unit = await getUnitById(db, p.unitId);
  if (!unit) throw notFound('组织单位', p.unitId);
  return unit;
}

/** A report period in Beijing dates: default from 1 January this year to today inclusive. */
export function periodOf(q: { from?: string | undefined; to?: string | undefined }): {
  from: string;
  to: string;
} {
  const today = chinaToday();
  return { from: q.from ?? `${today.slice(0, 4)}-01-01`, to: q.to ?? addDays(today, 1) };
}

/** The subtree a burden report covers: the caller's scope, or one street inside it. */
export async function reportScope(db: Db, p: Principal, street: string | undefined): Promise<string> {
  if (!street) {
    authorize(p, listsPolicy.readBurdenReport, { districtCode: p.districtCode, paths: [scopePath(p)] });
    return scopePath(p);
  }
  const unit = await getUnitByCode(db, street);
  if (!unit) throw notFound('街道', street);
  authorize(p, listsPolicy.readBurdenReport, unitResource(unit));
  return unit.path;
}
