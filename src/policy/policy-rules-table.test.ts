/**
 * Every row of POLICY-RULES.md's staffing and funding tables, at and around each boundary, for
 * every bundled profile that defines the rule itself — and, for those that do not, proof that the
 * value comes from `generic` and says so. The expected numbers are copied from POLICY-RULES.md,
 * not from the profile files, so a wrong preset fails here.
 */
import { describe, expect, it } from 'vitest';
import { meetsMinimum } from './assessment-constraints.ts';
import { computeCommunityServiceFund, computeFunding, computeLongServiceHonours } from './compute-funding.ts';
import { computeStaffing, computeStreetOrganisation } from './compute-staffing.ts';
import { getProfile, PROFILE_IDS, resolveRule } from './load-profiles.ts';
import { COMMUNITY_FLAGS, PARTY_ORG_TYPES, type RuleKey } from './model.ts';

const definers = (key: RuleKey) => PROFILE_IDS.filter((id) => getProfile(id).rules[key] !== undefined);
const others = (key: RuleKey) => PROFILE_IDS.filter((id) => getProfile(id).rules[key] === undefined);

/** Each rule must be defined by the profiles whose source states it (the table's source column). */
describe('who defines which staffing/funding rule', () => {
  it.each([
    ['staffing.twoCommitteesByHouseholds', ['yinchuan-xingqing-2018', 'generic']],
    ['staffing.gridWorkerHouseholds', ['yinchuan-xingqing-2018', 'generic']],
    ['staffing.partyOrganisation', ['yinchuan-xingqing-2018', 'generic']],
    ['staffing.serviceStationStaffMax', ['yinchuan-xingqing-2018', 'generic']],
    ['staffing.serviceStations', ['yinchuan-xingqing-2018', 'generic']],
    ['staffing.partyMassCentreWindowStaffMax', ['generic']],
    ['staffing.streetStaffMax', ['yinchuan-xingqing-2018', 'generic']],
    ['staffing.streetLeadershipPosts', ['yinchuan-xingqing-2018', 'xiangyang-2020', 'generic']],
    ['staffing.streetEstablishmentMin', ['xiangyang-2020', 'generic']],
    [
      'staffing.streetInternalBodies',
      ['beijing-shijingshan-2019', 'yinchuan-xingqing-2018', 'xiangyang-2020', 'generic'],
    ],
    ['staffing.communitySizeReview', ['beijing-shijingshan-2019', 'generic']],
    ['staffing.youngCadresPerStreet', ['xiangyang-2020', 'generic']],
    ['staffing.pairedCadreWorkingDaysPerWeekMin', ['generic']],
    ['funding.communityWorkingFunds', ['yinchuan-xingqing-2018', 'generic']],
    ['funding.partyBuilding', ['yinchuan-xingqing-2018', 'generic']],
    ['funding.communityServiceFund', ['nanjing-2014', 'generic']],
    ['funding.streetBudgetResidentNeedsShareMin', ['beijing-shijingshan-2019', 'generic']],
    ['funding.longServiceHonours', ['yinchuan-xingqing-2018', 'generic']],
  ] as [RuleKey, string[]][])('%s ← %j', (key, ids) => {
    expect([...definers(key)].sort()).toEqual([...ids].sort());
    for (const id of others(key)) {
      const rule = resolveRule(id, key);
      expect(rule).toMatchObject({ fellBackToGeneric: true, profileId: 'generic' });
      expect(rule.source).toBe(getProfile('generic').rules[key]?.source);
    }
  });
});

describe('两委 members by households: < 3000 → 5; 3000–5000 → 7; > 5000 → 9 (XQ 三(四)2)', () => {
  const rows: [number, number][] = [
    [0, 5],
    [2998, 5],
    [2999, 5],
    [3000, 7],
    [3001, 7],
    [4999, 7],
    [5000, 7],
    [5001, 9],
    [5002, 9],
  ];
  for (const profile of definers('staffing.twoCommitteesByHouseholds')) {
    it.each(rows)(`${profile}: %i households → %i`, (households, members) => {
      expect(computeStaffing({ profile, households }).twoCommittees.value).toBe(members);
    });
  }
});

