/**
 * One line of the district report (pure): what the active profile requires of a community against
 * what it has. No I/O; the use case gathers the inputs.
 */
import { computeFunding } from './compute-funding.ts';
import { computeStaffing } from './compute-staffing.ts';
import { resolveRule } from './load-profiles.ts';
import {
  COMMUNITY_FLAGS,
  type CommunityFlag,
  type OverridesInput,
  PARTY_ORG_TYPES,
  type PartyOrgType,
  type PolicyProfile,
} from './model.ts';
import { householdTier } from './tiers.ts';

/** What is known of a community: its attributes, its grid workers, and the recorded facts. */
export interface CommunityReportInput {
  code: string;
  name: string;
  streetCode: string | null;
  streetName: string | null;
  households: number | null;
  /** Unit flags as stored; anything not a community flag is ignored. */
  flags: readonly string[];
  attrsAreDemo: boolean;
  /** Users with role grid_worker whose unit lies in the community. */
  gridWorkersActual: number;
  facts: {
    twoCommitteeMembers: number | null;
    serviceStationStaff: number | null;
    partyOrg: string | null;
    partyMembers: number | null;
    workingFundsYuan: number | null;
    partyBuildingFundsYuan: number | null;
  } | null;
}

export interface CommunityReportRow {
  code: string;
  name: string;
  streetCode: string | null;
  streetName: string | null;
  households: number | null;
  flags: CommunityFlag[];
  attrsAreDemo: boolean;
  twoCommitteesRequired: number | null;
  twoCommitteesActual: number | null;
  gridWorkersRequired: number | null;
  gridWorkersActual: number;
  /** actual − required: negative = short of grid workers. */
  gridWorkersGap: number | null;
  partyMembers: number | null;
  partyOrgExpected: PartyOrgType | null;
  partyOrgActual: PartyOrgType | null;
  serviceStationStaffCap: number;
  serviceStationStaffActual: number | null;
  sizeReview: 'small' | 'large' | null;
  workingFundsRequired: number | null;
  workingFundsActual: number | null;
  partyBuildingFundsRequired: number | null;
  partyBuildingFundsActual: number | null;
  fundingRequiredTotal: number | null;
  fundingActualTotal: number | null;
  /** actual − required (yuan): negative = under-funded. */
  fundingGap: number | null;
  /** Human-readable findings, Chinese, in a stable order. */
  issues: string[];
}

const isCommunityFlag = (f: string): f is CommunityFlag => (COMMUNITY_FLAGS as readonly string[]).includes(f);
const isPartyOrg = (v: string | null): v is PartyOrgType =>
  v !== null && (PARTY_ORG_TYPES as readonly string[]).includes(v);

/**
 * Required vs actual for one community under `profile` (+ district overrides). Without households
 * nothing can be required and the row says so; the party organisation and party-building funds
 * need the recorded member count (and use the recorded organisation type, else the expected one).
 */
