/**
 * Staffing computations (pure): what a community or a street should have under a policy profile.
 * Every figure carries the provenance of the rule that produced it.
 */
import { z } from 'zod';
import { provenanceOf, resolveRule } from './load-profiles.ts';
import {
  type CommunityFlag,
  communityFlagSchema,
  type Figure,
  type OverridesInput,
  type PartyOrgType,
  type PolicyProfile,
  parseOrThrow,
  type RuleValue,
} from './model.ts';
import { householdTier, partyOrgTier } from './tiers.ts';

const countSchema = z.int().nonnegative();

/** Input of {@link computeStaffing}; exported so CLI/HTTP layers validate with the same rules. */
export const staffingInputSchema = z.object({
  households: countSchema,
  flags: z.array(communityFlagSchema).default([]),
  partyMembers: countSchema.optional(),
});

export interface StaffingInput {
  /** A loaded profile or a bundled profile id. */
  profile: PolicyProfile | string;
  households: number;
  flags?: readonly CommunityFlag[];
  /** Directly managed party members; without it the party organisation is not computed. */
  partyMembers?: number;
  overrides?: OverridesInput;
}

export interface StaffingResult {
  profileId: string;
  households: number;
  /** 社区“两委”成员 to be staffed. */
  twoCommittees: Figure<{ value: number }>;
  /** 网格员 required: ceil(households / householdsPerWorker). */
  gridWorkersRequired: Figure<{
    value: number;
    householdsPerWorker: number;
    reducedRatioApplied: boolean;
    /** The input flags that switched to the reduced ratio. */
    triggeredBy: CommunityFlag[];
  }>;
  /** Full-time grid workers to recruit once 两委 members serve as grid workers (XQ 三(四)2). */
  gridWorkersToRecruit: Figure<{ value: number }>;
  /** Null when `partyMembers` was not given. */
  partyOrganisation: Figure<{
    type: PartyOrgType;
    partyMembers: number;
    committeeSize?: { min: number; max: number; oddOnly: boolean };
  }> | null;
  serviceStationStaffCap: Figure<{ value: number }>;
  partyMassCentreWindowStaffCap: Figure<{ value: number }>;
  sizeReview: Figure<{ flag: 'small' | 'large' | null }>;
}

/** Grid workers needed to cover every household: a partial block still needs a worker. */
export function gridWorkersFor(households: number, householdsPerWorker: number): number {
  return Math.ceil(households / householdsPerWorker);
}

/**
 * Community staffing under a profile: 两委 size, grid workers (500 → 300 households per worker when
 * any flag the rule lists applies), recruits beyond 两委, party organisation type, service-station
 * and window staff caps, and the size-review flag. Throws `VALIDATION_FAILED` on bad input,
 * `NOT_FOUND` on an unknown profile id.
 */
