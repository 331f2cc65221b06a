import { describe, expect, it } from 'vitest';
import { parseProfile } from './load-profiles.ts';
import { errorCodeOf } from './test-helpers.ts';

describe('parseProfile', () => {
  const base = { id: 'x-1', name: 'x', version: 1, effectiveFrom: '2020-01-01', description: 'd' };
  const tiers = (t: unknown) => ({
    ...base,
    rules: { 'staffing.twoCommitteesByHouseholds': { value: t, source: 'S 1' } },
  });

  it('accepts contiguous tiers and rejects gaps, overlaps and a closed last tier', () => {
    expect(
      parseProfile(
        tiers([
          { minHouseholds: 0, maxHouseholds: 9, value: 1 },
          { minHouseholds: 10, value: 2 },
        ]),
      ).id,
    ).toBe('x-1');
    for (const bad of [
      [
        { minHouseholds: 0, maxHouseholds: 9, value: 1 },
        { minHouseholds: 11, value: 2 },
      ],
      [
        { minHouseholds: 0, maxHouseholds: 9, value: 1 },
        { minHouseholds: 9, value: 2 },
      ],
      [{ minHouseholds: 0, maxHouseholds: 9, value: 1 }],
      [{ minHouseholds: 1, value: 1 }],
    ]) {
      expect(errorCodeOf(() => parseProfile(tiers(bad)))).toBe('VALIDATION_FAILED');
    }
  });

  it('rejects a misspelt rule key, a missing source and a prose value', () => {
    const withRule = (rules: unknown) => () => parseProfile({ ...base, rules });
    expect(errorCodeOf(withRule({ 'burden.formsPerDepartment': { value: 1, source: 'S' } }))).toBe(
      'VALIDATION_FAILED',
    );
    expect(errorCodeOf(withRule({ 'burden.formsPerDepartmentMax': { value: 1 } }))).toBe('VALIDATION_FAILED');
    expect(errorCodeOf(withRule({ 'burden.formsPerDepartmentMax': { value: 1, source: '  ' } }))).toBe(
      'VALIDATION_FAILED',
    );
    expect(
      errorCodeOf(withRule({ 'burden.formsPerDepartmentMax': { value: '至多一张', source: 'S' } })),
    ).toBe('VALIDATION_FAILED');
    expect(
      errorCodeOf(
        withRule({
          'demands.compositeWeights': {
            value: { response: 0.5, resolution: 0.5, satisfaction: 0.5 },
            source: 'S',
          },
        }),
      ),
    ).toBe('VALIDATION_FAILED');
  });
});
