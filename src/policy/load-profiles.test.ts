import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  GENERIC_PROFILE_ID,
  getProfile,
  isRuleKey,
  listProfiles,
  loadProfiles,
  PROFILE_IDS,
  parseOverrides,
  parseProfile,
  resolveRule,
} from './load-profiles.ts';
import { RULE_KEYS, type RuleKey } from './model.ts';
import { catchAppError, errorCodeOf } from './test-helpers.ts';

// Each row of POLICY-RULES.md → the rule keys that ship it and the citation generic must name.
const POLICY_ROWS: Record<string, [RuleKey, string][]> = {
  '两委 members by households': [['staffing.twoCommitteesByHouseholds', 'XQ 三(四)2']],
  'grid workers': [['staffing.gridWorkerHouseholds', 'XQ 三(四)2']],
  'community party organisation': [['staffing.partyOrganisation', 'XQ 三(一)']],
  'service station staff': [
    ['staffing.serviceStationStaffMax', 'XQ 三(二)2'],
    ['staffing.serviceStations', 'XQ 三(二)'],
  ],
  'window staff at a community party-mass service centre': [
    ['staffing.partyMassCentreWindowStaffMax', 'GP 二(三)'],
  ],
  'street staff': [['staffing.streetStaffMax', 'XQ 二(二)1']],
  'street leadership posts': [['staffing.streetLeadershipPosts', 'XY']],
  'street posts': [['staffing.streetEstablishmentMin', 'XY']],
  'street internal bodies': [['staffing.streetInternalBodies', 'XY']],
  'community size to review': [['staffing.communitySizeReview', 'SJS 14']],
  'young cadres sent to each street': [['staffing.youngCadresPerStreet', 'XY']],
  'cadres paired with a community (包联)': [['staffing.pairedCadreWorkingDaysPerWeekMin', 'GP 四(一)']],
  'community working funds by households': [['funding.communityWorkingFunds', 'XQ 五(二)']],
  'community party-building funds': [['funding.partyBuilding', 'XQ 五(二)']],
  'community service fund': [['funding.communityServiceFund', 'NJ 10']],
  "share of the street budget spent on residents' real needs": [
    ['funding.streetBudgetResidentNeedsShareMin', 'SJS 40'],
  ],
  'long-service honours for community workers': [['funding.longServiceHonours', 'XQ 五(四)']],
  "residents' (subjective) evaluation weight in a street's assessment": [
    ['assessment.residentsWeightStreetMin', 'NJ 17'],
  ],
  "residents' evaluation weight in a community's assessment": [
    ['assessment.residentsWeightCommunityMin', 'NJ 17'],
  ],
  "street's evaluation of a district department, share of that department's performance": [
    ['assessment.streetOnDepartmentShareMin', 'SJS 12'],
  ],
  "street's weight on heads of departments' stationed units": [
    ['assessment.streetOnStationedUnitHeadsWeightMin', 'XQ 五(三)'],
  ],
  "community committee's weight on street staff": [
    ['assessment.communityCommitteeOnStreetStaffWeightMin', 'XQ 五(三)'],
  ],
  "community party committee's weight on service-station staff": [
    ['assessment.partyCommitteeOnServiceStationStaffWeightMin', 'XQ 五(三)'],
  ],
  'one-vote veto (一票否决) items on streets / communities': [['assessment.oneVoteVeto', 'SJS 39']],
  'departments assess streets separately': [['assessment.departmentsAssessSeparately', 'SJS 12']],
  "resident units' party-building score weights": [
    ['assessment.residentUnitPartyBuildingWeights', 'XQ 二(四)2'],
  ],
  'assessment cadence': [
    ['assessment.communityWorkerCadence', 'XQ 三(四)3'],
    ['assessment.gridWorkerCadence', 'XQ 三(四)3'],
    ['assessment.gridWorkCadence', 'GP 四(三)'],
  ],
  'street cadres\' "excellent" quota': [['assessment.streetCadreExcellentQuota', 'SJS 45']],
  "work not on the street's access list": [['burden.streetAccessList', 'XQ 二(一)']],
  "work not on the community's access list": [['burden.communityAccessList', 'XQ 三(五)']],
  'new access-list item': [['burden.newAccessItem', 'NJ 4']],
  'forms a department may require from a community': [['burden.formsPerDepartmentMax', 'SJS 39']],
  'community consultation meetings': [['consultation.communityMeetings', 'XQ 三(三)1']],
  'joint party committee meetings': [
    ['consultation.jointPartyCommitteeMeetings', 'XQ 三(一)3'],
    ['consultation.streetGreaterWorkingCommitteeMeetings', 'XQ 二(四)1'],
  ],
  'consultation before commendations': [['consultation.beforeCommendationsWorkingDaysMin', 'XQ 二(四)2']],
  'grid work record': [['gridWork.recordCadence', 'GP 四(二)']],
  'problems register': [['gridWork.problemsRegister', 'GP 四(二)']],
  'volunteer registration rate': [['volunteers.registrationRateMin', 'NJ 8']],
  'community staff office area': [['facilities.staffOfficeAreaShareMax', 'NJ 9']],
  'demand types': [['demands.types', 'SJS 16']],
  measures: [['demands.measures', 'SJS 16']],
  dispatch: [['demands.dispatch', 'SJS 16']],
  'time limits': [['demands.timeLimits', 'PRODUCT.md §4.1']],
};

