import { describe, expect, it } from 'vitest';
import { computeRegistrationRate, sumRates } from './registration-rate.ts';

describe('computeRegistrationRate (NJ 8: ≥ 10 % of residents)', () => {
  it.each([
    [1000, 100, 0.1, true, 100, 0],
    [1000, 99, 0.099, false, 100, 1],
    [1000, 150, 0.15, true, 100, 0],
    [1001, 100, 100 / 1001, false, 101, 1],
    [3, 0, 0, false, 1, 1],
  ])(
    'population %i, %i volunteers → rate %f, meets %s, required %i, shortfall %i',
    (population, volunteers, rate, meets, required, shortfall) => {
      expect(computeRegistrationRate({ population, volunteers, target: 0.1 })).toEqual({
        rate,
        target: 0.1,
        required,
        meets,
        shortfall,
      });
    },
  );

  it('a target that is exactly met in floating point still meets (0.3 × 10)', () => {
    expect(computeRegistrationRate({ population: 10, volunteers: 3, target: 0.3 })).toMatchObject({
      meets: true,
      shortfall: 0,
    });
  });

  it('unknown or zero population: unknown, never a miss', () => {
    for (const population of [null, 0]) {
      expect(computeRegistrationRate({ population, volunteers: 5, target: 0.1 })).toEqual({
        rate: null,
        target: 0.1,
        required: null,
        meets: null,
        shortfall: null,
      });
    }
  });

  it('sums communities with a known population only', () => {
    expect(
      sumRates(
        [
          { population: 1000, volunteers: 120 },
          { population: 2000, volunteers: 100 },
          { population: null, volunteers: 50 },
        ],
        0.1,
      ),
    ).toMatchObject({ population: 3000, volunteers: 220, required: 300, meets: false, shortfall: 80 });
    expect(sumRates([], 0.1)).toMatchObject({ population: null, rate: null });
  });
});
