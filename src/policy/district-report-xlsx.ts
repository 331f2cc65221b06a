import { buildXlsx, type XlsxColumn } from '../core/export/xlsx.ts';
import type { DistrictReport } from './build-district-report.ts';
import type { CommunityReportRow } from './community-report-row.ts';

const FLAG_NAMES: Record<string, string> = {
  old_compound: '老旧小区',
  no_property: '无物业',
  elderly: '老龄化',
  commercial: '商业密集',
};
const SIZE_NAMES = { small: '偏小', large: '偏大' } as const;

const n = (v: unknown) => (typeof v === 'number' ? v : null);

const COLUMNS: XlsxColumn<CommunityReportRow>[] = [
  { header: '街道', key: 'streetName', width: 14 },
  { header: '社区', key: 'name', width: 16 },
  { header: '社区代码', key: 'code', width: 14 },
  { header: '户数', key: 'households', width: 8, format: n },
  {
    header: '社区特征',
    key: 'flags',
    width: 14,
    format: (v) => (v as string[]).map((f) => FLAG_NAMES[f] ?? f).join('、'),
  },
  { header: '“两委”应配', key: 'twoCommitteesRequired', width: 9, format: n },
  { header: '“两委”实有', key: 'twoCommitteesActual', width: 9, format: n },
  { header: '网格员应配', key: 'gridWorkersRequired', width: 9, format: n },
  { header: '网格员实有', key: 'gridWorkersActual', width: 9, format: n },
  { header: '网格员差额', key: 'gridWorkersGap', width: 9, format: n },
  { header: '党员数', key: 'partyMembers', width: 8, format: n },
  { header: '党组织应设', key: 'partyOrgExpected', width: 9 },
  { header: '党组织现设', key: 'partyOrgActual', width: 9 },
  { header: '服务站人员上限', key: 'serviceStationStaffCap', width: 9, format: n },
  { header: '服务站人员实有', key: 'serviceStationStaffActual', width: 9, format: n },
  {
    header: '规模',
    key: 'sizeReview',
    width: 6,
    format: (v) => (v ? SIZE_NAMES[v as 'small' | 'large'] : ''),
  },
  { header: '工作经费应拨(元)', key: 'workingFundsRequired', width: 12, format: n },
  { header: '工作经费实拨(元)', key: 'workingFundsActual', width: 12, format: n },
  { header: '党建经费应拨(元)', key: 'partyBuildingFundsRequired', width: 12, format: n },
  { header: '党建经费实拨(元)', key: 'partyBuildingFundsActual', width: 12, format: n },
  { header: '经费差额(元)', key: 'fundingGap', width: 12, format: n },
  { header: '问题', key: 'issues', width: 40, format: (v) => (v as string[]).join('；') },
];

/** The district report as the workbook a district office forwards: one line per community. */
export function districtReportXlsx(report: DistrictReport): Promise<Buffer> {
  return buildXlsx({
    title: `社区人员配备与经费测算表（${report.year}年）`,
    sheetName: '配备与经费',
    subtitle: [
      `政策配置：${report.profileName}（${report.profileId}）；制表时间：${report.generatedAt.slice(0, 10)}`,
      `合计：社区${report.totals.communities}个，户数${report.totals.households}，网格员应配${report.totals.gridWorkersRequired}人、实有${report.totals.gridWorkersActual}人`,
    ],
    columns: COLUMNS,
    rows: report.rows,
    footer: report.rules.map(
      (r) =>
        `${r.label}：${r.source}${r.overridden ? '（本区覆盖）' : r.fellBackToGeneric ? '（取自通用配置）' : ''}`,
    ),
  });
}
