import { buildXlsx } from '../core/export/xlsx.ts';
import { dateZh, monthZh } from './model.ts';
import type { PatrolSheet } from './patrol-sheet.ts';

interface Line {
  no: number;
  date: string;
  grid: string;
  worker: string;
  hours: number;
  households: number;
  findings: string;
}

/**
 * The 网格工作纪实表 as the paper form has it: heading, street/community/month line, one row per
 * day and grid, per-worker totals, then the secretary's opinion and signature (or empty lines to
 * sign on paper while the month is open) and where it goes (GP 四(二)).
 */
export function patrolSheetXlsx(sheet: PatrolSheet): Promise<Buffer> {
  const rows: Line[] = sheet.entries.map((e, i) => ({
    no: i + 1,
    date: dateZh(e.date),
    grid: e.gridName,
    worker: e.workerName,
    hours: e.hours,
    households: e.householdsVisited,
    findings: e.findings,
  }));
  const sig = sheet.signature;
  const signedOn = sig
    ? dateZh(new Date(sig.signedAt.getTime() + 8 * 3600_000).toISOString().slice(0, 10))
    : '';
  return buildXlsx<Line>({
    title: '网格工作纪实表',
    sheetName: `网格工作纪实表${sheet.month}`,
    subtitle: [
      `街道：${sheet.streetName ?? ''}　　社区：${sheet.community.name}　　月份：${monthZh(sheet.month)}`,
    ],
    columns: [
      { header: '序号', key: 'no', width: 6 },
      { header: '日期', key: 'date', width: 14 },
      { header: '网格', key: 'grid', width: 22 },
      { header: '网格员', key: 'worker', width: 10 },
      { header: '工作时长（小时）', key: 'hours', width: 10 },
      { header: '走访户数', key: 'households', width: 10 },
      { header: '工作内容及发现问题', key: 'findings', width: 50 },
    ],
    rows,
    footer: [
      `本月合计：${sheet.totals.map((t) => `${t.workerName} ${t.days} 天、${t.hours} 小时、走访 ${t.householdsVisited} 户`).join('；') || '无'}`,
      `社区党委书记意见：${sig?.opinion ?? ''}`,
      `签字：${sig?.signedByName ?? ''}　　　　日期：${signedOn}`,
      '注：由社区党委书记签署意见后按月收集汇总上报街道党群工作部（组织室）备查，作为考核依据。',
    ],
  });
}
