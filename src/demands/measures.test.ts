import { describe, expect, it } from 'vitest';
import { composite, computeRates, type MeasuredDemand, rankUnits } from './measures.ts';

const W = { response: 0.3, resolution: 0.35, satisfaction: 0.35 };
const NOW = new Date('2026-11-01T00:00:00+08:00');
const d = (over: Partial<MeasuredDemand>): MeasuredDemand => ({
  ownerPath: '/d/s1/',
  signedAt: '2026-10-02T09:00:00Z',
  signDueAt: '2026-10-02T10:00:00Z',
  contactedAt: '2026-10-02T11:00:00Z',
  contactDueAt: '2026-10-03T09:00:00Z',
  callback: { reached: true, resolved: true, satisfaction: 'satisfied' },
  appeal: 'none',
  ...over,
});

describe('三率 computed by hand', () => {
  // 5 demands: #2 signed late, #3 never contacted (limit passed), #4 unresolved & unsatisfied,
  // #5 basically satisfied but unresolved, later appeal approved → excluded from resolution/satisfaction.
  const rows = [
    d({}),
    d({ signedAt: '2026-10-02T12:00:00Z' }),
    d({
      contactedAt: null,
      callback: { reached: true, resolved: true, satisfaction: 'basically_satisfied' },
    }),
    d({ callback: { reached: true, resolved: false, satisfaction: 'unsatisfied' } }),
    d({ callback: { reached: true, resolved: false, satisfaction: 'unsatisfied' }, appeal: 'approved' }),
  ];
  const r = computeRates(rows, W, NOW);

  it('response: 3 of 5 on time', () => {
    expect(r).toMatchObject({ dispatched: 5, responded: 3, lateOrMissed: 2 });
    expect(r.responseRate).toBeCloseTo(3 / 5);
  });
  it('resolution and satisfaction leave the approved appeal out: 3 of 4 resolved, 3 of 4 satisfied', () => {
    expect(r).toMatchObject({ callbacks: 4, resolved: 3, rated: 4, satisfied: 3, appealsExcluded: 1 });
    expect(r.resolutionRate).toBeCloseTo(0.75);
    expect(r.satisfactionRate).toBeCloseTo(0.75);
  });
  it('composite = 100 × (0.3×0.6 + 0.35×0.75 + 0.35×0.75) = 70.5', () => {
    expect(r.composite).toBe(70.5);
  });
  it('a demand whose limits have not passed yet is not counted either way', () => {
    const pending = computeRates(
      [
        d({
          signedAt: null,
          contactedAt: null,
          signDueAt: '2026-12-01T00:00:00Z',
          contactDueAt: '2026-12-01T00:00:00Z',
          callback: null,
        }),
      ],
      W,
      NOW,
    );
    expect(pending).toMatchObject({
      dispatched: 1,
      responded: 0,
      lateOrMissed: 0,
      responseRate: null,
      composite: null,
    });
  });
  it('a missing rate passes its weight to the others', () => {
    expect(composite({ responseRate: 1, resolutionRate: null, satisfactionRate: 0.5 }, W)).toBeCloseTo(
      (100 * (0.3 + 0.35 * 0.5)) / 0.65,
      1,
    );
  });
});

describe('ranking', () => {
  it('rolls communities up to their street, ranks by composite with shared ranks, scoreless last', () => {
    const units = [
      { name: 'A', path: '/d/a/' },
      { name: 'B', path: '/d/b/' },
      { name: 'C', path: '/d/c/' },
      { name: 'E', path: '/d/e/' },
    ];
    const rows = [
      d({ ownerPath: '/d/a/x/' }),
      d({ ownerPath: '/d/b/', callback: { reached: true, resolved: false, satisfaction: 'unsatisfied' } }),
      d({ ownerPath: '/d/c/' }),
    ];
    const ranked = rankUnits(units, rows, W, NOW);
    expect(ranked.map((x) => [x.unit.name, x.rank])).toEqual([
      ['A', 1],
      ['C', 1],
      ['B', 3],
      ['E', null],
    ]);
  });
});