const SPEC = new URL('../../../shared/spec/POLICY-RULES.md', import.meta.url);

describe('bundled profiles', () => {
  it('loads and validates every preset, ids matching file names', () => {
    const profiles = loadProfiles();
    expect([...profiles.keys()]).toEqual([...PROFILE_IDS]);
    for (const p of listProfiles()) {
      expect(parseProfile(JSON.parse(JSON.stringify(p))).id).toBe(p.id);
      expect(Object.keys(p.rules).length).toBeGreaterThan(0);
      for (const entry of Object.values(p.rules)) expect(entry?.source.trim()).not.toBe('');
    }
  });

  it('keeps each preset to the rules its own sources support', () => {
    const prefixes = (id: string) =>
      new Set(Object.values(getProfile(id).rules).map((r) => r?.source.match(/^[A-Z]+/)?.[0]));
    expect(prefixes('yinchuan-xingqing-2018')).toEqual(new Set(['XQ']));
    expect(prefixes('xiangyang-2020')).toEqual(new Set(['XY']));
    expect(prefixes('beijing-shijingshan-2019')).toEqual(new Set(['SJS']));
    expect(prefixes('nanjing-2014')).toEqual(new Set(['NJ']));
  });

  it('generic defines every rule key with a citation', () => {
    const generic = getProfile(GENERIC_PROFILE_ID);
    expect(Object.keys(generic.rules).sort()).toEqual([...RULE_KEYS].sort());
    for (const key of RULE_KEYS) expect(generic.rules[key]?.source.length).toBeGreaterThan(10);
  });

  it('ships every POLICY-RULES.md row in generic, citing the row source', () => {
    const generic = getProfile(GENERIC_PROFILE_ID);
    for (const [row, keys] of Object.entries(POLICY_ROWS)) {
      for (const [key, cite] of keys) {
        expect(generic.rules[key]?.source, `${row} → ${key}`).toContain(cite);
      }
    }
  });

  it.skipIf(!fs.existsSync(SPEC))('maps every row of the current POLICY-RULES.md', () => {
    const rows = fs
      .readFileSync(SPEC, 'utf8')
      .split('\n')
      .filter((l) => l.startsWith('| ') && !l.startsWith('| rule |'))
      .map((l) => l.split('|')[1]?.trim() ?? '');
    expect(rows.length).toBe(Object.keys(POLICY_ROWS).length);
    for (const row of rows) expect(Object.keys(POLICY_ROWS), row).toContain(row);
  });

  it('holds the table values in generic', () => {
    const v = <K extends RuleKey>(k: K) => resolveRule('generic', k).value;
    expect(v('staffing.serviceStationStaffMax')).toBe(4);
    expect(v('staffing.partyMassCentreWindowStaffMax')).toBe(3);
    expect(v('staffing.streetStaffMax')).toEqual({ max: 30, excludes: ['综合执法中队', '社区服务站'] });
    expect(v('staffing.streetEstablishmentMin')).toEqual({ administrative: 15, institutional: 30 });
    expect(v('staffing.youngCadresPerStreet')).toEqual({ minCadres: 2, minYears: 2 });
    expect(v('staffing.pairedCadreWorkingDaysPerWeekMin')).toBe(2);
    expect(v('funding.streetBudgetResidentNeedsShareMin')).toBe(0.8);
    expect(v('assessment.residentsWeightStreetMin')).toBe(0.5);
    expect(v('assessment.residentsWeightCommunityMin')).toBe(0.7);
    expect(v('assessment.streetOnDepartmentShareMin')).toBe(1 / 3);
    expect(v('burden.formsPerDepartmentMax')).toBe(1);
    expect(v('consultation.communityMeetings')).toEqual({ period: 'month', minTimes: 1 });
    expect(v('consultation.streetGreaterWorkingCommitteeMeetings')).toEqual({ period: 'year', minTimes: 2 });
    expect(v('consultation.beforeCommendationsWorkingDaysMin')).toBe(10);
    expect(v('volunteers.registrationRateMin')).toBe(0.1);
    expect(v('facilities.staffOfficeAreaShareMax')).toBe(0.2);
    expect(v('demands.types')).toEqual(['咨询', '求助', '投诉', '举报', '建议', '表扬']);
    expect(v('demands.compositeWeights')).toEqual({ response: 0.3, resolution: 0.35, satisfaction: 0.35 });
    expect(v('demands.timeLimits')).toEqual({
      urgent: { amount: 2, unit: 'hours' },
      utilities: { amount: 24, unit: 'hours' },
      general: { amount: 7, unit: 'working_days' },
      complex: { amount: 15, unit: 'working_days' },
      signFor: { amount: 2, unit: 'working_hours' },
      contact: { amount: 24, unit: 'hours' },
    });
  });

  it('freezes cached profiles so callers cannot corrupt them', () => {
    const p = getProfile('yinchuan-xingqing-2018');
    expect(Object.isFrozen(p.rules['staffing.twoCommitteesByHouseholds']?.value)).toBe(true);
  });

  it('rejects unknown profile ids with NOT_FOUND and a Chinese-first message', () => {
    const err = catchAppError(() => getProfile('xyz'));
    expect(err.code).toBe('NOT_FOUND');
    expect(err.message).toBe('未知的政策配置：xyz (unknown policy profile)');
    expect(errorCodeOf(() => resolveRule('xyz', 'burden.formsPerDepartmentMax'))).toBe('NOT_FOUND');
  });
});

