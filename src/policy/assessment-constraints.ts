/**
 * Assessment constraints of a profile as typed data, for the scheme validator (PRODUCT.md §4.6)
 * to enforce when a scheme is saved. No scheme logic lives here: only what the policy requires.
 */
import { provenanceOf, resolveRule } from './load-profiles.ts';
import type { OverridesInput, PolicyProfile, Provenance, RuleKey, RuleValue } from './model.ts';

type ProfileRef = PolicyProfile | string;

/** Who gives the evaluation. */
export type Evaluator = 'residents' | 'street' | 'community_committee' | 'community_party_committee';
/** Who (or what) is evaluated. */
export type Evaluated =
  | 'street'
  | 'community'
  | 'department'
  | 'stationed_unit_head'
  | 'street_staff'
  | 'service_station_staff';

/** "evaluator's weight in evaluated's assessment must be ≥ min". */
export interface MinWeightConstraint extends Provenance {
  key: RuleKey;
  evaluator: Evaluator;
  evaluated: Evaluated;
  /** Fraction in [0, 1]. */
  min: number;
  labelZh: string;
}

// The mapping from rule key to (evaluator, evaluated) is structural, not policy: it says what a
// key means. The numbers themselves always come from the profile.
const MIN_WEIGHT_KEYS = [
  ['assessment.residentsWeightStreetMin', 'residents', 'street', '居民评价在街道考核中的权重'],
  ['assessment.residentsWeightCommunityMin', 'residents', 'community', '居民评价在社区考核中的权重'],
  ['assessment.streetOnDepartmentShareMin', 'street', 'department', '街道评价在区职能部门绩效中的比重'],
  [
    'assessment.streetOnStationedUnitHeadsWeightMin',
    'street',
    'stationed_unit_head',
    '街道对派驻机构负责人的考核权重',
  ],
  [
    'assessment.communityCommitteeOnStreetStaffWeightMin',
    'community_committee',
    'street_staff',
    '社区居委会对街道工作人员的考核权重',
  ],
  [
    'assessment.partyCommitteeOnServiceStationStaffWeightMin',
    'community_party_committee',
    'service_station_staff',
    '社区党委(党总支)对服务站工作人员的考核权重',
  ],
] as const satisfies readonly (readonly [RuleKey, Evaluator, Evaluated, string])[];

/** Tolerance for weight comparisons: 1/3 entered as 0.3333333333 must still satisfy "≥ 1/3". */
export const WEIGHT_EPSILON = 1e-9;

/** True when `actual` ≥ `min`, allowing for floating-point representation of fractions. */
export function meetsMinimum(actual: number, min: number): boolean {
  return actual + WEIGHT_EPSILON >= min;
}

/** Every minimum-weight constraint of the profile (with overrides), each with its source. */
export function getMinWeightConstraints(
  profile: ProfileRef,
  overrides?: OverridesInput,
): MinWeightConstraint[] {
  return MIN_WEIGHT_KEYS.map(([key, evaluator, evaluated, labelZh]) => {
    const rule = resolveRule(profile, key, overrides);
    return { key, evaluator, evaluated, min: rule.value, labelZh, ...provenanceOf(rule) };
  });
}

/** The constraint for one (evaluator, evaluated) pair, or undefined if the policy sets none. */
export function findMinWeight(
  constraints: readonly MinWeightConstraint[],
  evaluator: Evaluator,
  evaluated: Evaluated,
): MinWeightConstraint | undefined {
  return constraints.find((c) => c.evaluator === evaluator && c.evaluated === evaluated);
}

type Figure<K extends RuleKey> = { value: RuleValue<K> } & Provenance;

/** All assessment constraints of a profile, grouped for a scheme validator. */
export interface AssessmentConstraints {
  profileId: string;
  minWeights: MinWeightConstraint[];
  oneVoteVeto: Figure<'assessment.oneVoteVeto'>;
  departmentsAssessSeparately: Figure<'assessment.departmentsAssessSeparately'>;
  residentUnitPartyBuildingWeights: Figure<'assessment.residentUnitPartyBuildingWeights'>;
  cadence: {
    communityWorkers: Figure<'assessment.communityWorkerCadence'>;
    gridWorkers: Figure<'assessment.gridWorkerCadence'>;
    gridWork: Figure<'assessment.gridWorkCadence'>;
  };
  streetCadreExcellentQuota: Figure<'assessment.streetCadreExcellentQuota'>;
}

function figure<K extends RuleKey>(profile: ProfileRef, key: K, overrides?: OverridesInput): Figure<K> {
  const rule = resolveRule(profile, key, overrides);
  return { value: rule.value, ...provenanceOf(rule) };
}

/**
 * Resolves every assessment constraint of a profile (fallbacks to `generic` are marked).
 * Throws `NOT_FOUND` for an unknown profile id, `VALIDATION_FAILED` for a bad override.
 */
export function getAssessmentConstraints(
  profile: ProfileRef,
  overrides?: OverridesInput,
): AssessmentConstraints {
  return {
    profileId: typeof profile === 'string' ? profile : profile.id,
    minWeights: getMinWeightConstraints(profile, overrides),
    oneVoteVeto: figure(profile, 'assessment.oneVoteVeto', overrides),
    departmentsAssessSeparately: figure(profile, 'assessment.departmentsAssessSeparately', overrides),
    residentUnitPartyBuildingWeights: figure(
      profile,
      'assessment.residentUnitPartyBuildingWeights',
      overrides,
    ),
    cadence: {
      communityWorkers: figure(profile, 'assessment.communityWorkerCadence', overrides),
      gridWorkers: figure(profile, 'assessment.gridWorkerCadence', overrides),
      gridWork: figure(profile, 'assessment.gridWorkCadence', overrides),
    },
    streetCadreExcellentQuota: figure(profile, 'assessment.streetCadreExcellentQuota', overrides),
  };
}

type BanRule = RuleValue<'assessment.oneVoteVeto'>;
type Level = BanRule['targets'][number]['target'];
type Authority = BanRule['targets'][number]['exceptWhenRequiredBy'][number];

/**
 * Whether a banned practice (一票否决 item, a department's separate assessment) may be set on
 * `target`: allowed outright, or banned but explicitly required by an excepted higher level.
 * A target the rule does not name is unrestricted by it.
 */
export function isPracticeAllowed(rule: BanRule, target: Level, requiredBy?: Authority): boolean {
  if (rule.allowed) return true;
  const entry = rule.targets.find((t) => t.target === target);
  if (!entry) return true;
  return requiredBy !== undefined && entry.exceptWhenRequiredBy.includes(requiredBy);
}
