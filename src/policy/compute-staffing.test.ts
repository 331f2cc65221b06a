import { describe, expect, it } from 'vitest';
import { computeStaffing, computeStreetOrganisation, gridWorkersFor } from './compute-staffing.ts';
import { COMMUNITY_FLAGS } from './model.ts';
import { catchAppError, errorCodeOf } from './test-helpers.ts';

const XQ = 'yinchuan-xingqing-2018';
const at = '2024-03-01T09:00:00+08:00';

describe('两委 size by households (XQ 三(四)2: <3000 → 5; 3000–5000 → 7; >5000 → 9)', () => {
  it.each([
    [0, 5],
    [1, 5],
    [2999, 5],
    [3000, 7],
    [4000, 7],
    [5000, 7],
    [5001, 9],
    [20000, 9],
  ])('%i households → %i members', (households, members) => {
    const r = computeStaffing({ profile: XQ, households });
    expect(r.twoCommittees.value).toBe(members);
    expect(r.twoCommittees.source).toMatch(/^XQ 三\(四\)2 — /);
    expect(r.twoCommittees.fellBackToGeneric).toBe(false);
  });
});

describe('grid workers (XQ 三(四)2: 1 per 500; 1 per 300 with any flag)', () => {
  it.each([
    [0, 0],
    [1, 1],
    [500, 1],
    [501, 2],
    [2999, 6],
    [3000, 6],
    [5001, 11],
  ])('%i households, no flag → %i workers at 500 each', (households, workers) => {
    const r = computeStaffing({ profile: XQ, households });
    expect(r.gridWorkersRequired).toMatchObject({
      value: workers,
      householdsPerWorker: 500,
      reducedRatioApplied: false,
      triggeredBy: [],
    });
    expect(r.gridWorkersRequired.source).toContain('可按照300户配备1名的标准');
  });

  it.each(COMMUNITY_FLAGS)('flag %s switches the ratio from 500 to 300', (flag) => {
    const r = computeStaffing({ profile: XQ, households: 3000, flags: [flag] });
    expect(r.gridWorkersRequired).toMatchObject({
      value: 10,
      householdsPerWorker: 300,
      reducedRatioApplied: true,
      triggeredBy: [flag],
    });
  });

  it('counts a repeated flag once and keeps 300 with several flags', () => {
    const r = computeStaffing({
      profile: XQ,
      households: 301,
      flags: ['elderly', 'old_compound', 'elderly'],
    });
    expect(r.gridWorkersRequired.value).toBe(2);
    expect(r.gridWorkersRequired.triggeredBy).toEqual(['elderly', 'old_compound']);
  });

  it('recruits full-time grid workers only beyond the 两委 members who serve as grid workers', () => {
    // 3000 households, old compound: 10 workers needed, 7 两委 members serve → 3 to recruit.
    expect(
      computeStaffing({ profile: XQ, households: 3000, flags: ['old_compound'] }).gridWorkersToRecruit.value,
    ).toBe(3);
    // 2999 households, no flag: 6 workers needed, 5 两委 members → 1.
    expect(computeStaffing({ profile: XQ, households: 2999 }).gridWorkersToRecruit.value).toBe(1);
    // 2000 households: 4 workers needed, 5 两委 members cover them → 0, never negative.
    expect(computeStaffing({ profile: XQ, households: 2000 }).gridWorkersToRecruit.value).toBe(0);
  });

  it('rounds a partial block up: every household belongs to some worker', () => {
    expect(gridWorkersFor(1001, 500)).toBe(3);
    expect(gridWorkersFor(1000, 500)).toBe(2);
  });
});

describe('party organisation (XQ 三(一): > 100 directly managed members → 党委, else 党总支)', () => {
  it.each([
    [0, '党总支'],
    [99, '党总支'],
    [100, '党总支'],
    [101, '党委'],
    [500, '党委'],
  ] as const)('%i members → %s', (partyMembers, type) => {
    const r = computeStaffing({ profile: XQ, households: 1200, partyMembers });
    expect(r.partyOrganisation?.type).toBe(type);
    expect(r.partyOrganisation?.source).toMatch(/^XQ 三\(一\)/);
  });

  it('gives a 党委 its 7–11 odd-sized committee and a 党总支 none', () => {
    expect(
      computeStaffing({ profile: XQ, households: 1, partyMembers: 101 }).partyOrganisation?.committeeSize,
    ).toEqual({
      min: 7,
      max: 11,
      oddOnly: true,
    });
    expect(
      computeStaffing({ profile: XQ, households: 1, partyMembers: 100 }).partyOrganisation,
    ).not.toHaveProperty('committeeSize');
  });

  it('is not computed without a member count', () => {
    expect(computeStaffing({ profile: XQ, households: 1200 }).partyOrganisation).toBeNull();
  });
});

