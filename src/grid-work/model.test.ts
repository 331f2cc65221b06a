import { describe, expect, it } from 'vitest';
import { beijingDate, beijingMonth, dateSchema, dateZh, monthRange, monthSchema, monthZh } from './model.ts';

describe('Beijing dates and months', () => {
  it('reads an instant as its Beijing date, across midnight UTC+8', () => {
    expect(beijingDate(new Date('2026-05-31T15:59:59Z'))).toBe('2026-05-31');
    expect(beijingDate(new Date('2026-05-31T16:00:00Z'))).toBe('2026-06-01');
    expect(beijingMonth(new Date('2026-12-31T16:00:00Z'))).toBe('2027-01');
  });

  it('gives a month as the instants of its Beijing days', () => {
    expect(monthRange('2026-05')).toEqual({
      from: new Date('2026-04-30T16:00:00Z'),
      to: new Date('2026-05-31T16:00:00Z'),
    });
    expect(monthRange('2026-12').to).toEqual(new Date('2026-12-31T16:00:00Z'));
    expect(monthRange('2028-02').to.getTime() - monthRange('2028-02').from.getTime()).toBe(29 * 86_400_000);
  });

  it('validates months and dates, refusing ones that do not exist', () => {
    expect(monthSchema.safeParse('2026-05').success).toBe(true);
    expect(monthSchema.safeParse('2026-13').success).toBe(false);
    expect(monthSchema.safeParse('2026-5').success).toBe(false);
    expect(dateSchema.safeParse('2026-02-28').success).toBe(true);
    expect(dateSchema.safeParse('2026-02-30').success).toBe(false);
    expect(dateSchema.safeParse('2026/02/01').success).toBe(false);
  });

  it('writes months and dates the way the paper forms do', () => {
    expect(monthZh('2026-05')).toBe('2026年5月');
    expect(dateZh('2026-05-03')).toBe('2026年5月3日');
  });
});
