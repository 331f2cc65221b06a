import { describe, expect, it } from 'vitest';
import { createWorkCalendar } from './work-calendar.ts';

const at = (iso: string): Date => new Date(iso);
// Defaults: 09:00–12:00 and 13:30–17:30 Asia/Shanghai, 7 office hours a day.
const cal = createWorkCalendar();

describe('addWorkingHours: sign-for within 2 working hours', () => {
  it('crosses the lunch break', () => {
    expect(cal.addWorkingHours(at('2026-03-02T11:00+08:00'), 2)).toEqual(at('2026-03-02T14:30+08:00'));
  });

  it('ends exactly at the start of lunch rather than after it', () => {
    expect(cal.addWorkingHours(at('2026-03-02T10:00+08:00'), 2)).toEqual(at('2026-03-02T12:00+08:00'));
  });

  it('received during lunch starts at 13:30', () => {
    expect(cal.addWorkingHours(at('2026-03-02T12:30+08:00'), 2)).toEqual(at('2026-03-02T15:30+08:00'));
  });

  it('crosses a night', () => {
    expect(cal.addWorkingHours(at('2026-03-02T16:30+08:00'), 2)).toEqual(at('2026-03-03T10:00+08:00'));
    expect(cal.addWorkingHours(at('2026-03-02T20:00+08:00'), 2)).toEqual(at('2026-03-03T11:00+08:00'));
  });

  it('crosses a weekend and a holiday', () => {
    expect(cal.addWorkingHours(at('2026-03-06T17:00+08:00'), 2)).toEqual(at('2026-03-09T10:30+08:00'));
    // 45 min on 09-30, then 10-01..10-07 off, then 1 h 15 min on 10-08.
    expect(cal.addWorkingHours(at('2026-09-30T16:45+08:00'), 2)).toEqual(at('2026-10-08T10:15+08:00'));
  });

  it('counts on a make-up Saturday', () => {
    expect(cal.addWorkingHours(at('2026-02-28T10:00+08:00'), 2)).toEqual(at('2026-02-28T12:00+08:00'));
  });

  it('accepts fractional hours', () => {
    expect(cal.addWorkingHours(at('2026-03-02T11:45+08:00'), 0.5)).toEqual(at('2026-03-02T13:45+08:00'));
  });

  it('follows configured hours without lunch', () => {
    const noLunch = createWorkCalendar({ hours: { dayStart: '08:30', dayEnd: '17:00', lunch: null } });
    expect(noLunch.addWorkingHours(at('2026-03-02T11:00+08:00'), 2)).toEqual(at('2026-03-02T13:00+08:00'));
    expect(noLunch.addWorkingHours(at('2026-03-02T16:00+08:00'), 2)).toEqual(at('2026-03-03T09:30+08:00'));
  });

  it('refuses an invalid instant or amount', () => {
    expect(() => cal.addWorkingHours(new Date(Number.NaN), 2)).toThrow(RangeError);
    expect(() => cal.addWorkingHours(at('2026-03-02T10:00+08:00'), 0)).toThrow(RangeError);
  });

  it('refuses inconsistent hours', () => {
    expect(() => createWorkCalendar({ hours: { dayStart: '18:00', dayEnd: '09:00' } })).toThrow();
    expect(() => createWorkCalendar({ hours: { lunch: ['08:00', '09:30'] } })).toThrow();
    expect(() => createWorkCalendar({ hours: { timeZone: 'Mars/Olympus' } })).toThrow();
  });
});

describe('workingTimeBetween / elapsed (countdowns)', () => {
  const from = at('2026-09-30T10:00+08:00');
  const due = at('2026-10-11T00:00+08:00'); // 3 working days

  it('splits elapsed time into office time and working-day time', () => {
    const t = cal.workingTimeBetween(from, due);
    expect(t.officeMs).toBe(27 * 3_600_000); // 6 h on 09-30 + 3 × 7 h
    expect(t.workdayMs).toBe(86 * 3_600_000); // 14 h on 09-30 + 10-08, 10-09, 10-10
    expect(t.workdays).toBeCloseTo(86 / 24, 10);
  });

  it('is negative when b is before a, zero for the same instant', () => {
    expect(cal.workingTimeBetween(due, from).workdayMs).toBe(-86 * 3_600_000);
    expect(cal.workingTimeBetween(from, from)).toEqual({ officeMs: 0, workdayMs: 0, workdays: 0 });
  });

  it('remaining time to a due date in the unit of its limit', () => {
    const now = at('2026-10-09T12:00+08:00');
    expect(cal.elapsed(now, due, 'working_days')).toBe(1.5); // half of 10-09 + all of 10-10
    expect(cal.elapsed(now, due, 'working_hours')).toBe(11); // 13:30–17:30 + 7 h on 10-10
    expect(cal.elapsed(now, due, 'calendar_hours')).toBe(36);
    expect(cal.elapsed(now, due, 'calendar_days')).toBe(1.5);
    // Over the holiday no working time passes, so a countdown does not move.
    expect(cal.elapsed(at('2026-10-01T09:00+08:00'), at('2026-10-07T18:00+08:00'), 'working_hours')).toBe(0);
  });
});