export function communityReportRow(
  profile: PolicyProfile | string,
  overrides: OverridesInput,
  input: CommunityReportInput,
): CommunityReportRow {
  const flags = [...new Set(input.flags.filter(isCommunityFlag))];
  const facts = input.facts;
  const partyMembers = facts?.partyMembers ?? null;
  const partyOrgActual = isPartyOrg(facts?.partyOrg ?? null) ? (facts?.partyOrg as PartyOrgType) : null;
  const issues: string[] = [];
  const base = {
    code: input.code,
    name: input.name,
    streetCode: input.streetCode,
    streetName: input.streetName,
    households: input.households,
    flags,
    attrsAreDemo: input.attrsAreDemo,
    gridWorkersActual: input.gridWorkersActual,
    twoCommitteesActual: facts?.twoCommitteeMembers ?? null,
    partyMembers,
    partyOrgActual,
    serviceStationStaffActual: facts?.serviceStationStaff ?? null,
    workingFundsActual: facts?.workingFundsYuan ?? null,
    partyBuildingFundsActual: facts?.partyBuildingFundsYuan ?? null,
  };
  const households = input.households;
  // The station-staff cap does not depend on households: compute it even for an empty community.
  const staffing = computeStaffing({
    profile,
    households: households ?? 0,
    flags,
    ...(partyMembers === null ? {} : { partyMembers }),
    overrides,
  });
  const cap = staffing.serviceStationStaffCap.value;
  if (base.serviceStationStaffActual !== null && base.serviceStationStaffActual > cap) {
    issues.push(`服务站工作人员${base.serviceStationStaffActual}人，超过上限${cap}人`);
  }
  const partyOrgExpected = staffing.partyOrganisation?.type ?? null;
  if (partyOrgExpected && partyOrgActual && partyOrgExpected !== partyOrgActual) {
    issues.push(`党组织应为${partyOrgExpected}，现为${partyOrgActual}`);
  }
  if (households === null) {
    issues.unshift('户数未登记，无法测算应配人数与经费');
    return {
      ...base,
      twoCommitteesRequired: null,
      gridWorkersRequired: null,
      gridWorkersGap: null,
      partyOrgExpected,
      serviceStationStaffCap: cap,
      sizeReview: null,
      workingFundsRequired: null,
      partyBuildingFundsRequired: null,
      fundingRequiredTotal: null,
      fundingActualTotal: sumOrNull(base.workingFundsActual, base.partyBuildingFundsActual),
      fundingGap: null,
      issues,
    };
  }
  const gridRequired = staffing.gridWorkersRequired.value;
  const gridGap = input.gridWorkersActual - gridRequired;
  if (gridGap < 0)
    issues.unshift(`网格员缺${-gridGap}人（应配${gridRequired}人，现有${input.gridWorkersActual}人）`);
  const twoRequired = staffing.twoCommittees.value;
  if (base.twoCommitteesActual !== null && base.twoCommitteesActual !== twoRequired) {
    issues.push(`“两委”成员应为${twoRequired}人，现为${base.twoCommitteesActual}人`);
  }
  if (staffing.sizeReview.flag === 'small') issues.push('社区规模偏小，建议研究调整');
  if (staffing.sizeReview.flag === 'large') issues.push('社区规模偏大，建议研究拆分');

  const orgForFunds = partyOrgActual ?? partyOrgExpected;
  const funding =
    partyMembers !== null && orgForFunds
      ? computeFunding({ profile, households, partyOrg: orgForFunds, partyMembers, overrides })
      : null;
  // Working funds depend on households only, so they are required even without party data.
  const workingRequired = householdTier(
    resolveRule(profile, 'funding.communityWorkingFunds', overrides).value,
    households,
  );
  const partyRequired = funding?.partyBuildingFunds.yuan ?? null;
  const requiredTotal = partyRequired === null ? null : workingRequired + partyRequired;
  const actualTotal = sumOrNull(base.workingFundsActual, base.partyBuildingFundsActual);
  const fundingGap = requiredTotal !== null && actualTotal !== null ? actualTotal - requiredTotal : null;
  if (fundingGap !== null && fundingGap < 0) issues.push(`经费缺口${-fundingGap}元`);
  if (partyMembers === null) issues.push('党员人数未登记，无法测算党组织与党建经费');
  return {
    ...base,
    twoCommitteesRequired: twoRequired,
    gridWorkersRequired: gridRequired,
    gridWorkersGap: gridGap,
    partyOrgExpected,
    serviceStationStaffCap: cap,
    sizeReview: staffing.sizeReview.flag,
    workingFundsRequired: workingRequired,
    partyBuildingFundsRequired: partyRequired,
    fundingRequiredTotal: requiredTotal,
    fundingActualTotal: actualTotal,
    fundingGap,
    issues,
  };
}

function sumOrNull(a: number | null, b: number | null): number | null {
  return a === null || b === null ? null : a + b;
}
