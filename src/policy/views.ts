/** Response schemas of the policy API (the allow-list of what it returns). */
import { z } from 'zod';
import { COMMUNITY_FLAGS, PARTY_ORG_TYPES } from './model.ts';

const flag = z.enum(COMMUNITY_FLAGS);
const partyOrg = z.enum(PARTY_ORG_TYPES);

export const ProvenanceView = z.object({
  source: z.string(),
  profileId: z.string(),
  fellBackToGeneric: z.boolean(),
  overridden: z.boolean(),
  note: z.string().optional(),
  override: z.object({ by: z.string(), at: z.string() }).optional(),
});

const figure = <T extends z.ZodRawShape>(shape: T) => ProvenanceView.extend(shape);
const valueFigure = figure({ value: z.number() });

export const ProfileSummaryView = z.object({
  id: z.string(),
  name: z.string(),
  version: z.number(),
  effectiveFrom: z.string(),
  description: z.string(),
  ruleCount: z.number(),
  active: z.boolean(),
});

export const ResolvedRuleView = ProvenanceView.extend({ key: z.string(), value: z.unknown() });

export const OverrideView = z.object({
  ruleKey: z.string(),
  value: z.unknown(),
  source: z.string(),
  setBy: z.string(),
  setAt: z.string(),
});

export const ActivePolicyView = z.object({
  districtCode: z.string(),
  profileId: z.string(),
  profileName: z.string(),
  overrides: z.array(OverrideView),
  rules: z.array(ResolvedRuleView),
});

export const StaffingView = z.object({
  profileId: z.string(),
  households: z.number(),
  twoCommittees: valueFigure,
  gridWorkersRequired: figure({
    value: z.number(),
    householdsPerWorker: z.number(),
    reducedRatioApplied: z.boolean(),
    triggeredBy: z.array(flag),
  }),
  gridWorkersToRecruit: valueFigure,
  partyOrganisation: figure({
    type: partyOrg,
    partyMembers: z.number(),
    committeeSize: z.object({ min: z.number(), max: z.number(), oddOnly: z.boolean() }).optional(),
  }).nullable(),
  serviceStationStaffCap: valueFigure,
  partyMassCentreWindowStaffCap: valueFigure,
  sizeReview: figure({ flag: z.enum(['small', 'large']).nullable() }),
});

export const FundingView = z.object({
  profileId: z.string(),
  communityWorkingFunds: figure({ yuan: z.number() }),
  partyBuildingFunds: figure({
    yuan: z.number(),
    baseYuan: z.number(),
    extraMembers: z.number(),
    yuanPerExtraMember: z.number(),
  }),
  totalYuan: z.number(),
  partyOrgCheck: figure({ expected: partyOrg, matches: z.boolean() }),
});

const num = z.number().nullable();
export const ReportRowView = z.object({
  code: z.string(),
  name: z.string(),
  streetCode: z.string().nullable(),
  streetName: z.string().nullable(),
  households: num,
  flags: z.array(flag),
  attrsAreDemo: z.boolean(),
  twoCommitteesRequired: num,
  twoCommitteesActual: num,
  gridWorkersRequired: num,
  gridWorkersActual: z.number(),
  gridWorkersGap: num,
  partyMembers: num,
  partyOrgExpected: partyOrg.nullable(),
  partyOrgActual: partyOrg.nullable(),
  serviceStationStaffCap: z.number(),
  serviceStationStaffActual: num,
  sizeReview: z.enum(['small', 'large']).nullable(),
  workingFundsRequired: num,
  workingFundsActual: num,
  partyBuildingFundsRequired: num,
  partyBuildingFundsActual: num,
  fundingRequiredTotal: num,
  fundingActualTotal: num,
  fundingGap: num,
  issues: z.array(z.string()),
});

export const DistrictReportView = z.object({
  districtCode: z.string(),
  profileId: z.string(),
  profileName: z.string(),
  year: z.number(),
  generatedAt: z.string(),
  rules: z.array(ProvenanceView.extend({ key: z.string(), label: z.string() })),
  rows: z.array(ReportRowView),
  totals: z.object({
    communities: z.number(),
    households: z.number(),
    gridWorkersRequired: z.number(),
    gridWorkersActual: z.number(),
    communitiesShortOfGridWorkers: z.number(),
    fundingRequired: z.number(),
    fundingActual: z.number(),
  }),
});

export const CommunityFactsView = z.object({
  communityCode: z.string(),
  year: z.number(),
  twoCommitteeMembers: num,
  serviceStationStaff: num,
  partyOrg: z.string().nullable(),
  partyMembers: num,
  workingFundsYuan: num,
  partyBuildingFundsYuan: num,
  note: z.string().nullable(),
  updatedBy: z.string(),
  updatedAt: z.string(),
});
