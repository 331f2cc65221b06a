import { authorize, type Principal } from '../core/auth/authorize.ts';
import type { Db } from '../core/db/connection.ts';
import { AppError } from '../core/errors.ts';
import { buildXlsx } from '../core/export/xlsx.ts';
import { getUnitByCode, getUnitById, listUnits } from '../jurisdiction/store.ts';
import { loadCaseHistories } from './events-store.ts';
import type { UnitIndicators } from './grid-event-indicators.ts';
import { computeIndicators, type IndicatorCounts, type IndicatorRates } from './indicators.ts';
import { monthRange, monthZh } from './model.ts';
import { gridWorkPolicy } from './policy.ts';

export interface IndicatorTable {
  unit: { code: string; name: string; path: string };
  side: 'location' | 'handler';
  period: { label: string; from: string; to: string };
  asOf: string;
  /** The unit itself first, then each unit directly below it (a street's communities, a community's grids …). */
  rows: UnitIndicators[];
}

/**
 * The grid-event indicators of a unit (default: the caller's own) and of every unit directly below
 * it, for one month, as of the month's end or now — one row per unit, the cases read once.
 * Same definitions as `gridEventIndicators` (docs/grid-indicators.md).
 */
export async function gridEventIndicatorTable(options: {
  db: Db;
  principal: Principal;
  unitCode?: string | undefined;
  month: string;
  asOf?: Date | undefined;
}): Promise<IndicatorTable> {
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
  const side: IndicatorTable['side'] = unit.tree === 'department' ? 'handler' : 'location';
  const children =
    unit.level === 'grid'
      ? []
      : await listUnits(db, {
          districtCode: unit.districtCode,
          withinPath: unit.path,
          parentId: unit.id,
          tree: unit.tree,
        });
  const cases = await loadCaseHistories(db, {
    districtCode: unit.districtCode,
    unitPath: unit.path,
    from,
    to,
  });
  const period = { label: monthZh(options.month), from: from.toISOString(), to: to.toISOString() };
  const rows = [unit, ...children.filter((c) => c.level !== 'building')].map((u) => ({
    unit: { code: u.code, name: u.name, path: u.path },
    side,
    period,
    asOf: asOf.toISOString(),
    ...computeIndicators(cases, { from, to, asOf, unitPath: u.path, side }),
  }));
  return {
    unit: { code: unit.code, name: unit.name, path: unit.path },
    side,
    period,
    asOf: asOf.toISOString(),
    rows,
  };
}

const pct = (r: number | null): string => (r === null ? '—' : `${(r * 100).toFixed(2)}%`);

/** The rates in the order shown, each with its formula (docs/grid-indicators.md). */
export const RATE_COLUMNS: { key: keyof IndicatorRates; name: string; formula: string }[] = [
  { key: 'closeRate', name: '结案率', formula: '结案数 / 应结案数' },
  { key: 'onTimeCloseRate', name: '按期结案率', formula: '按期结案数 / 应结案数' },
  { key: 'disposeRate', name: '处置率', formula: '处置数 / 应处置数' },
  { key: 'onTimeDisposeRate', name: '按期处置率', formula: '按期处置数 / 应处置数' },
  { key: 'reworkRate', name: '返工率', formula: '返工数 / 应结案数' },
  { key: 'overduePendingRate', name: '超期待处置率', formula: '超期待处置数 / 应处置数' },
  { key: 'extensionRate', name: '延期率', formula: '延期数 / 应处置数' },
];

const COUNT_COLUMNS: { key: keyof IndicatorCounts; name: string }[] = [
  { key: 'shouldClose', name: '应结案数' },
  { key: 'closed', name: '结案数' },
  { key: 'closedOnTime', name: '按期结案数' },
  { key: 'shouldDispose', name: '应处置数' },
  { key: 'disposed', name: '处置数' },
  { key: 'disposedOnTime', name: '按期处置数' },
  { key: 'reworked', name: '返工数' },
  { key: 'overduePending', name: '超期待处置数' },
  { key: 'extended', name: '延期数' },
  { key: 'closedOnSpot', name: '现场处置数' },
];

const beijingTime = (iso: string): string =>
  new Date(new Date(iso).getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');

/** 网格事件考核指标: one row per unit, the rates then the counts they are computed from. */
export function indicatorTableXlsx(table: IndicatorTable): Promise<Buffer> {
  type Row = Record<string, string | number>;
  const rows: Row[] = table.rows.map((r) => {
    const row: Row = { unit: r.unit.name };
    for (const c of RATE_COLUMNS) row[c.key] = pct(r.rates[c.key]);
    for (const c of COUNT_COLUMNS) row[c.key] = r.counts[c.key];
    return row;
  });
  return buildXlsx<Row>({
    title: `网格事件考核指标（${table.period.label}）`,
    subtitle: [
      `单位：${table.unit.name}　${table.side === 'handler' ? '按派给本单位处置的案件计' : '按发生在本单位辖区的案件计'}`,
      `统计截至：${beijingTime(table.asOf)}`,
    ],
    columns: [
      { header: '单位', key: 'unit', width: 24 },
      ...RATE_COLUMNS.map((c) => ({ header: c.name, key: c.key, width: 12 })),
      ...COUNT_COLUMNS.map((c) => ({ header: c.name, key: c.key })),
    ],
    rows,
    footer: [
      ...RATE_COLUMNS.map((c) => `${c.name} = ${c.formula}`),
      '应结案数按立案时间、应处置数按首次派遣时间归入统计月份；分母为 0 时记为“—”。口径详见 docs/grid-indicators.md。',
    ],
  });
}
