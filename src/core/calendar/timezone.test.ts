import { spawnSync } from 'node:child_process';
import chineseDays from 'chinese-days';
import { afterEach, describe, expect, it } from 'vitest';
import { createWorkCalendar } from './work-calendar.ts';
import { addDays } from './zoned-time.ts';

// Node re-reads process.env.TZ on assignment, so these cases really run under other machine zones.
const originalTz = process.env.TZ;
afterEach(() => {
  if (originalTz === undefined) delete process.env.TZ;
  else process.env.TZ = originalTz;
});

function sample(): string[] {
  const cal = createWorkCalendar();
  return [
    cal.addWorkingDays(new Date('2026-09-30T02:00:00Z'), 3).toISOString(),
    cal.addWorkingHours(new Date('2026-09-30T08:45:00Z'), 2).toISOString(),
    cal.addWorkingHours(new Date('2026-03-02T03:00:00Z'), 2).toISOString(),
    cal.addCalendarDays(new Date('2026-09-30T02:00:00Z'), 15).toISOString(),
    String(cal.isWorkday(new Date('2026-10-10T15:30:00Z'))), // 23:30 Beijing on the make-up Saturday
    String(cal.isWorkday(new Date('2026-10-10T16:30:00Z'))), // 00:30 Beijing on Sunday 10-11
  ];
}

const EXPECTED = [
  '2026-10-10T16:00:00.000Z',
  '2026-10-08T02:15:00.000Z',
  '2026-03-02T06:30:00.000Z',
  '2026-10-15T16:00:00.000Z',
  'true',
  'false',
];

describe('results do not depend on the machine time zone', () => {
  for (const tz of ['UTC', 'America/New_York', 'America/Sao_Paulo', 'Pacific/Kiritimati', 'Asia/Shanghai']) {
    it(`TZ=${tz}`, () => {
      process.env.TZ = tz;
      if (tz === 'America/New_York') expect(new Date('2026-01-15T12:00:00Z').getTimezoneOffset()).toBe(300);
      expect(sample()).toEqual(EXPECTED);
    });
  }
});

describe('the data table agrees with chinese-days', () => {
  it('every day 2004–2026 matches chineseDays.isWorkday() evaluated in Asia/Shanghai', () => {
    // The package's own helpers are only reliable east of UTC (that is why the calendar reads its
    // table), and the package may have cached the machine's zone when it was imported: so the oracle
    // runs in a child process started in Asia/Shanghai, whatever zone this suite runs in.
    const oracle = spawnSync(
      process.execPath,
      [
        '-e',
        `const c = require('chinese-days'); const out = [];
         for (let d = new Date(Date.UTC(2004, 0, 1)); d <= new Date(Date.UTC(2026, 11, 31)); d.setUTCDate(d.getUTCDate() + 1)) {
           const s = d.toISOString().slice(0, 10); if (c.isWorkday(s)) out.push(s);
         }
         process.stdout.write(JSON.stringify(out));`,
      ],
      { env: { ...process.env, TZ: 'Asia/Shanghai' }, encoding: 'utf8' },
    );
    const workdays = new Set<string>(JSON.parse(oracle.stdout));
    expect(workdays.size).toBeGreaterThan(5000);
    const cal = createWorkCalendar();
    const mismatches: string[] = [];
    for (let date = '2004-01-01'; date <= '2026-12-31'; date = addDays(date, 1)) {
      if (cal.isWorkday(date) !== workdays.has(date)) mismatches.push(date);
    }
    expect(mismatches).toEqual([]);
    expect(chineseDays.isWorkday('2026-10-10')).toBe(true); // the package itself still loads here
  });
});

describe('another zone for the office hours', () => {
  it('computes wall-clock hours in the configured zone, across a DST change', () => {
    const berlin = createWorkCalendar({ hours: { timeZone: 'Europe/Berlin' } });
    // 2026-03-30 is a Monday after the switch to CEST (+02:00): 11:00 + 2 office hours = 14:30.
    expect(berlin.addWorkingHours(new Date('2026-03-30T09:00:00Z'), 2).toISOString()).toBe(
      '2026-03-30T12:30:00.000Z',
    );
    // 1 working day from Friday 03-27 (CET) ends Monday 03-30 24:00 CEST.
    expect(berlin.addWorkingDays(new Date('2026-03-27T09:00:00Z'), 1).toISOString()).toBe(
      '2026-03-30T22:00:00.000Z',
    );
  });
});
