import { buildXlsx } from '../../core/export/xlsx.ts';
import type { CadenceReport } from './cadence-report.ts';
import type { ResolutionView } from './present.ts';

const madeAt = () => `制表时间：${new Date().toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai' })}`;
const PERIOD_NAMES = { month: '每月', quarter: '每季度', half_year: '每半年', year: '每年' } as const;
const STATUS_NAMES = { open: '未落实', in_progress: '落实中', done: '已办结' } as const;

/** 社区议事协商会议开展情况: one column per period, the misses named. */
export function cadenceXlsx(report: CadenceReport): Promise<Buffer> {
  type Row = Record<string, string | number>;
  const rows: Row[] = report.rows.map((r) => {
    const row: Row = {
      street: r.street.name,
      community: r.community.name,
      missedCount: r.missed.length,
      result: r.missed.length > 0 ? '未达要求' : '达标',
    };
    for (const p of r.periods) row[p.key] = p.status === 'open' && p.held === 0 ? '进行中' : p.held;
    return row;
  });
  return buildXlsx<Row>({
    title: '社区议事协商会议开展情况',
    subtitle: [
      `期间：${report.fromMonth} 至 ${report.toMonth}　要求：${PERIOD_NAMES[report.rule.period]}至少 ${report.rule.minTimes} 次`,
      `依据：${report.rule.source}`,
      madeAt(),
    ],
    columns: [
      { header: '街道', key: 'street', width: 16 },
      { header: '社区', key: 'community', width: 22 },
      ...report.periods.map((p) => ({ header: p.label, key: p.key, width: 10 })),
      { header: '未达要求期数', key: 'missedCount', width: 12 },
      { header: '结论', key: 'result', width: 10 },
    ],
    rows,
    footer: [
      report.missing.length === 0
        ? '各社区均按要求开展议事协商。'
        : `未按要求开展的社区（${report.missing.length} 个）：${report.missing.map((m) => `${m.name}（${m.missed.join('、')}）`).join('；')}`,
    ],
  });
}

/** 议定事项跟踪落实台账: every resolution with its owner, due day, status and latest follow-up. */
export function resolutionsXlsx(
  rows: (ResolutionView & { communityName: string; meetingTitle: string })[],
): Promise<Buffer> {
  return buildXlsx({
    title: '议事协商议定事项跟踪落实台账',
    subtitle: [madeAt()],
    columns: [
      { header: '社区', key: 'communityName', width: 20 },
      { header: '会议', key: 'meetingTitle', width: 24 },
      { header: '决议内容', key: 'content', width: 40 },
      { header: '类别', key: 'kindName', width: 10 },
      { header: '责任单位', key: 'ownerUnitName', width: 24 },
      { header: '责任人', key: 'ownerName', width: 10 },
      { header: '完成时限', key: 'dueOn', width: 12 },
      { header: '状态', key: 'statusName', width: 10 },
      { header: '最新进展', key: 'latest', width: 40 },
    ],
    rows: rows.map((r) => ({
      ...r,
      kindName: r.kind === 'project' ? '民意立项' : '交办事项',
      statusName: `${STATUS_NAMES[r.status]}${r.overdue ? '（逾期）' : ''}`,
      latest: r.followUps[r.followUps.length - 1]?.note ?? '',
    })),
  });
}
