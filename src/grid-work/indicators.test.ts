import { describe, expect, it } from 'vitest';
import type { StepRecord, StepType } from './event-lifecycle.ts';
import { type CaseHistory, computeIndicators, rate } from './indicators.ts';

/**
 * The hand-computed fixture of docs/grid-indicators.md: ten cases in community A (/D/S/A/), three of
 * them handled by department X (/D/X/). Times are Beijing wall-clock.
 */
const bj = (s: string) => new Date(`${s.replace(' ', 'T')}:00+08:00`);
const A = { id: 'a', path: '/D/S/A/', code: 'A', name: '社区A' };
const S = { id: 's', path: '/D/S/', code: 'S', name: '街道S' };
const X = { id: 'x', path: '/D/X/', code: 'X', name: '部门X' };
const step = (type: StepType, at: string, data: Record<string, unknown> = {}): StepRecord => ({
  type,
  at: bj(at),
  data,
});
const report = (at: string) => step('reported', at, { owner: A, reporterId: 'g1' });
const dispatch = (at: string, handler: typeof A, due: string) =>
  step('dispatched', at, {
    handler,
    handlerKind: handler === X ? 'department' : 'community',
    dueAt: bj(due).toISOString(),
  });
const kase = (id: string, ...steps: StepRecord[]): CaseHistory => ({ id, locationPath: '/D/S/A/A1/', steps });

const FIXTURE: CaseHistory[] = [
  kase('1 on the spot', report('2026-05-04 09:00'), step('closed_on_spot', '2026-05-04 09:30')),
  kase(
    '2 community, on time',
    report('2026-05-05 09:00'),
    step('registered', '2026-05-05 10:00'),
    dispatch('2026-05-05 10:05', A, '2026-05-07 00:00'),
    step('disposed', '2026-05-06 15:00'),
    step('verified', '2026-05-06 17:00'),
    step('closed', '2026-05-06 18:00'),
  ),
  kase(
    '3 department, rework, late',
    report('2026-05-10 09:00'),
    step('escalated', '2026-05-10 10:00', { owner: S }),
    step('registered', '2026-05-10 11:00'),
    dispatch('2026-05-10 11:30', X, '2026-05-14 00:00'),
    step('disposed', '2026-05-12 10:00'),
    step('rework', '2026-05-13 09:00'),
    step('disposed', '2026-05-14 10:00'),
    step('verified', '2026-05-14 15:00'),
    step('closed', '2026-05-14 16:00'),
  ),
  kase(
    '4 department, extended, verified but not closed',
    report('2026-05-20 09:00'),
    step('registered', '2026-05-20 10:00'),
    dispatch('2026-05-20 10:30', X, '2026-05-23 00:00'),
    step('extension_requested', '2026-05-21 09:00'),
    step('extension_approved', '2026-05-21 11:00', { newDueAt: bj('2026-05-28 00:00').toISOString() }),
    step('disposed', '2026-05-26 16:00'),
    step('verified', '2026-05-27 09:00'),
  ),
  kase(
    '5 overdue, nothing done',
    report('2026-05-25 09:00'),
    step('registered', '2026-05-25 09:30'),
    dispatch('2026-05-25 10:00', A, '2026-05-27 00:00'),
  ),
  kase(
    '6 department, not yet due',
    report('2026-05-29 09:00'),
    step('registered', '2026-05-29 09:30'),
    dispatch('2026-05-29 10:00', X, '2026-06-04 00:00'),
  ),
  kase('7 rejected', report('2026-05-15 09:00'), step('rejected', '2026-05-15 10:00')),
  kase(
    '8 registered in April, closed in May',
    report('2026-04-28 09:00'),
    step('registered', '2026-04-28 10:00'),
    dispatch('2026-04-28 10:30', A, '2026-05-01 00:00'),
    step('disposed', '2026-04-29 10:00'),
    step('verified', '2026-05-06 09:00'),
    step('closed', '2026-05-06 10:00'),
  ),
  kase('9 not yet registered', report('2026-05-30 09:00')),
  kase(
    '10 disposed only after the as-of instant',
    report('2026-05-28 09:00'),
    step('registered', '2026-05-28 09:30'),
    dispatch('2026-05-28 10:00', A, '2026-05-30 00:00'),
    step('disposed', '2026-06-01 10:00'),
  ),
];