describe('grid workers: 1 per 500 households; 1 per 300 with any listed condition (XQ 三(四)2)', () => {
  const plain: [number, number][] = [
    [499, 1],
    [500, 1],
    [501, 2],
    [1000, 2],
    [1001, 3],
  ];
  const reduced: [number, number][] = [
    [299, 1],
    [300, 1],
    [301, 2],
    [600, 2],
    [601, 3],
  ];
  for (const profile of definers('staffing.gridWorkerHouseholds')) {
    it.each(plain)(`${profile}: %i households, no condition → %i`, (households, n) => {
      expect(computeStaffing({ profile, households }).gridWorkersRequired.value).toBe(n);
    });
    for (const flag of COMMUNITY_FLAGS) {
      it.each(reduced)(`${profile}: %i households, ${flag} → %i`, (households, n) => {
        const r = computeStaffing({ profile, households, flags: [flag] });
        expect(r.gridWorkersRequired).toMatchObject({
          value: n,
          householdsPerWorker: 300,
          triggeredBy: [flag],
        });
      });
    }
  }
});

describe('party organisation: > 100 directly managed members → 党委 (7–11, odd); else 党总支 (XQ 三(一))', () => {
  for (const profile of definers('staffing.partyOrganisation')) {
    it.each([
      [99, '党总支'],
      [100, '党总支'],
      [101, '党委'],
      [102, '党委'],
    ])(`${profile}: %i members → %s`, (partyMembers, type) => {
      const org = computeStaffing({ profile, households: 1000, partyMembers }).partyOrganisation;
      expect(org?.type).toBe(type);
      if (type === '党委') expect(org?.committeeSize).toEqual({ min: 7, max: 11, oddOnly: true });
    });
  }
});

describe('caps: service station ≤ 4, one per community, two may share (XQ 三(二)); window ≤ 3 (GP 二(三))', () => {
  for (const profile of definers('staffing.serviceStationStaffMax')) {
    it(`${profile}: station staff cap 4`, () => {
      expect(computeStaffing({ profile, households: 1 }).serviceStationStaffCap.value).toBe(4);
    });
  }
  for (const profile of definers('staffing.serviceStations')) {
    it(`${profile}: one station per community, at most two communities share`, () => {
      expect(resolveRule(profile, 'staffing.serviceStations').value).toEqual({
        perCommunity: 1,
        maxCommunitiesSharing: 2,
      });
    });
  }
  it.each(PROFILE_IDS)('%s: party-mass centre window staff cap 3', (profile) => {
    expect(computeStaffing({ profile, households: 1 }).partyMassCentreWindowStaffCap.value).toBe(3);
  });
});

describe('street organisation (XQ 二(二), 二(三); XY; SJS 5)', () => {
  for (const profile of definers('staffing.streetStaffMax')) {
    it(`${profile}: street staff ≤ 30 excluding the enforcement squad and service stations`, () => {
      const v = computeStreetOrganisation({ profile }).staffMax.value;
      expect(v.max).toBe(30);
      expect(v.excludes).toEqual(expect.arrayContaining(['综合执法中队', '社区服务站']));
    });
  }
  it('leadership posts: XQ 6 (2 principal + 4 deputy); XY and generic 7–9', () => {
    expect(computeStreetOrganisation({ profile: 'yinchuan-xingqing-2018' }).leadershipPosts.value).toEqual({
      min: 6,
      max: 6,
      principal: 2,
      deputy: 4,
    });
    for (const profile of ['xiangyang-2020', 'generic']) {
      expect(computeStreetOrganisation({ profile }).leadershipPosts.value).toEqual({ min: 7, max: 9 });
    }
  });
  for (const profile of definers('staffing.streetEstablishmentMin')) {
    it(`${profile}: posts ≥ 15 administrative and ≥ 30 institutional`, () => {
      expect(computeStreetOrganisation({ profile }).establishmentMin.value).toEqual({
        administrative: 15,
        institutional: 30,
      });
    });
  }
  it('internal bodies: SJS 6 + 1 enforcement team; XY 4–6; XQ 4 offices + 1 centre', () => {
    const bodies = (profile: string) => computeStreetOrganisation({ profile }).internalBodies.value;
    expect(bodies('beijing-shijingshan-2019')).toEqual({
      offices: { min: 6, max: 6 },
      additionalUnits: [{ name: '综合执法队', count: 1 }],
    });
    expect(bodies('xiangyang-2020').offices).toEqual({ min: 4, max: 6 });
    expect(bodies('yinchuan-xingqing-2018')).toMatchObject({ offices: { min: 4, max: 4 } });
    expect(bodies('yinchuan-xingqing-2018').additionalUnits.map((u) => u.count)).toEqual([1]);
  });
  for (const profile of definers('staffing.youngCadresPerStreet')) {
    it(`${profile}: ≥ 2 young cadres per street, each ≥ 2 years`, () => {
      expect(computeStreetOrganisation({ profile }).youngCadres.value).toEqual({ minCadres: 2, minYears: 2 });
    });
  }
  it.each(PROFILE_IDS)(
    '%s: paired cadres ≥ 2 working days a week in the community (GP 四(一))',
    (profile) => {
      expect(computeStreetOrganisation({ profile }).pairedCadreWorkingDaysPerWeekMin.value).toBe(2);
    },
  );
});

