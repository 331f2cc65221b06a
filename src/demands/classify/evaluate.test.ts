import { describe, expect, it } from 'vitest';
import { AppError } from '../../core/errors.ts';
import { createClassifier, type Example } from './classifier.ts';
import { evaluate, parseTrainingFile, splitHeldOut } from './evaluate.ts';

describe('parseTrainingFile', () => {
  it('reads text<TAB>category lines, skipping blank and # comment lines', () => {
    const file = '\uFEFF# comment\n暖气不热\t供暖\r\n\n   \n路灯\t不亮\t路灯照明\n';
    expect(parseTrainingFile(file)).toEqual([
      { text: '暖气不热', category: '供暖' },
      // A tab inside the text is kept: the category is after the LAST tab.
      { text: '路灯\t不亮', category: '路灯照明' },
    ]);
  });

  it('lists every malformed line number (1-based) in one error', () => {
    const file = 'ok\tA\nno tab here\n\tA\ntext\t\nok\tB\n';
    try {
      parseTrainingFile(file);
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(AppError);
      const e = err as AppError;
      expect(e.code).toBe('VALIDATION_FAILED');
      expect(e.message).toContain('第 2, 3, 4 行');
      expect(e.details).toEqual({ lines: [2, 3, 4] });
    }
  });

  it('shortens the message but keeps all line numbers when many lines are bad', () => {
    const file = Array.from({ length: 30 }, () => 'bad').join('\n');
    expect(() => parseTrainingFile(file)).toThrow(/共 30 行/);
  });
});

describe('splitHeldOut', () => {
  const examples: Example[] = [
    ...Array.from({ length: 40 }, (_, i) => ({ text: `a${i}`, category: 'A' })),
    ...Array.from({ length: 8 }, (_, i) => ({ text: `b${i}`, category: 'B' })),
    { text: 'c0', category: 'C' },
  ];

  it('is deterministic for a seed and differs across seeds', () => {
    expect(splitHeldOut(examples, 0.25, 7)).toEqual(splitHeldOut(examples, 0.25, 7));
    expect(splitHeldOut(examples, 0.25, 7).heldOut).not.toEqual(splitHeldOut(examples, 0.25, 8).heldOut);
  });

  it('is stratified, disjoint and complete; a singleton category stays in training', () => {
    const { train, heldOut } = splitHeldOut(examples, 0.25, 1);
    expect(heldOut.filter((e) => e.category === 'A')).toHaveLength(10);
    expect(heldOut.filter((e) => e.category === 'B')).toHaveLength(2);
    expect(heldOut.filter((e) => e.category === 'C')).toHaveLength(0);
    expect(new Set([...train, ...heldOut].map((e) => e.text)).size).toBe(examples.length);
    expect(train.length + heldOut.length).toBe(examples.length);
  });

  it('refuses a ratio outside (0, 1)', () => {
    expect(() => splitHeldOut(examples, 0, 1)).toThrow(RangeError);
    expect(() => splitHeldOut(examples, 1, 1)).toThrow(RangeError);
  });
});

describe('evaluate', () => {
  it('reports n, accuracy, top3 and per-class precision/recall/f1', () => {
    const model = createClassifier();
    model.train([
      { text: '暖气不热', category: '供暖' },
      { text: '暖气片漏水', category: '供暖' },
      { text: '停水了', category: '供水' },
      { text: '路灯不亮', category: '路灯' },
    ]);
    const report = evaluate(model, [
      { text: '暖气不热了', category: '供暖' },
      { text: '家里停水', category: '供水' },
      { text: '暖气不热', category: '供水' }, // a deliberate miss
    ]);
    expect(report.n).toBe(3);
    expect(report.accuracy).toBeCloseTo(2 / 3, 4);
    expect(report.top3).toBe(1);
    expect(report.per_class.供暖).toEqual({ n: 1, precision: 0.5, recall: 1, f1: 0.6667 });
    expect(report.per_class.供水).toEqual({ n: 2, precision: 1, recall: 0.5, f1: 0.6667 });
    expect(Object.keys(report.per_class)).toEqual(['供暖', '供水']);
  });

  it('handles an empty set', () => {
    expect(evaluate(createClassifier(), [])).toEqual({ n: 0, accuracy: 0, top3: 0, per_class: {} });
  });
});
