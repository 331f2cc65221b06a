import { describe, expect, it } from 'vitest';
import { buildXlsx, readXlsxRows } from './xlsx.ts';

describe('Excel export', () => {
  it('writes a titled, headed table that reads back cell for cell', async () => {
    const buffer = await buildXlsx({
      title: '街道三率排名',
      subtitle: ['统计期：2026年10月'],
      columns: [
        { header: '名次', key: 'rank' },
        { header: '街道', key: 'name', width: 20 },
        { header: '满意率', key: 'rate', format: (v) => `${((v as number) * 100).toFixed(1)}%` },
      ],
      rows: [
        { rank: 1, name: '八宝山街道', rate: 0.953 },
        { rank: 2, name: '鲁谷街道', rate: 0.9 },
      ],
      footer: ['制表人：'],
    });
    const rows = await readXlsxRows(buffer);
    expect(rows).toEqual([
      ['街道三率排名'],
      ['统计期：2026年10月'],
      ['名次', '街道', '满意率'],
      ['1', '八宝山街道', '95.3%'],
      ['2', '鲁谷街道', '90.0%'],
      ['制表人：'],
    ]);
  });
});
