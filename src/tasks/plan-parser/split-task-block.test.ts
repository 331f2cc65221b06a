import { describe, expect, it } from 'vitest';
import { fieldLineCount, hasFieldLabel, splitTaskBlock } from './split-task-block.ts';

describe('splitTaskBlock', () => {
  it('reads fields on their own lines', () => {
    expect(
      splitTaskBlock([
        '健全制度。',
        '牵头单位:区委组织部',
        '协办单位：区民政局、各街道',
        '完成时间:2020年底前',
      ]),
    ).toEqual({
      content: '健全制度。',
      fields: [
        { kind: 'lead', value: '区委组织部' },
        { kind: 'co', value: '区民政局、各街道' },
        { kind: 'deadline', value: '2020年底前' },
      ],
      trailing: '',
    });
  });

  it('reads an inline bracketed group, with brackets inside a value', () => {
    expect(
      splitTaskBlock(['建设中心。（责任单位：区政务服务局（区便民中心）；完成时间：2021年）。']),
    ).toEqual({
      content: '建设中心。',
      fields: [
        { kind: 'responsible', value: '区政务服务局（区便民中心）' },
        { kind: 'deadline', value: '2021年' },
      ],
      trailing: '',
    });
  });

  it('finds labels and values wrapped anywhere', () => {
    const parts = splitTaskBlock(['建设平台。(牵头单位:市发改委;完成时', '间:2021年', '12月)']);
    expect(parts.fields).toEqual([
      { kind: 'lead', value: '市发改委' },
      { kind: 'deadline', value: '2021年12月' },
    ]);
  });

  it('accepts synonyms and 【】 labels', () => {
    const parts = splitTaskBlock(['甲。', '【牵头部门】区委办', '配合部门:区财政局', '时间节点:2021年']);
    expect(parts.fields.map((f) => f.kind)).toEqual(['lead', 'co', 'deadline']);
  });

  it('returns prose after the last field as trailing text', () => {
    const parts = splitTaskBlock(['甲。', '牵头单位:区委办、区财', '政局', '各单位要高度重视，按时完成。']);
    expect(parts.fields).toEqual([{ kind: 'lead', value: '区委办、区财政局' }]);
    expect(parts.trailing).toBe('各单位要高度重视，按时完成。');
  });

  it('keeps a task without fields whole', () => {
    expect(splitTaskBlock(['开展垃圾分类', '示范创建'])).toEqual({
      content: '开展垃圾分类示范创建',
      fields: [],
      trailing: '',
    });
  });

  it('does not read prose mentioning 责任单位 as a label', () => {
    expect(hasFieldLabel('各责任单位要细化实施方案')).toBe(false);
    expect(hasFieldLabel('责任单位：各区')).toBe(true);
  });
});

describe('fieldLineCount', () => {
  it('continues inside an open bracket, after a separator and into a cut name', () => {
    expect(fieldLineCount('co', '区民政局(区委社会工', ['委)、各街道'])).toBe(1);
    expect(fieldLineCount('co', '区委组织部、', ['各街道'])).toBe(1);
    expect(fieldLineCount('co', '区委', ['组织部'])).toBe(1);
    expect(fieldLineCount('co', '区12345热线', ['、各街道'])).toBe(1);
  });

  it('looks past a line that ends mid-name', () => {
    expect(fieldLineCount('co', '区政府办', ['公室、各相关部门、各', '街道', '各单位要高度重视'])).toBe(2);
  });

  it('stops at prose, colons, footers and bracketed remarks', () => {
    expect(fieldLineCount('co', '区委组织部', ['扫一扫在手机打开当前页'])).toBe(0);
    expect(fieldLineCount('co', '区委组织部', ['主办单位:区政府办'])).toBe(0);
    expect(fieldLineCount('co', '各街道', ['各单位要高度重视'])).toBe(0);
    expect(fieldLineCount('co', '各社区', ['（本项任务纳入年度绩效考核）'])).toBe(0);
    expect(fieldLineCount('deadline', '2020年', ['各单位要按时完成本方案确定的任务'])).toBe(0);
  });

  it('continues a deadline with short date tails', () => {
    expect(fieldLineCount('deadline', '2020年', ['底前'])).toBe(1);
    expect(fieldLineCount('deadline', '持续推', ['进', '各单位要高度重视，按时完成。'])).toBe(1);
  });
});
