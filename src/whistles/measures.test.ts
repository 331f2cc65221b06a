import { describe, expect, it } from 'vitest';
import { summarizeBlower, summarizeSummons } from './measures.ts';

const t = (h: number) => new Date(Date.UTC(2026, 4, 4, h));

describe('summarizeSummons (a unit summoned five times, as of 12:00)', () => {
  const rows = [
    { reportDueAt: t(2), checkedInAt: t(1), whistleStatus: 'closed', ratingScore: 90 }, // on time
    { reportDueAt: t(2), checkedInAt: t(3), whistleStatus: 'closed', ratingScore: 60 }, // late
    { reportDueAt: t(2), checkedInAt: null, whistleStatus: 'acting', ratingScore: null }, // no-show: past due
    { reportDueAt: t(20), checkedInAt: null, whistleStatus: 'summoning', ratingScore: null }, // pending
    { reportDueAt: t(20), checkedInAt: null, whistleStatus: 'closed', ratingScore: 0 }, // no-show: ended
    { reportDueAt: t(2), checkedInAt: null, whistleStatus: 'cancelled', ratingScore: null }, // not counted
  ];

  it('counts on-time, late, no-show and pending; the rate leaves pending out', () => {
    expect(summarizeSummons(rows, t(12))).toEqual({
      summoned: 5,
      checkedIn: 2,
      onTime: 1,
      late: 1,
      noShow: 2,
      pending: 1,
      onTimeRate: 0.25, // 1 / (5 − 1)
      rated: 3,
      averageScore: 50, // (90 + 60 + 0) / 3
    });
  });

  it('gives no rate when nothing can be judged yet', () => {
    expect(summarizeSummons([rows[3] as (typeof rows)[number]], t(12))).toMatchObject({
      onTimeRate: null,
      averageScore: null,
      pending: 1,
    });
    expect(summarizeSummons([], t(12)).onTimeRate).toBeNull();
  });

  it('a check-in exactly at the deadline is on time', () => {
    expect(
      summarizeSummons(
        [{ reportDueAt: t(2), checkedInAt: t(2), whistleStatus: 'acting', ratingScore: null }],
        t(3),
      ).onTime,
    ).toBe(1);
  });
});

describe('summarizeBlower (a street blew four whistles, as of 30:00)', () => {
  it('counts closures, on-time closures, overdue open ones and the mean closure time', () => {
    const r = summarizeBlower(
      [
        { blownAt: t(0), actDueAt: t(24), status: 'closed', closedAt: t(10) },
        { blownAt: t(0), actDueAt: t(24), status: 'closed', closedAt: t(27) },
        { blownAt: t(0), actDueAt: t(24), status: 'acting', closedAt: null },
        { blownAt: t(0), actDueAt: t(24), status: 'cancelled', closedAt: t(1) },
      ],
      t(30),
    );
    expect(r).toEqual({
      blown: 4,
      cancelled: 1,
      closed: 2,
      closedOnTime: 1,
      openOverdue: 1,
      averageClosureHours: 18.5,
    });
  });
});