describe('community size to review: < 1000 small, > 3000 large (SJS 14)', () => {
  for (const profile of definers('staffing.communitySizeReview')) {
    it.each([
      [998, 'small'],
      [999, 'small'],
      [1000, null],
      [1001, null],
      [2999, null],
      [3000, null],
      [3001, 'large'],
    ] as const)(`${profile}: %i households → %s`, (households, flag) => {
      expect(computeStaffing({ profile, households }).sizeReview.flag).toBe(flag);
    });
  }
});

describe('community working funds: < 3000 → 100 000; 3000–4999 → 130 000; ≥ 5000 → 150 000 (XQ 五(二))', () => {
  for (const profile of definers('funding.communityWorkingFunds')) {
    it.each([
      [0, 100_000],
      [2998, 100_000],
      [2999, 100_000],
      [3000, 130_000],
      [3001, 130_000],
      [4998, 130_000],
      [4999, 130_000],
      [5000, 150_000],
      [5001, 150_000],
    ])(`${profile}: %i households → %i yuan`, (households, yuan) => {
      const r = computeFunding({ profile, households, partyOrg: '党支部', partyMembers: 0 });
      expect(r.communityWorkingFunds.yuan).toBe(yuan);
    });
  }
});

describe('party-building funds: 党委 50 000, 党总支 30 000, 党支部 20 000; + 200 per member above 100 (XQ 五(二))', () => {
  const base = { 党委: 50_000, 党总支: 30_000, 党支部: 20_000 } as const;
  for (const profile of definers('funding.partyBuilding')) {
    for (const partyOrg of PARTY_ORG_TYPES) {
      it.each([
        [99, 0],
        [100, 0],
        [101, 200],
        [102, 400],
      ])(`${profile}: ${partyOrg} with %i members → base + %i`, (partyMembers, extra) => {
        const r = computeFunding({ profile, households: 1000, partyOrg, partyMembers });
        expect(r.partyBuildingFunds.yuan).toBe(base[partyOrg] + extra);
        expect(r.totalYuan).toBe(100_000 + base[partyOrg] + extra);
      });
    }
  }
});

describe('community service fund 200 000, city : district = 1 : 1 (NJ 10)', () => {
  for (const profile of definers('funding.communityServiceFund')) {
    it(profile, () => {
      expect(computeCommunityServiceFund({ profile })).toMatchObject({
        yuan: 200_000,
        cityYuan: 100_000,
        districtYuan: 100_000,
      });
    });
  }
});

describe('street budget on residents’ real needs ≥ 80 % (SJS 40)', () => {
  for (const profile of definers('funding.streetBudgetResidentNeedsShareMin')) {
    it.each([
      [0.79, false],
      [0.7999, false],
      [0.8, true],
      [0.81, true],
    ])(`${profile}: share %f meets the minimum → %s`, (share, ok) => {
      expect(
        meetsMinimum(share, resolveRule(profile, 'funding.streetBudgetResidentNeedsShareMin').value),
      ).toBe(ok);
    });
  }
});

describe('long-service honours: 20 years → 5 000; 30 years → 10 000 (XQ 五(四))', () => {
  for (const profile of definers('funding.longServiceHonours')) {
    it.each([
      [19, 0],
      [20, 5_000],
      [21, 5_000],
      [29, 5_000],
      [30, 10_000],
      [31, 10_000],
    ])(`${profile}: %i years → highest %i yuan`, (years, yuan) => {
      expect(computeLongServiceHonours({ profile, years }).highestYuan).toBe(yuan);
    });
  }
});