export function computeStaffing(input: StaffingInput): StaffingResult {
  const { households, flags, partyMembers } = parseOrThrow(
    staffingInputSchema,
    { households: input.households, flags: input.flags, partyMembers: input.partyMembers },
    '人员配备计算参数无效 (invalid staffing input)',
  );
  const { profile, overrides } = input;

  const twoRule = resolveRule(profile, 'staffing.twoCommitteesByHouseholds', overrides);
  const twoCommittees = householdTier(twoRule.value, households);

  const gridRule = resolveRule(profile, 'staffing.gridWorkerHouseholds', overrides);
  const triggeredBy = [...new Set(flags.filter((f) => gridRule.value.reducedWhenAnyFlag.includes(f)))];
  const reduced = triggeredBy.length > 0;
  const perWorker = reduced ? gridRule.value.reducedHouseholdsPerWorker : gridRule.value.householdsPerWorker;
  const gridWorkers = gridWorkersFor(households, perWorker);
  const toRecruit = gridRule.value.twoCommitteeMembersServe
    ? Math.max(0, gridWorkers - twoCommittees)
    : gridWorkers;

  const stationRule = resolveRule(profile, 'staffing.serviceStationStaffMax', overrides);
  const windowRule = resolveRule(profile, 'staffing.partyMassCentreWindowStaffMax', overrides);
  const sizeRule = resolveRule(profile, 'staffing.communitySizeReview', overrides);
  const { smallBelowHouseholds, largeAboveHouseholds } = sizeRule.value;
  const sizeFlag =
    households < smallBelowHouseholds ? 'small' : households > largeAboveHouseholds ? 'large' : null;

  return {
    profileId: typeof profile === 'string' ? profile : profile.id,
    households,
    twoCommittees: { value: twoCommittees, ...provenanceOf(twoRule) },
    gridWorkersRequired: {
      value: gridWorkers,
      householdsPerWorker: perWorker,
      reducedRatioApplied: reduced,
      triggeredBy,
      ...provenanceOf(gridRule),
    },
    gridWorkersToRecruit: { value: toRecruit, ...provenanceOf(gridRule) },
    partyOrganisation:
      partyMembers === undefined ? null : partyOrganisationFor(profile, partyMembers, overrides),
    serviceStationStaffCap: { value: stationRule.value, ...provenanceOf(stationRule) },
    partyMassCentreWindowStaffCap: { value: windowRule.value, ...provenanceOf(windowRule) },
    sizeReview: { flag: sizeFlag, ...provenanceOf(sizeRule) },
  };
}

function partyOrganisationFor(
  profile: PolicyProfile | string,
  partyMembers: number,
  overrides: OverridesInput | undefined,
): NonNullable<StaffingResult['partyOrganisation']> {
  const rule = resolveRule(profile, 'staffing.partyOrganisation', overrides);
  const tier = partyOrgTier(rule.value, partyMembers);
  return {
    type: tier.type,
    partyMembers,
    ...(tier.committeeSize ? { committeeSize: { ...tier.committeeSize } } : {}),
    ...provenanceOf(rule),
  };
}

/** Street-level organisation limits of a profile (PRODUCT.md §5 "street organisation"). */
export interface StreetOrganisation {
  profileId: string;
  staffMax: Figure<{ value: RuleValue<'staffing.streetStaffMax'> }>;
  leadershipPosts: Figure<{ value: RuleValue<'staffing.streetLeadershipPosts'> }>;
  establishmentMin: Figure<{ value: RuleValue<'staffing.streetEstablishmentMin'> }>;
  internalBodies: Figure<{ value: RuleValue<'staffing.streetInternalBodies'> }>;
  youngCadres: Figure<{ value: RuleValue<'staffing.youngCadresPerStreet'> }>;
  pairedCadreWorkingDaysPerWeekMin: Figure<{ value: number }>;
}

/** Street organisation limits (staff cap, leadership posts, internal offices …) with sources. */
export function computeStreetOrganisation(input: {
  profile: PolicyProfile | string;
  overrides?: OverridesInput;
}): StreetOrganisation {
  const { profile, overrides } = input;
  const staff = resolveRule(profile, 'staffing.streetStaffMax', overrides);
  const leaders = resolveRule(profile, 'staffing.streetLeadershipPosts', overrides);
  const posts = resolveRule(profile, 'staffing.streetEstablishmentMin', overrides);
  const bodies = resolveRule(profile, 'staffing.streetInternalBodies', overrides);
  const cadres = resolveRule(profile, 'staffing.youngCadresPerStreet', overrides);
  const paired = resolveRule(profile, 'staffing.pairedCadreWorkingDaysPerWeekMin', overrides);
  return {
    profileId: typeof profile === 'string' ? profile : profile.id,
    staffMax: { value: staff.value, ...provenanceOf(staff) },
    leadershipPosts: { value: leaders.value, ...provenanceOf(leaders) },
    establishmentMin: { value: posts.value, ...provenanceOf(posts) },
    internalBodies: { value: bodies.value, ...provenanceOf(bodies) },
    youngCadres: { value: cadres.value, ...provenanceOf(cadres) },
    pairedCadreWorkingDaysPerWeekMin: { value: paired.value, ...provenanceOf(paired) },
  };
}
