import { describe, expect, it } from 'vitest';
import { parsePeriod, periodForScheme } from './periods.ts';

describe('assessment periods', () => {
  it('parses months, quarters, half years and years in Beijing time', () => {
    expect(parsePeriod('2026-10')).toMatchObject({
      kind: 'month',
      months: ['2026-10'],
      firstDay: '2026-10-01',
      lastDay: '2026-10-31',
      label: '2026年10月',
    });
    expect(parsePeriod('2026-10')?.from.toISOString()).toBe('2026-09-30T16:00:00.000Z');
    expect(parsePeriod('2026-Q4')).toMatchObject({
      months: ['2026-10', '2026-11', '2026-12'],
      lastDay: '2026-12-31',
    });
    expect(parsePeriod('2026-Q4')?.to.toISOString()).toBe('2026-12-31T16:00:00.000Z');
    expect(parsePeriod('2026-H1')).toMatchObject({
      firstDay: '2026-01-01',
      lastDay: '2026-06-30',
      label: '2026年上半年',
    });
    expect(parsePeriod('2028-02')?.lastDay).toBe('2028-02-29');
    expect(parsePeriod('2026')?.months).toHaveLength(12);
    expect(parsePeriod('2026-13')).toBeNull();
  });

  it('requires the scheme’s own kind of period', () => {
    expect(periodForScheme('2026-Q3', 'quarter').key).toBe('2026-Q3');
    expect(() => periodForScheme('2026-10', 'quarter')).toThrow(/2026-Q4/);
  });
});
