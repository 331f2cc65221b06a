import { describe, expect, it } from 'vitest';
import { checkNumbering } from './numbering.ts';

const tasks = (nos: number[], sectionIndex = 0) => nos.map((no) => ({ no, section: '一、甲', sectionIndex }));

describe('checkNumbering', () => {
  it('is silent for 1..n', () => {
    expect(checkNumbering(tasks([1, 2, 3]))).toEqual([]);
    expect(checkNumbering([])).toEqual([]);
  });

  it('reports a gap, a gap at the start, and ranges', () => {
    expect(checkNumbering(tasks([1, 2, 3, 4, 6]))).toEqual([
      '任务编号不连续：缺少 5 (numbering gap: 5 missing)',
    ]);
    expect(checkNumbering(tasks([3, 4]))).toEqual(['任务编号不连续：缺少 1–2 (numbering gap: 1–2 missing)']);
    expect(checkNumbering(tasks([1, 4, 6]))).toEqual([
      '任务编号不连续：缺少 2–3, 5 (numbering gap: 2–3, 5 missing)',
    ]);
  });

  it('reports each duplicated number once', () => {
    expect(checkNumbering(tasks([1, 2, 2, 2, 3]))).toEqual(['任务编号重复：2 (duplicate task number: 2)']);
  });

  it('checks sections separately only when each restarts at 1', () => {
    const perSection = [...tasks([1, 2]), ...tasks([1, 2], 1)];
    expect(checkNumbering(perSection)).toEqual([]);
    const running = [...tasks([1, 2]), ...tasks([4], 1)];
    expect(checkNumbering(running)).toEqual(['任务编号不连续：缺少 3 (numbering gap: 3 missing)']);
  });
});
