/** The result table as offices forward it: one row per subject, each indicator's points, the total. */
import { buildXlsx, type XlsxColumn } from '../core/export/xlsx.ts';
import type { ResultSummary, SubjectResult } from './compute-assessment.ts';
import { leavesOf, type SchemeDefinition } from './model.ts';
import { STATUS_NAMES } from './present.ts';
import type { AssessmentResultRow } from './tables.ts';
import { nominalWeight, pct } from './validate-scheme.ts';

type Cell = string | number | null;
type Row = Record<string, Cell>;

const fmt = (x: number | null | undefined, digits = 2): Cell =>
  x === null || x === undefined ? '' : Number(x.toFixed(digits));
const rate = (x: number | null | undefined): Cell =>
  x === null || x === undefined ? '' : `${(x * 100).toFixed(1)}%`;

/** Builds the workbook: the ranking (sheet 1) and every indicator's value and score (sheet 2). */
export async function resultXlsx(
  result: AssessmentResultRow,
  rows: readonly SubjectResult[],
): Promise<Buffer> {
  const def = result.definition as unknown as SchemeDefinition;
  const summary = result.summary as unknown as ResultSummary;
  const leaves = leavesOf(def.nodes);
  const columns: XlsxColumn<Row>[] = [
    { header: '名次', key: 'rank', width: 6 },
    { header: '被考核对象', key: 'name', width: 28 },
    ...leaves.map(({ indicator, parents }) => ({
      header: `${indicator.name}（${pct(nominalWeight(indicator, parents))}）`,
      key: `i:${indicator.key}`,
      width: 14,
    })),
    { header: '总分', key: 'total', width: 10 },
    { header: '评定', key: 'grade', width: 12 },
  ];
  const table: Row[] = rows.map((r) => {
    const row: Row = {
      rank: r.rank ?? '',
      name: r.name,
      total: fmt(r.total),
      grade: r.vetoed ? '一票否决' : r.excellent ? '优秀' : r.total === null ? '无数据' : '',
    };
    for (const { indicator } of leaves)
      row[`i:${indicator.key}`] = fmt(r.items.find((i) => i.key === indicator.key)?.points);
    return row;
  });
  const detail: Row[] = rows.flatMap((r) =>
    r.items
      .filter((i) => i.kind === 'indicator')
      .map((i) => ({
        name: r.name,
        indicator: i.name,
        value: rate(i.value),
        numerator: i.numerator ?? '',
        denominator: i.denominator ?? '',
        score: fmt(i.score),
        weight: rate(i.weight),
        effective: rate(i.effectiveWeight),
        points: fmt(i.points),
      })),
  );
  const subtitle = [
    `考核周期：${summary.periodLabel}　版本：第 ${result.version} 版（${STATUS_NAMES[result.status]}）　政策配置：${result.profileId}`,
    `数据截至：${result.asOf.toISOString()}　被考核对象 ${summary.subjects} 个，参与排名 ${summary.ranked} 个`,
    ...(summary.excellent
      ? [
          `优秀比例：全区平均 ${rate(summary.excellent.districtAverageRate)} + ${summary.excellent.pointsAbove} 个百分点，名额 ${summary.excellent.count} 个（${summary.excellent.source}）`,
        ]
      : []),
  ];
  const footer = [
    '说明：各指标列为该指标得分 × 权重（分）；无数据的指标按方案规定处理（权重按比例分给同组其他指标或计 0 分）；计算方法见 docs/assessment.md。',
    ...(result.reason ? [`更正原因：${result.reason}`] : []),
    ...summary.notes,
  ];
  return buildXlsx<Row>(
    { title: `${result.schemeName}考核结果`, sheetName: '考核结果', subtitle, columns, rows: table, footer },
    {
      title: `${result.schemeName}指标明细`,
      sheetName: '指标明细',
      columns: [
        { header: '被考核对象', key: 'name', width: 28 },
        { header: '指标', key: 'indicator', width: 24 },
        { header: '指标值', key: 'value' },
        { header: '分子', key: 'numerator' },
        { header: '分母', key: 'denominator' },
        { header: '得分', key: 'score' },
        { header: '权重', key: 'weight' },
        { header: '实际权重', key: 'effective' },
        { header: '折算分', key: 'points' },
      ],
      rows: detail,
    },
  );
}
