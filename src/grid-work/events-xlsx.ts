import { buildXlsx } from '../core/export/xlsx.ts';
import type { GridEventView } from './present-grid-event.ts';

const time = (iso: string | null): string =>
  iso ? new Date(new Date(iso).getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ') : '';

/** 网格事件台账: the register of grid events as listed (same filter), one row per case. */
export function gridEventsXlsx(items: readonly GridEventView[], filter: string[]): Promise<Buffer> {
  return buildXlsx({
    title: '网格事件台账',
    subtitle: [`制表时间：${time(new Date().toISOString())}　共 ${items.length} 件`, ...filter],
    columns: [
      { header: '编号', key: 'code', width: 20 },
      { header: '类别', key: 'category', width: 26, format: (_v, r) => r.category.path },
      { header: '问题描述', key: 'description', width: 40 },
      { header: '位置', key: 'address', width: 18 },
      { header: '网格', key: 'gridCode', width: 18 },
      { header: '状态', key: 'statusName', width: 10 },
      { header: '管理层级', key: 'level', format: (v) => (v === 'street' ? '街道' : '社区') },
      { header: '管理单位', key: 'owner', width: 18, format: (_v, r) => r.owner?.name ?? '' },
      { header: '处置单位', key: 'handler', width: 18, format: (_v, r) => r.handler?.name ?? '' },
      { header: '处置时限', key: 'dueAt', width: 18, format: (_v, r) => time(r.dueAt) },
      { header: '超期', key: 'overdue', format: (_v, r) => (r.overdue ? '是' : '') },
      { header: '返工次数', key: 'reworkCount' },
      { header: '关联诉求', key: 'demand', width: 18, format: (_v, r) => r.demand?.code ?? '' },
      { header: '上报人', key: 'reporter', width: 14 },
      { header: '上报时间', key: 'createdAt', width: 18, format: (_v, r) => time(r.createdAt) },
      { header: '结案时间', key: 'closedAt', width: 18, format: (_v, r) => time(r.closedAt) },
    ],
    rows: [...items],
  });
}
