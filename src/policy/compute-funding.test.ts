import { describe, expect, it } from 'vitest';
import { computeCommunityServiceFund, computeFunding, computeLongServiceHonours } from './compute-funding.ts';
import type { PartyOrgType } from './model.ts';
import { errorCodeOf } from './test-helpers.ts';

const XQ = 'yinchuan-xingqing-2018';
const at = '2024-03-01T09:00:00+08:00';

describe('community working funds (XQ 五(二): <3000 → 100 000; 3000–4999 → 130 000; ≥5000 → 150 000)', () => {
  it.each([
    [0, 100_000],
    [2999, 100_000],
    [3000, 130_000],
    [4999, 130_000],
    // 5000 is explicitly “含5000户” in the top tier — unlike 两委 staffing, where 5000 stays at 7.
    [5000, 150_000],
    [5001, 150_000],
  ])('%i households → %i yuan', (households, yuan) => {
    const r = computeFunding({ profile: XQ, households, partyOrg: '党总支', partyMembers: 10 });
    expect(r.communityWorkingFunds.yuan).toBe(yuan);
    expect(r.communityWorkingFunds.source).toMatch(/^XQ 五\(二\) — /);
  });
});

describe('party-building funds (XQ 五(二): 50 000 / 30 000 / 20 000 + 200 per member above 100)', () => {
  it.each([
    ['党委', 100, 50_000, 0],
    ['党委', 101, 50_200, 1],
    ['党委', 150, 60_000, 50],
    ['党委', 350, 100_000, 250],
    ['党总支', 0, 30_000, 0],
    ['党总支', 100, 30_000, 0],
    ['党支部', 30, 20_000, 0],
    // The extra follows members, not type: an (irregular) 党总支 with 120 members still gets it.
    ['党总支', 120, 34_000, 20],
  ] as const)('%s with %i members → %i yuan', (partyOrg, partyMembers, yuan, extraMembers) => {
    const r = computeFunding({ profile: XQ, households: 1000, partyOrg, partyMembers });
    expect(r.partyBuildingFunds).toMatchObject({ yuan, extraMembers, yuanPerExtraMember: 200 });
    expect(r.partyBuildingFunds.source).toMatch(/^XQ 五\(二\) — /);
  });

  it('works the issue examples by hand', () => {
    // 4 200 households, 党委 with 150 members: 130 000 + 50 000 + 50 × 200 = 190 000.
    const a = computeFunding({ profile: XQ, households: 4200, partyOrg: '党委', partyMembers: 150 });
    expect(a.communityWorkingFunds.yuan).toBe(130_000);
    expect(a.partyBuildingFunds.yuan).toBe(60_000);
    expect(a.totalYuan).toBe(190_000);
    // 2 500 households, 党总支 with 80 members: 100 000 + 30 000 = 130 000.
    expect(
      computeFunding({ profile: XQ, households: 2500, partyOrg: '党总支', partyMembers: 80 }).totalYuan,
    ).toBe(130_000);
    // 6 000 households, 党委 with 230 members: 150 000 + 50 000 + 130 × 200 = 226 000.
    expect(
      computeFunding({ profile: XQ, households: 6000, partyOrg: '党委', partyMembers: 230 }).totalYuan,
    ).toBe(226_000);
  });

  it.each([
    ['党总支', 100, '党总支', true],
    ['党总支', 101, '党委', false],
    ['党委', 101, '党委', true],
    ['党委', 60, '党总支', false],
  ] as const)(
    'flags %s with %i members against the expected %s',
    (partyOrg, partyMembers, expected, matches) => {
      const r = computeFunding({
        profile: XQ,
        households: 1000,
        partyOrg: partyOrg as PartyOrgType,
        partyMembers,
      });
      expect(r.partyOrgCheck).toMatchObject({ expected, matches });
      expect(r.partyOrgCheck.source).toMatch(/^XQ 三\(一\)/);
    },
  );
});

