import { describe, expect, it } from 'vitest';
import { parseCsv, toCsv } from './parse-csv.ts';

describe('CSV', () => {
  it('reads quotes, doubled quotes, embedded commas and newlines, CRLF and a BOM', () => {
    const text = '\uFEFF编号,事项名称\r\nA-1,"低保申请，含""入户调查"""\r\nA-2,"两行\n内容"\r\n\r\n';
    expect(parseCsv(text)).toEqual([
      ['编号', '事项名称'],
      ['A-1', '低保申请，含"入户调查"'],
      ['A-2', '两行\n内容'],
    ]);
  });

  it('keeps empty cells and a last line without newline', () => {
    expect(parseCsv('a,,c\nd,e,')).toEqual([
      ['a', '', 'c'],
      ['d', 'e', ''],
    ]);
  });

  it('round-trips what it writes', () => {
    const rows = [
      ['编号', '材料'],
      ['X-1', '1.身份证；2."户口簿", 原件'],
    ];
    expect(parseCsv(toCsv(rows))).toEqual(rows);
  });
});
