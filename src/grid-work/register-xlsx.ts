import { buildXlsx } from '../core/export/xlsx.ts';
import { monthZh } from './model.ts';
import type { RegisterView } from './register-view.ts';

interface Line {
  no: number;
  kind: string;
  content: string;
  source: string;
  major: string;
  leader: string;
  result: string;
}

const bjDate = (iso: string | null) => {
  if (!iso) return '';
  const d = new Date(new Date(iso).getTime() + 8 * 3600_000).toISOString().slice(0, 10);
  return `${d.slice(0, 4)}年${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`;
};

/**
 * 网格反映问题和意见建议交办登记表 in the paper form's shape: one line per problem or suggestion with
 * its 包办领导 and 落实情况, the month's 即报即办 items marked, and the leader's sign-off under it.
 */
export function registerXlsx(r: RegisterView): Promise<Buffer> {
  const lines: Line[] = [...r.items, ...r.majorItems].map((i, n) => ({
    no: n + 1,
    kind: i.kindName,
    content: i.content,
    source: [i.gridCode ? `网格 ${i.gridCode}` : '', i.reportedBy].filter(Boolean).join(' · '),
    major: i.major ? '是（即报即办）' : '否',
    leader: i.responsibleLeader ?? '',
    result: i.result ?? '',
  }));
  return buildXlsx<Line>({
    title: '网格反映问题和意见建议交办登记表',
    sheetName: `交办登记表${r.month}`,
    subtitle: [
      `街道：${r.streetName ?? ''}　　社区：${r.community.name}　　月份：${monthZh(r.month)}　　提交：${bjDate(r.submittedAt)}`,
    ],
    columns: [
      { header: '序号', key: 'no', width: 6 },
      { header: '类别', key: 'kind', width: 10 },
      { header: '反映问题和意见建议', key: 'content', width: 50 },
      { header: '反映网格/人员', key: 'source', width: 24 },
      { header: '特殊重大', key: 'major', width: 14 },
      { header: '包办领导', key: 'leader', width: 12 },
      { header: '落实情况', key: 'result', width: 30 },
    ],
    rows: lines,
    footer: [
      `街道党政主要负责同志签批：${r.signedOffLeader ?? ''}　　　　日期：${bjDate(r.signedOffAt)}`,
      '注：由网格员会同所在社区按月梳理形成，提交街道党政办，经党政主要负责同志签批逐项落实包办领导；特殊重大情况即报即办。',
    ],
  });
}
