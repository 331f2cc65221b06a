import { describe, expect, it } from 'vitest';
import { createWorkCalendar } from './work-calendar.ts';

// Instants are written with an explicit +08:00 offset, so no case depends on the machine's TZ.
const at = (iso: string): Date => new Date(iso);
const cal = createWorkCalendar();

describe('addWorkingDays: N working days end at 24:00 of the N-th working day after the start day', () => {
  it('2026 National Day: dispatched 09-30 10:00 with 3 working days is due at the end of 10-10 (make-up Saturday)', () => {
    const due = cal.addWorkingDays(at('2026-09-30T10:00+08:00'), 3);
    expect(due.toISOString()).toBe('2026-10-10T16:00:00.000Z'); // = 2026-10-11T00:00+08:00
  });

  it('2025 National Day (10-01..10-08 off, 10-11 Sat works): 3 working days from 09-30 end on 10-11', () => {
    expect(cal.addWorkingDays(at('2025-09-30T15:00+08:00'), 3)).toEqual(at('2025-10-12T00:00+08:00'));
  });

  it('2025: received on Saturday 09-27, the make-up Sunday 09-28 is working day 1', () => {
    expect(cal.addWorkingDays(at('2025-09-27T10:00+08:00'), 1)).toEqual(at('2025-09-29T00:00+08:00'));
  });

  it('7 working days across the 2025 National Day holiday', () => {
    // 09-28 (make-up Sun), 09-29, 09-30, 10-09, 10-10, 10-11 (make-up Sat), 10-13 Mon.
    expect(cal.addWorkingDays(at('2025-09-26T11:00+08:00'), 7)).toEqual(at('2025-10-14T00:00+08:00'));
  });

  it('2026 Spring Festival (02-15..02-23 off, 02-14 and 02-28 Saturdays work)', () => {
    const from = at('2026-02-12T16:00+08:00'); // Thursday
    // 02-13, 02-14 (make-up), 02-24, 02-25, 02-26
    expect(cal.addWorkingDays(from, 5)).toEqual(at('2026-02-27T00:00+08:00'));
    // … 02-27, 02-28 (make-up Saturday)
    expect(cal.addWorkingDays(from, 7)).toEqual(at('2026-03-01T00:00+08:00'));
  });

  it('the receipt day never counts, whatever the hour', () => {
    expect(cal.addWorkingDays(at('2026-03-02T08:00+08:00'), 1)).toEqual(at('2026-03-04T00:00+08:00'));
    expect(cal.addWorkingDays(at('2026-03-02T23:59+08:00'), 1)).toEqual(at('2026-03-04T00:00+08:00'));
  });

  it('chains: an extension counted from a due date loses no day', () => {
    const from = at('2026-09-30T10:00+08:00');
    const firstDue = cal.addWorkingDays(from, 2);
    expect(firstDue).toEqual(at('2026-10-10T00:00+08:00')); // end of 10-09
    expect(cal.addWorkingDays(firstDue, 1)).toEqual(cal.addWorkingDays(from, 3));
  });

  it('refuses non-positive or fractional day counts', () => {
    expect(() => cal.addWorkingDays(at('2026-03-02T10:00+08:00'), 0)).toThrow(RangeError);
    expect(() => cal.addWorkingDays(at('2026-03-02T10:00+08:00'), 1.5)).toThrow(RangeError);
  });
});

describe('isWorkday / dayInfo', () => {
  it('reads holidays, make-up days and the weekday rule', () => {
    expect(cal.isWorkday('2025-10-01')).toBe(false);
    expect(cal.isWorkday('2025-09-28')).toBe(true); // Sunday, 调休上班
    expect(cal.isWorkday('2025-10-11')).toBe(true); // Saturday, 调休上班
    expect(cal.isWorkday('2026-03-07')).toBe(false); // ordinary Saturday
    expect(cal.isWorkday(at('2026-10-10T23:30+08:00'))).toBe(true); // 15:30Z, still 10-10 in Beijing
    expect(cal.dayInfo('2026-10-01')).toEqual({
      date: '2026-10-01',
      workday: false,
      source: 'official',
      name: '国庆节',
      covered: true,
    });
    expect(cal.dayInfo('2026-03-09')).toEqual({
      date: '2026-03-09',
      workday: true,
      source: 'weekday',
      covered: true,
    });
  });

  it('rejects malformed dates', () => {
    expect(() => cal.isWorkday('2026-02-30')).toThrow(RangeError);
    expect(() => cal.isWorkday(new Date(Number.NaN))).toThrow(RangeError);
  });
});

