import { buildXlsx, type XlsxColumn } from '../core/export/xlsx.ts';
import type { TaskPlanRow } from './tables.ts';
import { formatDeadlineZh, STATUS_NAMES } from './task-status.ts';
import type { TaskView } from './task-views.ts';

interface PlanSheetRow {
  no: number | null;
  content: string;
  lead: string;
  co: string;
  deadline: string;
  status: string;
  latest: string;
}

/** The paper plan's columns, then the supervision columns. */
const COLUMNS: XlsxColumn<PlanSheetRow>[] = [
  { header: '序号', key: 'no', width: 6 },
  { header: '任务内容', key: 'content', width: 60 },
  { header: '牵头单位', key: 'lead', width: 22 },
  { header: '协办单位', key: 'co', width: 30 },
  { header: '完成时间', key: 'deadline', width: 14 },
  { header: '状态', key: 'status', width: 12 },
  { header: '最新进展', key: 'latest', width: 40 },
];

/** The 最新进展 cell: who reported what, when. */
function latestText(view: TaskView): string {
  const p = view.latest;
  if (!p) return '';
  const day = p.reportedAt.toISOString().slice(0, 10);
  return `${day} ${p.unitName}（${p.period}）：${p.text}`;
}

/** The 状态 cell: the status name, and the reason when it is not plainly on track or done. */
function statusText(view: TaskView): string {
  const { status, reason } = view.status;
  if (status === 'on_track') return STATUS_NAMES.on_track;
  if (status === 'done') return view.status.late ? reason : STATUS_NAMES.done;
  return `${STATUS_NAMES[status]}（${reason}）`;
}

/** Rows of the sheet: a heading row for each section, as the paper plan groups its tasks. */
export function planSheetRows(views: readonly TaskView[]): PlanSheetRow[] {
  const rows: PlanSheetRow[] = [];
  let section: string | null = null;
  for (const v of views) {
    if (v.task.section && v.task.section !== section) {
      rows.push({
        no: null,
        content: v.task.section,
        lead: '',
        co: '',
        deadline: '',
        status: '',
        latest: '',
      });
    }
    section = v.task.section;
    rows.push({
      no: v.task.no,
      content: v.task.content,
      lead: v.leadNames.join('、'),
      co: v.coNames.join('、'),
      deadline: formatDeadlineZh(v.task.deadline),
      status: statusText(v),
      latest: latestText(v),
    });
  }
  return rows;
}

/**
 * The plan as an Excel workbook in the columns the paper plan had (序号, 任务内容, 牵头单位, 协办单位,
 * 完成时间) plus 状态 and 最新进展, as of `asOf`: what the supervision office forwards.
 */
export async function exportPlanXlsx(
  plan: TaskPlanRow,
  views: readonly TaskView[],
  asOf: string,
): Promise<Buffer> {
  const count = (s: string) => views.filter((v) => v.status.status === s).length;
  return buildXlsx({
    title: plan.title,
    sheetName: '任务分解及进展',
    subtitle: [
      `截至 ${asOf}：共 ${views.length} 项，正常推进 ${count('on_track')} 项，存在风险 ${count('at_risk')} 项，已逾期 ${count('overdue')} 项，已完成 ${count('done')} 项`,
    ],
    columns: COLUMNS,
    rows: planSheetRows(views),
    footer: ['状态按完成时间、牵头单位最新进展和制表日计算；完成时间只写到月的，以当月最后一天为限。'],
  });
}
