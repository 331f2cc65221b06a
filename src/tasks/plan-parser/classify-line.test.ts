import { describe, expect, it } from 'vitest';
import {
  chineseNumberToInt,
  detectTaskNumberStyle,
  parseSectionHeading,
  parseTaskNumber,
} from './classify-line.ts';

describe('chineseNumberToInt', () => {
  it.each([
    ['三', 3],
    ['十', 10],
    ['十二', 12],
    ['二十', 20],
    ['三十一', 31],
    ['二〇二一', 2021],
  ])('reads %s as %i', (text, n) => expect(chineseNumberToInt(text)).toBe(n));

  it.each(['', '十十', '百', 'a'])('rejects %s', (text) => expect(chineseNumberToInt(text)).toBeNull());
});

describe('parseSectionHeading', () => {
  it('reads both levels and stops at a full stop', () => {
    expect(parseSectionHeading('一、加强党建引领')).toEqual({
      level: 1,
      ordinal: 1,
      text: '一、加强党建引领',
    });
    expect(parseSectionHeading('十二．其他')).toEqual({ level: 1, ordinal: 12, text: '十二．其他' });
    expect(parseSectionHeading('（三）强化保障。各单位要……')).toEqual({
      level: 2,
      ordinal: 3,
      text: '（三）强化保障',
    });
  });

  it('does not take an enumeration wrapped onto a new line for a heading', () => {
    expect(parseSectionHeading('三、四季度完成')).toBeNull();
    expect(parseSectionHeading('一、')).toBeNull();
    expect(parseSectionHeading('一是加强领导')).toBeNull();
  });
});

describe('parseTaskNumber', () => {
  it('reads 1. 1． 1、 and (1) in their styles', () => {
    expect(parseTaskNumber('1.健全制度', 'dot')).toEqual({ no: 1, rest: '健全制度' });
    expect(parseTaskNumber('12．健全制度', 'dot')).toEqual({ no: 12, rest: '健全制度' });
    expect(parseTaskNumber('3、健全制度', 'dot')).toEqual({ no: 3, rest: '健全制度' });
    expect(parseTaskNumber('（4）健全制度', 'paren')).toEqual({ no: 4, rest: '健全制度' });
    expect(parseTaskNumber('（4）健全制度', 'dot')).toBeNull();
    expect(parseTaskNumber('5．', 'dot')).toEqual({ no: 5, rest: '' });
  });

  it('does not take numbers inside text for task numbers', () => {
    expect(parseTaskNumber('3、4号楼外立面改造', 'dot')).toBeNull();
    expect(parseTaskNumber('2.5亿元', 'dot')).toBeNull();
    expect(parseTaskNumber('2021.6.30前', 'dot')).toBeNull();
    expect(parseTaskNumber('12345热线', 'dot')).toBeNull();
  });

  it('detects the style a plan uses', () => {
    expect(detectTaskNumberStyle(['一、甲', '(1)乙', '1.丙'])).toBe('dot');
    expect(detectTaskNumberStyle(['一、甲', '(1)乙'])).toBe('paren');
  });
});
