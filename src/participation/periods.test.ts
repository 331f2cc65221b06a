import { describe, expect, it } from 'vitest';
import {
  beijingDate,
  beijingMonth,
  nextMonth,
  PERIOD_KINDS,
  parsePeriod,
  periodKeyOf,
  periodsCovering,
} from './periods.ts';

describe('parsePeriod', () => {
  it.each([
    ['2026', 'year', '2026-01', '2026-12', '2026-01-01', '2026-12-31', '2026年'],
    ['2026-02', 'month', '2026-02', '2026-02', '2026-02-01', '2026-02-28', '2026年2月'],
    ['2024-02', 'month', '2024-02', '2024-02', '2024-02-01', '2024-02-29', '2024年2月'],
    ['2026-12', 'month', '2026-12', '2026-12', '2026-12-01', '2026-12-31', '2026年12月'],
    ['2026-Q1', 'quarter', '2026-01', '2026-03', '2026-01-01', '2026-03-31', '2026年第1季度'],
    ['2026-Q4', 'quarter', '2026-10', '2026-12', '2026-10-01', '2026-12-31', '2026年第4季度'],
    ['2026-H1', 'half_year', '2026-01', '2026-06', '2026-01-01', '2026-06-30', '2026年上半年'],
    ['2026-H2', 'half_year', '2026-07', '2026-12', '2026-07-01', '2026-12-31', '2026年下半年'],
  ])('%s → %s %s..%s', (key, kind, first, last, firstDay, lastDay, label) => {
    expect(parsePeriod(key)).toMatchObject({
      key,
      kind,
      firstMonth: first,
      lastMonth: last,
      firstDay,
      lastDay,
      label,
    });
  });

  it('spans Beijing midnights: [first day 00:00+08, day after the last 00:00+08)', () => {
    const p = parsePeriod('2026-12');
    expect(p?.from.toISOString()).toBe('2026-11-30T16:00:00.000Z');
    expect(p?.to.toISOString()).toBe('2026-12-31T16:00:00.000Z');
    expect(parsePeriod('2026-Q4')?.to.toISOString()).toBe('2026-12-31T16:00:00.000Z');
  });

  it.each(['', '26', '2026-13', '2026-00', '2026-Q5', '2026-Q0', '2026-H3', '2026-1', '2026-q1', 'abcd'])(
    'refuses %j',
    (key) => expect(parsePeriod(key)).toBeNull(),
  );
});

describe('periodKeyOf / periodsCovering', () => {
  it.each([
    ['2026-01', { month: '2026-01', quarter: '2026-Q1', half_year: '2026-H1', year: '2026' }],
    ['2026-06', { month: '2026-06', quarter: '2026-Q2', half_year: '2026-H1', year: '2026' }],
    ['2026-07', { month: '2026-07', quarter: '2026-Q3', half_year: '2026-H2', year: '2026' }],
    ['2026-12', { month: '2026-12', quarter: '2026-Q4', half_year: '2026-H2', year: '2026' }],
  ])('%s', (month, keys) => {
    for (const kind of PERIOD_KINDS) expect(periodKeyOf(month, kind)).toBe(keys[kind]);
  });

  it('lists the periods that touch a range, across a year end, each once', () => {
    expect(periodsCovering('2025-11', '2026-02', 'month').map((p) => p.key)).toEqual([
      '2025-11',
      '2025-12',
      '2026-01',
      '2026-02',
    ]);
    expect(periodsCovering('2026-02', '2026-07', 'quarter').map((p) => p.key)).toEqual([
      '2026-Q1',
      '2026-Q2',
      '2026-Q3',
    ]);
    expect(periodsCovering('2025-06', '2026-01', 'half_year').map((p) => p.key)).toEqual([
      '2025-H1',
      '2025-H2',
      '2026-H1',
    ]);
    expect(periodsCovering('2025-06', '2026-01', 'year').map((p) => p.key)).toEqual(['2025', '2026']);
    expect(periodsCovering('2026-03', '2026-02', 'month')).toEqual([]);
  });

  it('steps months and reads Beijing dates', () => {
    expect(nextMonth('2026-12')).toBe('2027-01');
    expect(nextMonth('2026-09')).toBe('2026-10');
    expect(beijingDate(new Date('2026-05-31T16:30:00Z'))).toBe('2026-06-01');
    expect(beijingMonth(new Date('2026-05-31T15:59:59Z'))).toBe('2026-05');
  });
});