describe('caps and size review', () => {
  it('caps service-station staff at 4 (XQ 三(二)2) and window staff at 3 (GP 二(三), via generic)', () => {
    const r = computeStaffing({ profile: XQ, households: 1200 });
    expect(r.serviceStationStaffCap).toMatchObject({ value: 4, fellBackToGeneric: false });
    expect(r.serviceStationStaffCap.source).toMatch(/^XQ 三\(二\)2 — /);
    expect(r.partyMassCentreWindowStaffCap).toMatchObject({
      value: 3,
      fellBackToGeneric: true,
      profileId: 'generic',
    });
    expect(r.partyMassCentreWindowStaffCap.source).toMatch(/^GP 二\(三\) — /);
  });

  it.each([
    [0, 'small'],
    [999, 'small'],
    [1000, null],
    [3000, null],
    [3001, 'large'],
  ] as const)('SJS 14: %i households → %s', (households, flag) => {
    const r = computeStaffing({ profile: 'beijing-shijingshan-2019', households });
    expect(r.sizeReview.flag).toBe(flag);
    expect(r.sizeReview).toMatchObject({ profileId: 'beijing-shijingshan-2019', fellBackToGeneric: false });
    expect(r.sizeReview.source).toMatch(/^SJS 14 — /);
  });
});

describe('fallback, overrides and input validation', () => {
  it('computes a Nanjing community entirely from generic and says so on every figure', () => {
    const r = computeStaffing({
      profile: 'nanjing-2014',
      households: 5001,
      flags: ['commercial'],
      partyMembers: 101,
    });
    expect(r.profileId).toBe('nanjing-2014');
    expect(r.twoCommittees.value).toBe(9);
    expect(r.gridWorkersRequired.value).toBe(17);
    expect(r.partyOrganisation?.type).toBe('党委');
    for (const figure of [r.twoCommittees, r.gridWorkersRequired, r.partyOrganisation, r.sizeReview]) {
      expect(figure).toMatchObject({ fellBackToGeneric: true, profileId: 'generic' });
    }
    expect(r.twoCommittees.source).toMatch(/^XQ 三\(四\)2 — /);
    expect(r.sizeReview.source).toMatch(/^SJS 14 — /);
  });

  it('uses a district override of the grid ratio with its citation', () => {
    const overrides = {
      'staffing.gridWorkerHouseholds': {
        value: {
          householdsPerWorker: 400,
          reducedHouseholdsPerWorker: 250,
          reducedWhenAnyFlag: ['elderly'],
          twoCommitteeMembersServe: false,
        },
        source: '某区网格化管理办法〔2023〕5号',
        by: 'admin-1',
        at,
      },
    };
    const plain = computeStaffing({ profile: XQ, households: 1000, flags: ['commercial'], overrides });
    expect(plain.gridWorkersRequired).toMatchObject({ value: 3, householdsPerWorker: 400, overridden: true });
    expect(plain.gridWorkersRequired.source).toBe('某区网格化管理办法〔2023〕5号');
    expect(plain.gridWorkersToRecruit.value).toBe(3);
    const elderly = computeStaffing({ profile: XQ, households: 1000, flags: ['elderly'], overrides });
    expect(elderly.gridWorkersRequired.value).toBe(4);
    // The 两委 rule was not overridden and keeps the profile's own source.
    expect(elderly.twoCommittees.overridden).toBe(false);
  });

  it('rejects negative or fractional counts and unknown flags', () => {
    expect(errorCodeOf(() => computeStaffing({ profile: XQ, households: -1 }))).toBe('VALIDATION_FAILED');
    expect(errorCodeOf(() => computeStaffing({ profile: XQ, households: 10.5 }))).toBe('VALIDATION_FAILED');
    expect(errorCodeOf(() => computeStaffing({ profile: XQ, households: 10, partyMembers: -3 }))).toBe(
      'VALIDATION_FAILED',
    );
    const err = catchAppError(() =>
      computeStaffing({ profile: XQ, households: 10, flags: ['villa' as (typeof COMMUNITY_FLAGS)[number]] }),
    );
    expect(err.code).toBe('VALIDATION_FAILED');
    expect(err.message).toContain('人员配备计算参数无效');
    expect(errorCodeOf(() => computeStaffing({ profile: 'xyz', households: 10 }))).toBe('NOT_FOUND');
  });
});

describe('street organisation', () => {
  it('differs by city and names each source', () => {
    const xq = computeStreetOrganisation({ profile: XQ });
    expect(xq.leadershipPosts.value).toEqual({ min: 6, max: 6, principal: 2, deputy: 4 });
    expect(xq.internalBodies.value.offices).toEqual({ min: 4, max: 4 });
    expect(xq.staffMax.value.max).toBe(30);
    expect(xq.establishmentMin).toMatchObject({
      fellBackToGeneric: true,
      value: { administrative: 15, institutional: 30 },
    });

    const xy = computeStreetOrganisation({ profile: 'xiangyang-2020' });
    expect(xy.leadershipPosts.value).toEqual({ min: 7, max: 9 });
    expect(xy.internalBodies.value.additionalUnits[0]?.count).toBe(3);
    expect(xy.youngCadres).toMatchObject({ value: { minCadres: 2, minYears: 2 }, fellBackToGeneric: false });

    const sjs = computeStreetOrganisation({ profile: 'beijing-shijingshan-2019' });
    expect(sjs.internalBodies.value).toEqual({
      offices: { min: 6, max: 6 },
      additionalUnits: [{ name: '综合执法队', count: 1 }],
    });
    expect(sjs.pairedCadreWorkingDaysPerWeekMin).toMatchObject({ value: 2, fellBackToGeneric: true });
  });
});
