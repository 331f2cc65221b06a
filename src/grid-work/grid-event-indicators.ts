import { authorize, type Principal } from '../core/auth/authorize.ts';
import type { Db } from '../core/db/connection.ts';
import { AppError } from '../core/errors.ts';
import { getUnitByCode, getUnitById } from '../jurisdiction/store.ts';
import { loadCaseHistories } from './events-store.ts';
import { computeIndicators, type Indicators } from './indicators.ts';
import { monthRange, monthZh } from './model.ts';
import { gridWorkPolicy } from './policy.ts';

export interface UnitIndicators extends Indicators {
  unit: { code: string; name: string; path: string };
  side: 'location' | 'handler';
  period: { label: string; from: string; to: string };
  asOf: string;
}

/**
 * The indicators of one unit and period straight from the database, without authorization — for
 * other capabilities (the assessment reads grid-event closure through this). Division units count
 * the cases located in them, department units the cases dispatched to them.
 */
export async function indicatorsForUnit(
  db: Db,
  o: {
    districtCode: string;
    unitPath: string;
    side: 'location' | 'handler';
    from: Date;
    to: Date;
    asOf?: Date;
  },
): Promise<Indicators> {
  const asOf = o.asOf ?? new Date(Math.min(Date.now(), o.to.getTime()));
  const cases = await loadCaseHistories(db, {
    districtCode: o.districtCode,
    unitPath: o.unitPath,
    from: o.from,
    to: o.to,
  });
  return computeIndicators(cases, { from: o.from, to: o.to, asOf, unitPath: o.unitPath, side: o.side });
}

/**
 * 结案率、按期结案率、处置率 … of a unit (default: the caller's own) for a month, judged as of the
 * month's end or now, whichever is earlier (`asOf` to choose another instant).
 */
export async function gridEventIndicators(options: {
  db: Db;
  principal: Principal;
  unitCode?: string | undefined;
  month: string;
  asOf?: Date | undefined;
}): Promise<UnitIndicators> {
  const { db, principal } = options;
  const unit = options.unitCode
    ? await getUnitByCode(db, options.unitCode)
    : await getUnitById(db, principal.unitId);
  if (!unit || unit.districtCode !== principal.districtCode) {
    throw new AppError('NOT_FOUND', `单位不存在：${options.unitCode ?? principal.unitId} (unit not found)`);
  }
  authorize(principal, gridWorkPolicy.indicators, { districtCode: unit.districtCode, paths: [unit.path] });
  const { from, to } = monthRange(options.month);
  const asOf = options.asOf ?? new Date(Math.min(Date.now(), to.getTime()));
  const side = unit.tree === 'department' ? 'handler' : 'location';
  const result = await indicatorsForUnit(db, {
    districtCode: unit.districtCode,
    unitPath: unit.path,
    side,
    from,
    to,
    asOf,
  });
  return {
    unit: { code: unit.code, name: unit.name, path: unit.path },
    side,
    period: { label: monthZh(options.month), from: from.toISOString(), to: to.toISOString() },
    asOf: asOf.toISOString(),
    ...result,
  };
}
