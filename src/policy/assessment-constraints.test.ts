import { describe, expect, it } from 'vitest';
import {
  findMinWeight,
  getAssessmentConstraints,
  getMinWeightConstraints,
  isPracticeAllowed,
  meetsMinimum,
} from './assessment-constraints.ts';
import { resolveRule } from './load-profiles.ts';
import { errorCodeOf } from './test-helpers.ts';

describe('minimum weights', () => {
  it('lists all six minimums of generic with their values and sources', () => {
    const byKey = Object.fromEntries(
      getMinWeightConstraints('generic').map((c) => [c.key, [c.min, c.source.slice(0, 8)]]),
    );
    expect(byKey).toEqual({
      'assessment.residentsWeightStreetMin': [0.5, 'NJ 17 — '],
      'assessment.residentsWeightCommunityMin': [0.7, 'NJ 17 — '],
      'assessment.streetOnDepartmentShareMin': [1 / 3, 'SJS 12 —'],
      'assessment.streetOnStationedUnitHeadsWeightMin': [0.5, 'XQ 五(三) '],
      'assessment.communityCommitteeOnStreetStaffWeightMin': [0.3, 'XQ 五(三) '],
      'assessment.partyCommitteeOnServiceStationStaffWeightMin': [0.5, 'XQ 五(三) '],
    });
  });

  it('finds a constraint by evaluator and evaluated, marking fallbacks', () => {
    const nj = getMinWeightConstraints('nanjing-2014');
    expect(findMinWeight(nj, 'residents', 'community')).toMatchObject({ min: 0.7, fellBackToGeneric: false });
    expect(findMinWeight(nj, 'community_committee', 'street_staff')).toMatchObject({
      min: 0.3,
      fellBackToGeneric: true,
      profileId: 'generic',
    });
    expect(findMinWeight(nj, 'residents', 'department')).toBeUndefined();
  });

  it('compares weights with a tolerance so 1/3 entered as a decimal passes', () => {
    const min = resolveRule('beijing-shijingshan-2019', 'assessment.streetOnDepartmentShareMin').value;
    expect(meetsMinimum(0.3333333333, min)).toBe(true);
    expect(meetsMinimum(1 / 3, min)).toBe(true);
    expect(meetsMinimum(0.333, min)).toBe(false);
    expect(meetsMinimum(0.5, 0.5)).toBe(true);
    expect(meetsMinimum(0.49, 0.5)).toBe(false);
  });

  it('takes an override of one minimum', () => {
    const overrides = {
      'assessment.residentsWeightStreetMin': {
        value: 0.6,
        source: '某区考核办法〔2024〕1号',
        by: 'u',
        at: '2024-01-02T00:00:00Z',
      },
    };
    const c = findMinWeight(getMinWeightConstraints('generic', overrides), 'residents', 'street');
    expect(c).toMatchObject({ min: 0.6, overridden: true, source: '某区考核办法〔2024〕1号' });
  });
});

describe('one-vote veto and separate assessments', () => {
  it('bans 一票否决 on streets unless central or provincial level requires it (XY)', () => {
    const { oneVoteVeto } = getAssessmentConstraints('xiangyang-2020');
    expect(oneVoteVeto.source).toMatch(/^XY「健全配套保障措施」/);
    expect(isPracticeAllowed(oneVoteVeto.value, 'street')).toBe(false);
    expect(isPracticeAllowed(oneVoteVeto.value, 'street', 'provincial')).toBe(true);
    expect(isPracticeAllowed(oneVoteVeto.value, 'street', 'city')).toBe(false);
  });

  it('bans 一票否决 on communities outright in Xingqing (XQ 三(五))', () => {
    const { oneVoteVeto } = getAssessmentConstraints('yinchuan-xingqing-2018');
    expect(isPracticeAllowed(oneVoteVeto.value, 'community')).toBe(false);
    expect(isPracticeAllowed(oneVoteVeto.value, 'community', 'central')).toBe(false);
  });

  it('folds departments’ assessment of streets into the district comprehensive assessment', () => {
    const { departmentsAssessSeparately: d } = getAssessmentConstraints('beijing-shijingshan-2019');
    expect(d.value.foldedIntoDistrictComprehensive).toBe(true);
    expect(isPracticeAllowed(d.value, 'street')).toBe(false);
    const xq = getAssessmentConstraints('yinchuan-xingqing-2018').departmentsAssessSeparately.value;
    expect(isPracticeAllowed(xq, 'community', 'city')).toBe(true);
    expect(isPracticeAllowed(xq, 'street', 'city')).toBe(false);
  });
});

describe('other assessment data', () => {
  it('exposes resident-unit party-building weights, cadences and the excellent quota', () => {
    const c = getAssessmentConstraints('yinchuan-xingqing-2018');
    expect(c.residentUnitPartyBuildingWeights.value).toEqual({
      byUnitLevel: [
        { unitLevel: 'provincial', total: 0.1, street: 0.04, community: 0.06 },
        { unitLevel: 'city_district', total: 0.2, street: 0.08, community: 0.12 },
      ],
      dueBy: '12-20',
    });
    expect(c.cadence.communityWorkers.value).toBe('half_year');
    expect(c.cadence.gridWorkers.value).toBe('quarter');
    expect(c.cadence.gridWork).toMatchObject({
      value: { supervision: 'quarter', assessment: 'half_year', review: 'year' },
      fellBackToGeneric: true,
    });
    expect(c.cadence.gridWork.source).toMatch(/^GP 四\(三\) — /);
    expect(c.streetCadreExcellentQuota).toMatchObject({
      value: { percentagePointsAboveDistrictAverage: 10 },
      fellBackToGeneric: true,
    });
  });

  it('rejects an unknown profile', () => {
    expect(errorCodeOf(() => getAssessmentConstraints('atlantis'))).toBe('NOT_FOUND');
  });
});
