import { describe, expect, it } from 'vitest';
import { looksLikeDeadlineText, parseDeadline } from './parse-deadline.ts';

const deadlineOf = (text: string): string | null => parseDeadline(text).deadline;

describe('parseDeadline', () => {
  it.each([
    ['2015年3月', '2015-03'],
    ['2021年6月', '2021-06'],
    ['2021年6月份', '2021-06'],
    ['2021年6月前', '2021-06'],
    ['2021年6月30日', '2021-06-30'],
    ['2021年6月30号前', '2021-06-30'],
    ['2021-06-30', '2021-06-30'],
    ['2021.6.30', '2021-06-30'],
    ['2021/6/30', '2021-06-30'],
    ['2021.6', '2021-06'],
    ['2021-06', '2021-06'],
    ['2020 年底前', '2020-12-31'],
    ['２０２０年底前', '2020-12-31'],
    ['2020年底', '2020-12-31'],
    ['2020年年底前', '2020-12-31'],
    ['2020年末', '2020-12-31'],
    ['2020年内', '2020-12-31'],
    ['2020年', '2020-12-31'],
    ['2020年上半年', '2020-06-30'],
    ['2020年下半年', '2020-12-31'],
    ['2020年年中', '2020-06-30'],
    ['2021年一季度', '2021-03-31'],
    ['2021年第二季度', '2021-06-30'],
    ['2021年第三季度末', '2021-09-30'],
    ['2021年4季度', '2021-12-31'],
    ['2021年6月底前', '2021-06-30'],
    ['2021年2月底', '2021-02-28'],
    ['2024年2月底', '2024-02-29'],
    ['2021年9月末', '2021-09-30'],
    ['2021年3月上旬', '2021-03-10'],
    ['2021年3月中旬', '2021-03-20'],
    ['2021年3月下旬', '2021-03-31'],
    ['二〇二一年十二月', '2021-12'],
    ['2021年十二月三十一日', '2021-12-31'],
    ['2020—2022年', '2022-12-31'],
    ['2020年至2022年', '2022-12-31'],
    ['2020年6月底前出台，年底前全面实施', '2020-12-31'],
    ['2020年6月启动，12月底前完成', '2020-12-31'],
    ['2021年3月完成方案，2021年6月30日前完成验收', '2021-06-30'],
    ['2020年起长期坚持，2022年底前完成', '2022-12-31'],
  ])('reads %s as %s', (text, expected) => {
    expect(parseDeadline(text)).toEqual({ kind: 'dated', deadline: expected });
  });

  it.each(['长期坚持', '持续推进', '长期', '常态化推进', '每年开展', '2020年起每年开展'])(
    'reads %s as ongoing',
    (text) => {
      expect(parseDeadline(text)).toEqual({ kind: 'ongoing', deadline: null });
    },
  );

  it('reads an empty value as empty', () => {
    expect(parseDeadline('  ')).toEqual({ kind: 'empty', deadline: null });
  });

  it.each(['6月底前', '年底前', '2021年13月', '2021年2月30日', '尽快', '春节前'])(
    'cannot read %s',
    (text) => {
      expect(parseDeadline(text)).toEqual({ kind: 'unrecognized', deadline: null });
    },
  );

  it('keeps a month a month and a day a day when both end on the same day', () => {
    expect(deadlineOf('2021年6月，2021年6月30日')).toBe('2021-06-30');
  });

  it('tells date-like line tails from other text', () => {
    expect(looksLikeDeadlineText('底前')).toBe(true);
    expect(looksLikeDeadlineText('6月30日')).toBe(true);
    expect(looksLikeDeadlineText('各街道')).toBe(false);
  });
});