const MAY = { from: bj('2026-05-01 00:00'), to: bj('2026-06-01 00:00'), asOf: bj('2026-06-01 00:00') };

describe('grid-event indicators against the hand-computed fixture (docs/grid-indicators.md)', () => {
  it('community A, May 2026, as of 1 June 00:00', () => {
    const r = computeIndicators(FIXTURE, { ...MAY, unitPath: '/D/S/A/', side: 'location' });
    expect(r.counts).toEqual({
      shouldClose: 7, // 1 2 3 4 5 6 10
      closed: 3, // 1 2 3
      closedOnTime: 2, // 1 (on the spot) 2
      shouldDispose: 6, // 2 3 4 5 6 10
      disposed: 3, // 2 3 4
      disposedOnTime: 2, // 2 4 (3's final disposal is late)
      reworked: 1, // 3
      overduePending: 2, // 5 10
      extended: 1, // 4
      closedOnSpot: 1, // 1
    });
    expect(r.rates).toEqual({
      closeRate: 0.4286, // 3/7
      onTimeCloseRate: 0.2857, // 2/7
      disposeRate: 0.5, // 3/6
      onTimeDisposeRate: 0.3333, // 2/6
      reworkRate: 0.1429, // 1/7
      overduePendingRate: 0.3333, // 2/6
      extensionRate: 0.1667, // 1/6
    });
  });

  it('department X (handler side), May 2026', () => {
    const r = computeIndicators(FIXTURE, { ...MAY, unitPath: '/D/X/', side: 'handler' });
    expect(r.counts).toMatchObject({
      shouldClose: 3, // 3 4 6
      closed: 1,
      closedOnTime: 0,
      shouldDispose: 3,
      disposed: 2, // 3 4
      disposedOnTime: 1, // 4
      reworked: 1,
      overduePending: 0, // 6 is not due yet
      extended: 1,
    });
    expect(r.rates).toEqual({
      closeRate: 0.3333,
      onTimeCloseRate: 0,
      disposeRate: 0.6667,
      onTimeDisposeRate: 0.3333,
      reworkRate: 0.3333,
      overduePendingRate: 0,
      extensionRate: 0.3333,
    });
  });

  it('April as of its own end, then as of 1 June: the late closure of case 8 shows up', () => {
    const april = {
      from: bj('2026-04-01 00:00'),
      to: bj('2026-05-01 00:00'),
      unitPath: '/D/S/',
      side: 'location',
    } as const;
    const atEnd = computeIndicators(FIXTURE, { ...april, asOf: bj('2026-05-01 00:00') });
    expect(atEnd.counts).toMatchObject({
      shouldClose: 1,
      closed: 0,
      shouldDispose: 1,
      disposed: 1,
      disposedOnTime: 1,
    });
    const later = computeIndicators(FIXTURE, { ...april, asOf: bj('2026-06-01 00:00') });
    expect(later.counts).toMatchObject({ closed: 1, closedOnTime: 0 });
    expect(later.rates.closeRate).toBe(1);
    expect(later.rates.onTimeCloseRate).toBe(0);
  });

  it('another unit sees none of it, and an empty period gives no rates rather than 0/0', () => {
    const other = computeIndicators(FIXTURE, { ...MAY, unitPath: '/D/S/B/', side: 'location' });
    expect(other.counts.shouldClose).toBe(0);
    expect(Object.values(other.rates).every((v) => v === null)).toBe(true);
    expect(rate(0, 0)).toBeNull();
    expect(rate(1, 3)).toBe(0.3333);
    expect(rate(2, 3)).toBe(0.6667);
  });
});
