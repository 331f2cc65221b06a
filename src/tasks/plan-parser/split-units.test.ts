import { describe, expect, it } from 'vitest';
import { bracketDepth, looksLikeUnitName, splitLeadNotes, splitUnits } from './split-units.ts';

describe('splitUnits', () => {
  it('splits on every list separator, full- or half-width', () => {
    expect(splitUnits('区委组织部、区民政局，区财政局,各街道；区应急局;区司法局')).toEqual([
      '区委组织部',
      '区民政局',
      '区财政局',
      '各街道',
      '区应急局',
      '区司法局',
    ]);
  });

  it('splits on a space kept between two unit names', () => {
    expect(splitUnits('区委组织部 区民政局')).toEqual(['区委组织部', '区民政局']);
  });

  it('keeps bracketed parts whole and makes brackets half-width', () => {
    expect(splitUnits('区民政局（区委社会工委、区社会办）、各街道')).toEqual([
      '区民政局(区委社会工委、区社会办)',
      '各街道',
    ]);
  });

  it('re-joins a name wrapped across lines', () => {
    expect(splitUnits('区民政局(区委社会工\n委)、各街\n道')).toEqual(['区民政局(区委社会工委)', '各街道']);
  });

  it('drops duplicates, empty pieces, a trailing 等 and full stop', () => {
    expect(splitUnits(' 区委办 、、区委办、区财政局等。')).toEqual(['区委办', '区财政局']);
    expect(splitUnits('')).toEqual([]);
  });
});

describe('looksLikeUnitName', () => {
  it.each([
    '区委组织部',
    '各街道',
    '各相关部门',
    '区城管监督指挥中心',
    '区民政局(区委社会工委)',
    '区委组织部(牵头)',
    '区妇联',
  ])('accepts %s', (name) => expect(looksLikeUnitName(name)).toBe(true));

  it.each([
    '扫一扫在手机打开当前页',
    '各单位要高度重视',
    '各社区(本项任务纳入年度绩效考核)',
    '区委办。',
    '来源:区政府',
  ])('rejects %s', (text) => expect(looksLikeUnitName(text)).toBe(false));
});

describe('bracketDepth and splitLeadNotes', () => {
  it('counts open brackets of both widths', () => {
    expect(bracketDepth('区民政局(区委社会工')).toBe(1);
    expect(bracketDepth('区民政局（区委）')).toBe(0);
    expect(bracketDepth('2021年3月)')).toBe(-1);
  });

  it('separates units flagged (牵头)', () => {
    expect(splitLeadNotes(['区委编办(牵头)', '区司法局', '各街道(牵头单位)'])).toEqual({
      flagged: ['区委编办', '各街道'],
      rest: ['区司法局'],
    });
  });
});
