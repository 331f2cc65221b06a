/**
 * Funding computations (pure), in yuan a year unless stated. Every amount carries the provenance
 * of the rule that produced it.
 */
import { z } from 'zod';
import { provenanceOf, resolveRule } from './load-profiles.ts';
import {
  type Figure,
  type OverridesInput,
  type PartyOrgType,
  type PolicyProfile,
  parseOrThrow,
  partyOrgTypeSchema,
} from './model.ts';
import { householdTier, partyOrgTier } from './tiers.ts';

type ProfileRef = PolicyProfile | string;

const countSchema = z.int().nonnegative();

/** Input of {@link computeFunding}; exported so CLI/HTTP layers validate with the same rules. */
export const fundingInputSchema = z.object({
  households: countSchema,
  partyOrg: partyOrgTypeSchema,
  partyMembers: countSchema,
});

export interface FundingInput {
  profile: ProfileRef;
  households: number;
  /** The organisation the community actually has (it may differ from what the rule expects). */
  partyOrg: PartyOrgType;
  /** Directly managed party members (直管党员). */
  partyMembers: number;
  overrides?: OverridesInput;
}

export interface FundingResult {
  profileId: string;
  /** 社区工作经费 by household tier. */
  communityWorkingFunds: Figure<{ yuan: number }>;
  /** 社区党建经费 = base for the organisation type + per-member extra above the threshold. */
  partyBuildingFunds: Figure<{
    yuan: number;
    baseYuan: number;
    extraMembers: number;
    yuanPerExtraMember: number;
  }>;
  /** Working funds + party-building funds. */
  totalYuan: number;
  /**
   * Whether the given organisation type is the one the staffing rule expects for this many
   * members — a district report flags mismatches; funding itself follows the actual type.
   */
  partyOrgCheck: Figure<{ expected: PartyOrgType; matches: boolean }>;
}

/**
 * Community working funds and party-building funds under a profile. Example (XQ 五(二)): 4 200
 * households, 党委 with 150 members → 130 000 + (50 000 + 50 × 200) = 190 000 yuan. Throws
 * `VALIDATION_FAILED` on bad input, `NOT_FOUND` on an unknown profile id.
 */
export function computeFunding(input: FundingInput): FundingResult {
  const { households, partyOrg, partyMembers } = parseOrThrow(
    fundingInputSchema,
    { households: input.households, partyOrg: input.partyOrg, partyMembers: input.partyMembers },
    '经费计算参数无效 (invalid funding input)',
  );
  const { profile, overrides } = input;

  const workingRule = resolveRule(profile, 'funding.communityWorkingFunds', overrides);
  const working = householdTier(workingRule.value, households);

  const partyRule = resolveRule(profile, 'funding.partyBuilding', overrides);
  const baseYuan = partyRule.value.baseYuan[partyOrg];
  const { aboveMembers, yuanPerMember } = partyRule.value.extraPerMember;
  // The per-member extra applies to any organisation type: the clause conditions it on members only.
  const extraMembers = Math.max(0, partyMembers - aboveMembers);
  const partyYuan = baseYuan + extraMembers * yuanPerMember;

  const orgRule = resolveRule(profile, 'staffing.partyOrganisation', overrides);
  const expected = partyOrgTier(orgRule.value, partyMembers).type;

  return {
    profileId: typeof profile === 'string' ? profile : profile.id,
    communityWorkingFunds: { yuan: working, ...provenanceOf(workingRule) },
    partyBuildingFunds: {
      yuan: partyYuan,
      baseYuan,
      extraMembers,
      yuanPerExtraMember: yuanPerMember,
      ...provenanceOf(partyRule),
    },
    totalYuan: working + partyYuan,
    partyOrgCheck: { expected, matches: expected === partyOrg, ...provenanceOf(orgRule) },
  };
}

/** 为民服务专项资金 per community and its city / district shares. */
export function computeCommunityServiceFund(input: {
  profile: ProfileRef;
  overrides?: OverridesInput;
}): Figure<{ yuan: number; cityYuan: number; districtYuan: number }> {
  const rule = resolveRule(input.profile, 'funding.communityServiceFund', input.overrides);
  const { yuanPerCommunity, shares } = rule.value;
  const cityYuan = Math.round((yuanPerCommunity * shares.city) / (shares.city + shares.district));
  // District takes the remainder so the two shares always add up to the whole amount.
  return {
    yuan: yuanPerCommunity,
    cityYuan,
    districtYuan: yuanPerCommunity - cityYuan,
    ...provenanceOf(rule),
  };
}

/**
 * Long-service honours a community worker has reached after `years` of continuous service
 * (each is a one-time award; whether a later one is paid on top of an earlier one is for payroll).
 */
export function computeLongServiceHonours(input: {
  profile: ProfileRef;
  years: number;
  overrides?: OverridesInput;
}): Figure<{ reached: { minYears: number; yuan: number }[]; highestYuan: number }> {
  const years = parseOrThrow(
    z.number().nonnegative(),
    input.years,
    '服务年限无效 (invalid years of service)',
  );
  const rule = resolveRule(input.profile, 'funding.longServiceHonours', input.overrides);
  const reached = rule.value.filter((h) => years >= h.minYears).map((h) => ({ ...h }));
  return { reached, highestYuan: reached.at(-1)?.yuan ?? 0, ...provenanceOf(rule) };
}
