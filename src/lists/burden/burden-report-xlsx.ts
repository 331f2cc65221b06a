import { buildXlsx } from '../../core/export/xlsx.ts';
import type { BurdenReport, BurdenRow } from './build-burden-report.ts';

/** The burden report as a workbook: one line per community. */
export function burdenReportXlsx(report: BurdenReport): Promise<Buffer> {
  const t = report.totals;
  return buildXlsx<BurdenRow>({
    title: '社区减负情况统计表',
    sheetName: '社区减负',
    subtitle: [
      `统计期间：${report.from} 至 ${report.to}（不含）；制表时间：${report.generatedAt.slice(0, 10)}`,
      `合计：收到工作请求${t.requestsReceived}件（受理${t.requestsAccepted}件、拒收${t.requestsRefused}件），在用报表/系统${t.formsActive}个，报备会议${t.meetings}次`,
    ],
    columns: [
      { header: '街道', key: 'streetName', width: 14 },
      { header: '社区', key: 'name', width: 16 },
      { header: '社区代码', key: 'code', width: 14 },
      { header: '收到工作请求', key: 'requestsReceived', width: 10 },
      { header: '受理（提示单）', key: 'requestsAccepted', width: 10 },
      { header: '拒收（未列入准入清单）', key: 'requestsRefused', width: 12 },
      { header: '在用报表/系统', key: 'formsActive', width: 10 },
      { header: '报备会议', key: 'meetings', width: 8 },
      { header: '参会人次', key: 'meetingAttendances', width: 8 },
    ],
    rows: report.rows,
    footer: ['依据：未列入准入清单的事项，社区不作为责任主体；同一部门要求社区填报的报表（系统）不超过1个。'],
  });
}