describe('calendar hours and days (water, power, gas, heat: around the clock)', () => {
  it('24 calendar hours ignore the holiday', () => {
    expect(cal.addCalendarHours(at('2026-10-01T10:00+08:00'), 24)).toEqual(at('2026-10-02T10:00+08:00'));
    const d = cal.computeDeadline(at('2026-10-01T10:00+08:00'), { unit: 'calendar_hours', amount: 24 });
    expect(d.due).toEqual(at('2026-10-02T10:00+08:00'));
    expect(d.coverage.complete).toBe(true);
  });

  it('calendar days end at 24:00 of the N-th day after the start day', () => {
    expect(cal.addCalendarDays(at('2026-09-30T10:00+08:00'), 15)).toEqual(at('2026-10-16T00:00+08:00'));
  });
});

describe('overrides', () => {
  it('a day turned into a holiday moves the deadline', () => {
    const from = at('2026-03-02T10:00+08:00'); // Monday
    expect(cal.addWorkingDays(from, 3)).toEqual(at('2026-03-06T00:00+08:00'));
    const local = createWorkCalendar({
      overrides: [{ date: '2026-03-04', kind: 'holiday', name: '防汛停工' }],
    });
    expect(local.addWorkingDays(from, 3)).toEqual(at('2026-03-07T00:00+08:00'));
    expect(local.dayInfo('2026-03-04')).toEqual({
      date: '2026-03-04',
      workday: false,
      source: 'override',
      name: '防汛停工',
      covered: true,
    });
  });

  it('an override wins over the official calendar', () => {
    const local = createWorkCalendar({ overrides: [{ date: '2026-10-07', kind: 'workday' }] });
    expect(local.isWorkday('2026-10-07')).toBe(true);
    expect(local.addWorkingDays(at('2026-09-30T10:00+08:00'), 1)).toEqual(at('2026-10-08T00:00+08:00'));
  });

  it('refuses a date listed as both holiday and workday, and invalid dates', () => {
    expect(() =>
      createWorkCalendar({
        overrides: [
          { date: '2027-01-01', kind: 'holiday' },
          { date: '2027-01-01', kind: 'workday' },
        ],
      }),
    ).toThrow(/同时被设为放假和上班/);
    expect(() => createWorkCalendar({ overrides: [{ date: '2027-02-29', kind: 'holiday' }] })).toThrow();
  });
});

describe('coverage beyond the data', () => {
  it('dataRange reports the years of chinese-days', () => {
    const range = cal.dataRange();
    expect(range.first).toBe(2004);
    expect(range.last).toBe(2026);
    expect(range.years).toHaveLength(23);
  });

  it('an uncovered year falls back to Mon–Fri and says so', () => {
    expect(cal.dayInfo('2028-10-02')).toEqual({
      date: '2028-10-02',
      workday: true,
      source: 'weekday',
      covered: false,
    });
    const d = cal.computeDeadline(at('2028-09-29T10:00+08:00'), { unit: 'working_days', amount: 5 });
    expect(d.due).toEqual(at('2028-10-07T00:00+08:00')); // Mon–Fri only: 10-02 … 10-06
    expect(d.coverage.complete).toBe(false);
    expect(d.coverage.uncoveredYears).toEqual([2028]);
    expect(d.coverage.warnings[0]).toMatch(/^日历数据未覆盖 2028 年，请导入国务院办公厅节假日通知/);
  });

  it('a deadline running from a covered year into an uncovered one is flagged', () => {
    const d = cal.computeDeadline(at('2026-12-28T10:00+08:00'), { unit: 'working_days', amount: 7 });
    expect(d.coverage.uncoveredYears).toEqual([2027]);
    // Ending exactly at 2027-01-01 00:00 only touches 2026.
    const inYear = cal.computeDeadline(at('2026-12-28T10:00+08:00'), { unit: 'working_days', amount: 3 });
    expect(inYear.due).toEqual(at('2027-01-01T00:00+08:00'));
    expect(inYear.coverage.complete).toBe(true);
  });

  it('holiday overrides extend the covered range', () => {
    const withNext = createWorkCalendar({
      overrides: [{ date: '2027-01-01', kind: 'holiday', name: '元旦' }],
    });
    expect(withNext.dataRange().last).toBe(2027);
    expect(withNext.coverage('2027-03-01', '2027-03-05').complete).toBe(true);
  });
});

describe('computeDeadline validates the spec', () => {
  it('refuses fractional days and unknown units', () => {
    expect(() =>
      cal.computeDeadline(at('2026-03-02T10:00+08:00'), { unit: 'working_days', amount: 1.5 }),
    ).toThrow();
    expect(() =>
      cal.computeDeadline(at('2026-03-02T10:00+08:00'), { unit: 'working_days', amount: -1 }),
    ).toThrow();
  });
});
