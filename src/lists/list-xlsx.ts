import { buildXlsx, type XlsxColumn } from '../core/export/xlsx.ts';
import { LIST_KIND_NAMES, type ListKind } from './model.ts';
import { describeTimeLimit } from './service/rules.ts';
import type { ListItemRow, ListVersionRow } from './tables.ts';

interface Row {
  itemCode: string;
  name: string;
  category: string;
  demandCategories: string;
  responsibleUnit: string;
  basis: string;
  conditions: string;
  materials: string;
  timeLimit: string;
  whereHandled: string;
  proxyAllowed: string;
  transfers: string;
}

function toRow(i: ListItemRow, unitName: (code: string) => string): Row {
  const d = i.details;
  const t = i.transfers;
  return {
    itemCode: i.itemCode,
    name: i.name,
    category: i.category ?? '',
    demandCategories: i.demandCategories.join('、'),
    responsibleUnit: i.responsibleUnitCode ? unitName(i.responsibleUnitCode) : '',
    basis: i.basis ?? '',
    conditions: d?.conditions ?? '',
    materials: d ? d.materials.map((m, n) => `${n + 1}.${m}`).join('；') : '',
    timeLimit: d ? describeTimeLimit(d.timeLimit) : '',
    whereHandled: d?.whereHandled ?? '',
    proxyAllowed: d ? (d.proxyAllowed ? '是' : '否') : '',
    transfers: t
      ? [`权：${t.authority ?? ''}`, `人：${t.staff ?? ''}`, `费：${t.funds ?? ''}`].join('；')
      : '',
  };
}

/**
 * A list version as the workbook offices forward. The header names are the import's own, so an
 * exported list can be edited and imported back as the next version.
 */
export function listVersionXlsx(
  version: ListVersionRow,
  items: ListItemRow[],
  unitName: (code: string) => string,
): Promise<Buffer> {
  const kind = version.kind as ListKind;
  const common: XlsxColumn<Row>[] = [
    { header: '编号', key: 'itemCode', width: 12 },
    { header: '事项名称', key: 'name', width: 30 },
    { header: '类别', key: 'category', width: 12 },
  ];
  const byKind: XlsxColumn<Row>[] =
    kind === 'service_catalog'
      ? [
          { header: '办理条件', key: 'conditions', width: 30 },
          { header: '申请材料', key: 'materials', width: 40 },
          { header: '办理时限', key: 'timeLimit', width: 12 },
          { header: '办理地点', key: 'whereHandled', width: 18 },
          { header: '可代办', key: 'proxyAllowed', width: 8 },
        ]
      : [
          { header: '诉求分类', key: 'demandCategories', width: 14 },
          { header: '责任部门', key: 'responsibleUnit', width: 18 },
          { header: '依据', key: 'basis', width: 30 },
          { header: '权人费随事转', key: 'transfers', width: 30 },
        ];
  return buildXlsx<Row>({
    title: version.title,
    sheetName: LIST_KIND_NAMES[kind],
    subtitle: [
      `${LIST_KIND_NAMES[kind]} 第${version.versionNo}版；批准文件：${version.approvingDocument}；自 ${version.effectiveFrom} 起施行${version.effectiveTo ? `，至 ${version.effectiveTo} 止` : ''}`,
    ],
    columns: [...common, ...byKind],
    rows: items.map((i) => toRow(i, unitName)),
  });
}
