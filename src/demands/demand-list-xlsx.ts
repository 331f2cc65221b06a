import { buildXlsx } from '../core/export/xlsx.ts';
import type { DemandView } from './present-demand.ts';

const local = (iso: string | null) =>
  iso ? new Date(new Date(iso).getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ') : '';

/** The demand list as the Excel register offices forward; callers stay masked (PIPL). */
export function demandListXlsx(items: DemandView[]): Promise<Buffer> {
  const rows = items.map((d) => ({
    code: d.code,
    createdAt: local(d.createdAt),
    type: d.type,
    category: d.category?.name ?? '',
    content: d.content,
    caller: [d.caller.name, d.caller.phone].filter(Boolean).join(' '),
    address: d.address ?? '',
    status: d.statusName,
    dueAt: local(d.dueAt),
    dueState:
      { ok: '', due_soon: '即将超期', overdue: '已超期', expired: '时限届满' }[d.dueState] ?? d.dueState,
  }));
  return buildXlsx({
    title: '接诉即办诉求清单',
    subtitle: [`导出时间：${local(new Date().toISOString())}（诉求人信息已脱敏）`],
    columns: [
      { header: '受理编号', key: 'code', width: 18 },
      { header: '受理时间', key: 'createdAt', width: 17 },
      { header: '类型', key: 'type' },
      { header: '类别', key: 'category', width: 22 },
      { header: '诉求内容', key: 'content', width: 50 },
      { header: '诉求人', key: 'caller', width: 18 },
      { header: '地址', key: 'address', width: 24 },
      { header: '状态', key: 'status' },
      { header: '办理时限', key: 'dueAt', width: 17 },
      { header: '预警', key: 'dueState' },
    ],
    rows,
  });
}
