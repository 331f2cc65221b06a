import { describe, expect, it } from 'vitest';
import { periodsCovering } from '../periods.ts';
import { judgeCadence } from './cadence.ts';

const at = (iso: string) => new Date(iso);

describe('judgeCadence (XQ 三(三)1: at least monthly)', () => {
  const months = periodsCovering('2026-01', '2026-04', 'month');

  it('met, missed and open periods; a meeting counts in the Beijing month it was held', () => {
    const j = judgeCadence({
      periods: months,
      heldAt: [
        at('2026-01-15T02:00:00Z'),
        // 2026-02-28 23:30 Beijing is still February
        at('2026-02-28T15:30:00Z'),
        // 2026-03-31 16:30 UTC is 1 April in Beijing: March has none
        at('2026-03-31T16:30:00Z'),
      ],
      minTimes: 1,
      now: at('2026-04-20T00:00:00Z'),
    });
    expect(j.periods.map((p) => [p.key, p.held, p.status])).toEqual([
      ['2026-01', 1, 'met'],
      ['2026-02', 1, 'met'],
      ['2026-03', 0, 'missed'],
      ['2026-04', 1, 'met'],
    ]);
    expect(j.missed).toEqual(['2026-03']);
  });

  it('a running period without a meeting yet is open, not missed; it is missed once it ends', () => {
    const running = judgeCadence({
      periods: months,
      heldAt: [],
      minTimes: 1,
      now: at('2026-04-10T00:00:00Z'),
    });
    expect(running.periods[3]?.status).toBe('open');
    expect(running.missed).toEqual(['2026-01', '2026-02', '2026-03']);
    const ended = judgeCadence({ periods: months, heldAt: [], minTimes: 1, now: at('2026-04-30T16:00:00Z') });
    expect(ended.missed).toEqual(['2026-01', '2026-02', '2026-03', '2026-04']);
  });

  it('counts against minTimes per period (e.g. quarterly twice)', () => {
    const quarters = periodsCovering('2026-01', '2026-06', 'quarter');
    const j = judgeCadence({
      periods: quarters,
      heldAt: [at('2026-01-10T00:00:00Z'), at('2026-03-10T00:00:00Z'), at('2026-05-10T00:00:00Z')],
      minTimes: 2,
      now: at('2026-07-01T00:00:00Z'),
    });
    expect(j.periods.map((p) => p.status)).toEqual(['met', 'missed']);
  });
});