describe('resolveRule', () => {
  const at = '2024-03-01T09:00:00+08:00';

  it('takes the profile own rule when it has one', () => {
    const r = resolveRule('yinchuan-xingqing-2018', 'staffing.streetLeadershipPosts');
    expect(r).toMatchObject({
      value: { min: 6, max: 6, principal: 2, deputy: 4 },
      profileId: 'yinchuan-xingqing-2018',
    });
    expect(r.fellBackToGeneric).toBe(false);
    expect(r.overridden).toBe(false);
    expect(r.source).toMatch(/^XQ 二\(二\)2 — /);
  });

  it('falls back to generic and names the generic source', () => {
    const r = resolveRule('nanjing-2014', 'staffing.twoCommitteesByHouseholds');
    expect(r.fellBackToGeneric).toBe(true);
    expect(r.profileId).toBe('generic');
    expect(r.source).toBe(getProfile('generic').rules['staffing.twoCommitteesByHouseholds']?.source);
    expect(r.source).toMatch(/^XQ 三\(四\)2 — /);
  });

  it('does not call generic a fallback for itself', () => {
    expect(resolveRule('generic', 'burden.formsPerDepartmentMax')).toMatchObject({
      value: 1,
      profileId: 'generic',
      fellBackToGeneric: false,
    });
  });

  it('applies a cited district override and records who and when', () => {
    const overrides = {
      'staffing.serviceStationStaffMax': { value: 5, source: '某区编委〔2024〕3号', by: 'u-17', at },
    };
    const r = resolveRule('yinchuan-xingqing-2018', 'staffing.serviceStationStaffMax', overrides);
    expect(r).toMatchObject({
      value: 5,
      source: '某区编委〔2024〕3号',
      overridden: true,
      fellBackToGeneric: false,
    });
    expect(r.override).toEqual({ by: 'u-17', at });
    // Other keys are untouched by an override of one rule.
    expect(resolveRule('yinchuan-xingqing-2018', 'staffing.streetStaffMax', overrides).overridden).toBe(
      false,
    );
  });

  it('refuses an override without a citation, with a bad value, or for an unknown key', () => {
    const noSource = { 'staffing.serviceStationStaffMax': { value: 5, by: 'u-17', at } };
    const err = catchAppError(() => resolveRule('generic', 'staffing.serviceStationStaffMax', noSource));
    expect(err.code).toBe('VALIDATION_FAILED');
    expect(JSON.stringify(err.details)).toContain('缺少政策依据');
    expect(errorCodeOf(() => parseOverrides(noSource))).toBe('VALIDATION_FAILED');
    const blank = { 'staffing.serviceStationStaffMax': { value: 5, source: ' ', by: 'u', at } };
    expect(errorCodeOf(() => parseOverrides(blank))).toBe('VALIDATION_FAILED');
    const badValue = { 'staffing.serviceStationStaffMax': { value: -1, source: 'S', by: 'u', at } };
    expect(errorCodeOf(() => resolveRule('generic', 'staffing.serviceStationStaffMax', badValue))).toBe(
      'VALIDATION_FAILED',
    );
    const typo = { 'staffing.stationStaffMax': { value: 5, source: 'S', by: 'u', at } };
    expect(errorCodeOf(() => resolveRule('generic', 'staffing.serviceStationStaffMax', typo))).toBe(
      'VALIDATION_FAILED',
    );
    const ok = { 'staffing.serviceStationStaffMax': { value: 5, source: 'S', by: 'u', at } };
    expect(parseOverrides(ok)['staffing.serviceStationStaffMax']?.value).toBe(5);
  });

  it('rejects an unknown rule key with VALIDATION_FAILED', () => {
    expect(isRuleKey('staffing.twoCommitteesByHouseholds')).toBe(true);
    expect(isRuleKey('toString')).toBe(false);
    const err = catchAppError(() => resolveRule('generic', 'nope.rule' as RuleKey));
    expect(err.code).toBe('VALIDATION_FAILED');
    expect(err.message).toBe('未知的政策规则：nope.rule (unknown policy rule)');
  });
});
