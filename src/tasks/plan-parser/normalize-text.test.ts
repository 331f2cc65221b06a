import { describe, expect, it } from 'vitest';
import { canonicalUnitName, isPageNumberLine, normalizeLine, toCleanLines } from './normalize-text.ts';

describe('isPageNumberLine', () => {
  it.each([
    '— — — 3 —',
    '- 3 -',
    '—3—',
    '－ 12 －',
    '·3·',
    '3',
    '第 5 页 共 8 页',
    '第5页',
    '3/10',
    'Page 3 of 10',
  ])('takes %s for a page number', (line) => expect(isPageNumberLine(normalizeLine(line))).toBe(true));

  it.each(['2020', '12345', '1.健全制度', '2021年3月', '—', '3.5'])('keeps %s', (line) =>
    expect(isPageNumberLine(normalizeLine(line))).toBe(false),
  );
});

describe('normalizeLine', () => {
  it('turns full-width digits and letters to ASCII and keeps Chinese punctuation', () => {
    expect(normalizeLine('１．建设ＡＰＰ，２０２０年。')).toBe('1．建设APP，2020年。');
  });

  it('removes spaces next to Chinese characters but not between Latin words', () => {
    expect(normalizeLine('  牵 头 单 位 ：区 委 组 织 部  ')).toBe('牵头单位：区委组织部');
    expect(normalizeLine('2020 年底前')).toBe('2020年底前');
    expect(normalizeLine('open  data 平台')).toBe('open data平台');
    expect(normalizeLine('第 5 页 共 8 页')).toBe('第5页共8页');
  });

  it('keeps one space between two Chinese words, where it separates units', () => {
    expect(normalizeLine('牵头单位：区委组织部\u3000\u3000区民政局')).toBe('牵头单位：区委组织部 区民政局');
  });

  it('removes invisible characters', () => {
    expect(normalizeLine('\ufeff区委\u200b办')).toBe('区委办');
  });
});

describe('toCleanLines', () => {
  it('drops blank and page-number lines whatever the line endings', () => {
    expect(toCleanLines('一、甲\r\n\r\n— 2 —\r1.乙\n  \n- 3 -\n丙')).toEqual(['一、甲', '1.乙', '丙']);
  });
});

describe('canonicalUnitName', () => {
  it('makes brackets half-width and removes spaces', () => {
    expect(canonicalUnitName('区民政局 （区委社会工委）')).toBe('区民政局(区委社会工委)');
  });
});
