import { describe, expect, it } from 'vitest';
import { type CommunityReportInput, communityReportRow } from './community-report-row.ts';

const XQ = 'yinchuan-xingqing-2018';
const facts = {
  twoCommitteeMembers: 7,
  serviceStationStaff: 4,
  partyOrg: '党委',
  partyMembers: 150,
  workingFundsYuan: 130_000,
  partyBuildingFundsYuan: 60_000,
};
const base: CommunityReportInput = {
  code: '640104001001',
  name: '示例社区',
  streetCode: '640104001000',
  streetName: '示例街道',
  households: 3200,
  flags: [],
  attrsAreDemo: false,
  gridWorkersActual: 7,
  facts,
};

describe('district report line', () => {
  it('sets requirement against fact and finds nothing wrong when they match', () => {
    const r = communityReportRow(XQ, {}, base);
    expect(r).toMatchObject({
      twoCommitteesRequired: 7,
      twoCommitteesActual: 7,
      gridWorkersRequired: 7,
      gridWorkersGap: 0,
      partyOrgExpected: '党委',
      partyOrgActual: '党委',
      serviceStationStaffCap: 4,
      sizeReview: 'large',
      workingFundsRequired: 130_000,
      partyBuildingFundsRequired: 60_000,
      fundingRequiredTotal: 190_000,
      fundingActualTotal: 190_000,
      fundingGap: 0,
    });
    expect(r.issues).toEqual(['社区规模偏大，建议研究拆分']);
  });

  it('names every shortfall: grid workers, 两委, party organisation, station staff, funds', () => {
    const r = communityReportRow(
      XQ,
      {},
      {
        ...base,
        flags: ['old_compound', 'utility:water'],
        gridWorkersActual: 4,
        facts: {
          ...facts,
          twoCommitteeMembers: 5,
          partyOrg: '党总支',
          serviceStationStaff: 6,
          workingFundsYuan: 100_000,
        },
      },
    );
    expect(r.flags).toEqual(['old_compound']);
    expect(r.gridWorkersRequired).toBe(11);
    expect(r.gridWorkersGap).toBe(-7);
    // Funds follow the organisation actually set up (党总支 30 000 + 50 × 200).
    expect(r.partyBuildingFundsRequired).toBe(40_000);
    expect(r.fundingGap).toBe(100_000 + 60_000 - (130_000 + 40_000));
    expect(r.issues).toEqual([
      '网格员缺7人（应配11人，现有4人）',
      '服务站工作人员6人，超过上限4人',
      '党组织应为党委，现为党总支',
      '“两委”成员应为7人，现为5人',
      '社区规模偏大，建议研究拆分',
      '经费缺口10000元',
    ]);
  });

  it('cannot require anything without households, and says so', () => {
    const r = communityReportRow(XQ, {}, { ...base, households: null, facts: null, gridWorkersActual: 2 });
    expect(r).toMatchObject({ twoCommitteesRequired: null, gridWorkersRequired: null, fundingGap: null });
    expect(r.issues[0]).toBe('户数未登记，无法测算应配人数与经费');
  });

  it('requires working funds but not party-building funds without a member count', () => {
    const r = communityReportRow(XQ, {}, { ...base, households: 5000, facts: null });
    expect(r).toMatchObject({
      workingFundsRequired: 150_000,
      partyBuildingFundsRequired: null,
      partyOrgExpected: null,
      fundingRequiredTotal: null,
    });
    expect(r.issues).toContain('党员人数未登记，无法测算党组织与党建经费');
  });

  it('applies district overrides', () => {
    const overrides = {
      'staffing.gridWorkerHouseholds': {
        value: {
          householdsPerWorker: 400,
          reducedHouseholdsPerWorker: 300,
          reducedWhenAnyFlag: ['old_compound'],
          twoCommitteeMembersServe: true,
        },
        source: '某区网格化管理办法〔2024〕1号',
        by: 'admin',
        at: '2024-01-01T00:00:00Z',
      },
    };
    expect(communityReportRow(XQ, overrides, base).gridWorkersRequired).toBe(8);
  });
});
