import { describe, expect, it } from 'vitest';
import { computeRates, type MeasuredDemand } from '../measures.ts';
import { COUNTERS, contributionOf, zeroCounters } from './contribution.ts';
import { ratesOf } from './read-rollups.ts';

const W = { response: 0.3, resolution: 0.35, satisfaction: 0.35 };
const BASE = Date.parse('2026-10-10T00:00:00Z');

/** A small deterministic generator (mulberry32). */
function rng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('a demand contribution summed like computeRates', () => {
  it('gives the same rates for random states at random instants (2 000 demands × 20 instants)', () => {
    const r = rng(7);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)] as T;
    const when = () => (r() < 0.25 ? null : new Date(BASE + Math.floor(r() * 10) * 3600_000).toISOString());
    const demands: MeasuredDemand[] = Array.from({ length: 2000 }, () => ({
      ownerPath: '/d/s/',
      signedAt: when(),
      signDueAt: when(),
      contactedAt: when(),
      contactDueAt: when(),
      callback:
        r() < 0.3
          ? null
          : {
              reached: r() < 0.8,
              resolved: pick([true, false, null]),
              satisfaction: pick(['satisfied', 'basically_satisfied', 'unsatisfied', null]),
            },
      appeal: pick(['none', 'pending', 'approved', 'denied']),
    }));
    const sum = { ...zeroCounters(), overdueUndecided: 0 };
    const failAts: number[] = [];
    for (const d of demands) {
      const c = contributionOf(new Date(BASE), { status: 'in_progress', owner: { path: '/d/s/' }, ...d });
      if (!c) throw new Error('measured demand without contribution');
      for (const k of COUNTERS) sum[k] += c.counters[k];
      if (c.failAt !== null) failAts.push(c.failAt);
    }
    for (let i = 0; i < 20; i++) {
      const now = new Date(BASE - 3600_000 + i * 1800_000);
      const overdueUndecided = failAts.filter((f) => f < now.getTime()).length;
      expect(ratesOf({ ...sum, overdueUndecided }, W)).toEqual(computeRates(demands, W, now));
    }
  });

  it('leaves out demands without an owner and refused, answered or merged ones', () => {
    const at = new Date(BASE);
    expect(contributionOf(at, { status: 'pending_dispatch', owner: null })).toBeNull();
    for (const status of ['refused', 'answered', 'merged'])
      expect(contributionOf(at, { status, owner: { path: '/d/s/' } })).toBeNull();
    expect(contributionOf(at, { status: 'closed', owner: { path: '/d/s/' } })?.period).toBe('2026-10');
    // 2026-09-30T16:00Z is 2026-10-01 00:00 in Beijing.
    expect(
      contributionOf(new Date('2026-09-30T16:00:00Z'), { status: 'closed', owner: { path: '/d/' } })?.period,
    ).toBe('2026-10');
  });
});
