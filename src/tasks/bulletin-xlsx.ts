import { buildXlsx } from '../core/export/xlsx.ts';
import type { Bulletin } from './bulletin.ts';

type Row = Record<string, string | number>;

/**
 * The supervision bulletin (督查通报) as the workbook an office forwards: the overdue tasks with the
 * lead units still pending, then the lead units ranked by completion.
 */
export function bulletinXlsx(planTitle: string, b: Bulletin): Promise<Buffer> {
  const sub = [
    `统计日期：${b.asOf}　任务 ${b.totals.tasks} 项：逾期 ${b.totals.overdue}、临期 ${b.totals.at_risk}、正常 ${b.totals.on_track}、完成 ${b.totals.done}`,
  ];
  return buildXlsx<Row>(
    {
      title: `${planTitle} 督查通报（逾期任务）`,
      sheetName: '逾期任务',
      subtitle: sub,
      columns: [
        { header: '序号', key: 'no', width: 8 },
        { header: '任务内容', key: 'content', width: 60 },
        { header: '完成时间', key: 'deadlineText', width: 16 },
        { header: '逾期天数', key: 'daysOverdue', width: 10 },
        { header: '未完成的牵头单位', key: 'pendingLeads', width: 30 },
      ],
      rows: b.overdue.map((o) => ({
        no: o.no,
        content: o.content,
        deadlineText: o.deadlineText,
        daysOverdue: o.daysOverdue,
        pendingLeads: o.pendingLeads.join('、'),
      })),
    },
    {
      title: `${planTitle} 牵头单位完成情况排名`,
      sheetName: '单位排名',
      subtitle: sub,
      columns: [
        { header: '名次', key: 'rank', width: 8 },
        { header: '单位', key: 'unitName', width: 30 },
        { header: '牵头任务', key: 'leadTasks' },
        { header: '已完成', key: 'done' },
        { header: '逾期', key: 'overdue' },
        { header: '临期', key: 'atRisk' },
        { header: '完成率', key: 'completionRate' },
      ],
      rows: b.ranking.map((r) => ({
        rank: r.rank,
        unitName: r.unitName,
        leadTasks: r.leadTasks,
        done: r.done,
        overdue: r.overdue,
        atRisk: r.atRisk,
        completionRate: `${Math.round(r.completionRate * 100)}%`,
      })),
    },
  );
}