describe('fallback and overrides', () => {
  it('funds a Xiangyang community from generic, naming the XQ clause', () => {
    const r = computeFunding({
      profile: 'xiangyang-2020',
      households: 3000,
      partyOrg: '党委',
      partyMembers: 101,
    });
    expect(r.profileId).toBe('xiangyang-2020');
    expect(r.communityWorkingFunds).toMatchObject({
      yuan: 130_000,
      fellBackToGeneric: true,
      profileId: 'generic',
    });
    expect(r.partyBuildingFunds).toMatchObject({ yuan: 50_200, fellBackToGeneric: true });
    expect(r.communityWorkingFunds.source).toMatch(/^XQ 五\(二\) — /);
  });

  it('applies a cited override of the party-building rule', () => {
    const overrides = {
      'funding.partyBuilding': {
        value: {
          baseYuan: { 党委: 60_000, 党总支: 35_000, 党支部: 20_000 },
          extraPerMember: { aboveMembers: 50, yuanPerMember: 100 },
        },
        source: '某区财政局〔2024〕12号',
        by: 'fin-2',
        at,
      },
    };
    const r = computeFunding({
      profile: XQ,
      households: 1000,
      partyOrg: '党总支',
      partyMembers: 80,
      overrides,
    });
    expect(r.partyBuildingFunds).toMatchObject({
      yuan: 38_000,
      overridden: true,
      source: '某区财政局〔2024〕12号',
    });
    expect(r.communityWorkingFunds.overridden).toBe(false);
    const uncited = { 'funding.partyBuilding': { ...overrides['funding.partyBuilding'], source: '' } };
    expect(
      errorCodeOf(() =>
        computeFunding({ profile: XQ, households: 1, partyOrg: '党委', partyMembers: 1, overrides: uncited }),
      ),
    ).toBe('VALIDATION_FAILED');
  });

  it('rejects bad input', () => {
    const ok = { profile: XQ, households: 1000, partyOrg: '党委' as const, partyMembers: 120 };
    expect(errorCodeOf(() => computeFunding({ ...ok, households: -1 }))).toBe('VALIDATION_FAILED');
    expect(errorCodeOf(() => computeFunding({ ...ok, partyMembers: 1.5 }))).toBe('VALIDATION_FAILED');
    expect(errorCodeOf(() => computeFunding({ ...ok, partyOrg: '党组' as PartyOrgType }))).toBe(
      'VALIDATION_FAILED',
    );
    expect(errorCodeOf(() => computeFunding({ ...ok, profile: 'nowhere' }))).toBe('NOT_FOUND');
  });
});

describe('community service fund (NJ 10) and long-service honours (XQ 五(四))', () => {
  it('splits 200 000 a year 1 : 1 between city and district', () => {
    const r = computeCommunityServiceFund({ profile: 'nanjing-2014' });
    expect(r).toMatchObject({
      yuan: 200_000,
      cityYuan: 100_000,
      districtYuan: 100_000,
      fellBackToGeneric: false,
    });
    expect(r.source).toMatch(/^NJ 10 — /);
    expect(computeCommunityServiceFund({ profile: XQ })).toMatchObject({
      fellBackToGeneric: true,
      profileId: 'generic',
    });
  });

  it('keeps an uneven split whole', () => {
    const overrides = {
      'funding.communityServiceFund': {
        value: { yuanPerCommunity: 100_000, shares: { city: 1, district: 2 } },
        source: 'S',
        by: 'u',
        at,
      },
    };
    const r = computeCommunityServiceFund({ profile: 'nanjing-2014', overrides });
    expect([r.cityYuan, r.districtYuan]).toEqual([33_333, 66_667]);
  });

  it.each([
    [19, [], 0],
    [20, [20], 5_000],
    [29.9, [20], 5_000],
    [30, [20, 30], 10_000],
  ])('%f years → milestones %j, highest %i yuan', (years, milestones, highestYuan) => {
    const r = computeLongServiceHonours({ profile: XQ, years });
    expect(r.reached.map((h) => h.minYears)).toEqual(milestones);
    expect(r.highestYuan).toBe(highestYuan);
    expect(r.source).toMatch(/^XQ 五\(四\) — /);
  });
});
