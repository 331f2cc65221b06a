/**
 * Value schemas, one per policy rule key. A profile file, a district override and a later
 * database row are all validated against THESE, so a rule's shape is defined exactly once.
 * Every value is structured data (numbers, enums, tier tables); prose belongs in `note`.
 */
import { z } from 'zod';

/** Community characteristics that switch the grid-worker ratio (PRODUCT.md §3 unit flags). */
export const COMMUNITY_FLAGS = ['old_compound', 'no_property', 'elderly', 'commercial'] as const;
export type CommunityFlag = (typeof COMMUNITY_FLAGS)[number];
export const communityFlagSchema = z.enum(COMMUNITY_FLAGS);

/** Community party organisation types, largest first. */
export const PARTY_ORG_TYPES = ['党委', '党总支', '党支部'] as const;
export type PartyOrgType = (typeof PARTY_ORG_TYPES)[number];
export const partyOrgTypeSchema = z.enum(PARTY_ORG_TYPES);

/** Levels above the district whose explicit requirement can re-enable a banned practice. */
export const authorityLevelSchema = z.enum(['central', 'provincial', 'city']);
export const periodSchema = z.enum(['month', 'quarter', 'half_year', 'year']);
export type Period = z.infer<typeof periodSchema>;

const count = z.int().nonnegative();
const positive = z.int().positive();
const yuan = z.int().nonnegative();
/** Shares and weights are fractions in [0, 1] (0.5 = 50 %), never percentages. */
const ratio = z.number().min(0).max(1);
const cadence = z.strictObject({ period: periodSchema, minTimes: positive });
const levelSchema = z.enum(['street', 'community']);

type Bounds = readonly [min: number, max: number | undefined];

/**
 * Tier tables must cover 0..∞ with no gap or overlap: otherwise a household count could match
 * no tier (silently falling through) or two tiers (order-dependent result).
 */
function checkContiguous(bounds: readonly Bounds[], ctx: z.RefinementCtx): void {
  let expectedMin = 0;
  bounds.forEach(([min, max], i) => {
    if (min !== expectedMin) {
      ctx.addIssue({
        code: 'custom',
        path: [i],
        message: `档位应从 ${expectedMin} 开始 (tiers must be contiguous)`,
      });
    }
    const last = i === bounds.length - 1;
    if (last && max !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: [i],
        message: '最后一档不能有上限 (last tier must be open-ended)',
      });
    }
    if (!last && max === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: [i],
        message: '只有最后一档可以无上限 (only the last tier is open)',
      });
    }
    if (max !== undefined && max < min) {
      ctx.addIssue({ code: 'custom', path: [i], message: '档位上限小于下限 (max below min)' });
    }
    expectedMin = (max ?? min) + 1;
  });
}

/** Tiers by household count; bounds are inclusive integers, the last tier is open-ended. */
export function householdTiersSchema<T extends z.ZodType>(value: T) {
  return z
    .array(z.strictObject({ minHouseholds: count, maxHouseholds: count.optional(), value }))
    .min(1)
    .superRefine((tiers, ctx) =>
      checkContiguous(
        tiers.map((t): Bounds => [t.minHouseholds, t.maxHouseholds]),
        ctx,
      ),
    );
}

/** Tiers by directly managed party members; same contiguity rules as household tiers. */
export function memberTiersSchema<T extends z.ZodType>(value: T) {
  return z
    .array(z.strictObject({ minMembers: count, maxMembers: count.optional(), value }))
    .min(1)
    .superRefine((tiers, ctx) =>
      checkContiguous(
        tiers.map((t): Bounds => [t.minMembers, t.maxMembers]),
        ctx,
      ),
    );
}

const partyOrgTierValue = z.strictObject({
  type: partyOrgTypeSchema,
  committeeSize: z.strictObject({ min: positive, max: positive, oddOnly: z.boolean() }).optional(),
});

const minMax = z
  .strictObject({ min: count, max: count })
  .refine((v) => v.min <= v.max, { message: 'min 不能大于 max (min above max)' });

const accessListRule = z.strictObject({ unlistedRefused: z.boolean(), refusalText: z.string().min(1) });

const banRule = z.strictObject({
  allowed: z.boolean(),
  targets: z
    .array(z.strictObject({ target: levelSchema, exceptWhenRequiredBy: z.array(authorityLevelSchema) }))
    .min(1),
});

const timeLimit = z.strictObject({
  amount: positive,
  // Calendar hours run 24/7 (utilities, urgent); working units follow the official calendar.
  unit: z.enum(['hours', 'working_hours', 'working_days']),
});

const sumsToOne = (v: Record<string, number>) =>
  Math.abs(Object.values(v).reduce((a, b) => a + b, 0) - 1) < 1e-9;

/** The rule catalogue: key → value schema. Adding a rule = one line here + a value in generic. */
export const RULE_VALUE_SCHEMAS = {
  // —— staffing (per community / street) ——
  'staffing.twoCommitteesByHouseholds': householdTiersSchema(positive),
  'staffing.gridWorkerHouseholds': z.strictObject({
    householdsPerWorker: positive,
    reducedHouseholdsPerWorker: positive,
    reducedWhenAnyFlag: z.array(communityFlagSchema),
    twoCommitteeMembersServe: z.boolean(),
  }),
  'staffing.partyOrganisation': memberTiersSchema(partyOrgTierValue),
  'staffing.serviceStationStaffMax': positive,
  'staffing.serviceStations': z.strictObject({ perCommunity: positive, maxCommunitiesSharing: positive }),
  'staffing.partyMassCentreWindowStaffMax': positive,
  'staffing.streetStaffMax': z.strictObject({ max: positive, excludes: z.array(z.string().min(1)) }),
  'staffing.streetLeadershipPosts': z.strictObject({
    min: positive,
    max: positive,
    principal: positive.optional(),
    deputy: positive.optional(),
  }),
  'staffing.streetEstablishmentMin': z.strictObject({ administrative: count, institutional: count }),
  'staffing.streetInternalBodies': z.strictObject({
    offices: minMax,
    additionalUnits: z.array(z.strictObject({ name: z.string().min(1), count: positive })),
  }),
  'staffing.communitySizeReview': z
    .strictObject({ smallBelowHouseholds: count, largeAboveHouseholds: count })
    .refine((v) => v.smallBelowHouseholds <= v.largeAboveHouseholds, { message: '小规模阈值大于大规模阈值' }),
  'staffing.youngCadresPerStreet': z.strictObject({ minCadres: positive, minYears: positive }),
  'staffing.pairedCadreWorkingDaysPerWeekMin': z.number().positive().max(7),

  // —— funding (yuan a year unless stated) ——
  'funding.communityWorkingFunds': householdTiersSchema(yuan),
  'funding.partyBuilding': z.strictObject({
    baseYuan: z.strictObject({ 党委: yuan, 党总支: yuan, 党支部: yuan }),
    extraPerMember: z.strictObject({ aboveMembers: count, yuanPerMember: yuan }),
  }),
  'funding.communityServiceFund': z.strictObject({
    yuanPerCommunity: yuan,
    shares: z.strictObject({ city: count, district: count }).refine((s) => s.city + s.district > 0),
  }),
  'funding.streetBudgetResidentNeedsShareMin': ratio,
  'funding.longServiceHonours': z
    .array(z.strictObject({ minYears: positive, yuan }))
    .min(1)
    .refine((a) => a.every((h, i) => i === 0 || h.minYears > (a[i - 1]?.minYears ?? 0)), {
      message: '年限须递增 (years must ascend)',
    }),

  // —— assessment constraints (enforced when a scheme is saved) ——
  'assessment.residentsWeightStreetMin': ratio,
  'assessment.residentsWeightCommunityMin': ratio,
  'assessment.streetOnDepartmentShareMin': ratio,
  'assessment.streetOnStationedUnitHeadsWeightMin': ratio,
  'assessment.communityCommitteeOnStreetStaffWeightMin': ratio,
  'assessment.partyCommitteeOnServiceStationStaffWeightMin': ratio,
  'assessment.oneVoteVeto': banRule,
  'assessment.departmentsAssessSeparately': banRule.extend({ foldedIntoDistrictComprehensive: z.boolean() }),
  'assessment.residentUnitPartyBuildingWeights': z.strictObject({
    byUnitLevel: z
      .array(
        z
          .strictObject({
            unitLevel: z.enum(['provincial', 'city_district']),
            total: ratio,
            street: ratio,
            community: ratio,
          })
          .refine((w) => Math.abs(w.street + w.community - w.total) < 1e-9, {
            message: '街道与社区权重之和应等于总权重 (street + community must equal total)',
          }),
      )
      .min(1),
    dueBy: z.string().regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'MM-DD'),
  }),
  'assessment.communityWorkerCadence': periodSchema,
  'assessment.gridWorkerCadence': periodSchema,
  'assessment.gridWorkCadence': z.strictObject({
    supervision: periodSchema,
    assessment: periodSchema,
    review: periodSchema,
  }),
  'assessment.streetCadreExcellentQuota': z.strictObject({
    percentagePointsAboveDistrictAverage: z.number(),
  }),

  // —— burden (减负) and process rules (enforced on requests) ——
  'burden.streetAccessList': accessListRule,
  'burden.communityAccessList': accessListRule,
  'burden.newAccessItem': z.strictObject({
    approvalRequired: z.boolean(),
    mustTransfer: z.array(z.enum(['authority', 'staff', 'funds'])),
  }),
  'burden.formsPerDepartmentMax': positive,
  'burden.workNotices': z.strictObject({
    forwardedDocumentsAllowed: z.boolean(),
    meetingsRequireRegistration: z.boolean(),
  }),
  'burden.communityExcludedMatters': z.array(z.string().min(1)),
  'consultation.communityMeetings': cadence,
  'consultation.jointPartyCommitteeMeetings': cadence,
  'consultation.streetGreaterWorkingCommitteeMeetings': cadence,
  'consultation.beforeCommendationsWorkingDaysMin': positive,
  'gridWork.recordCadence': z.strictObject({
    period: periodSchema,
    signedBy: z.enum(['community_party_secretary']),
  }),
  'gridWork.problemsRegister': z.strictObject({
    period: periodSchema,
    signedOffBy: z.enum(['street_principal_leaders']),
    responsibleLeaderPerItem: z.boolean(),
    majorItemsImmediately: z.boolean(),
  }),
  'volunteers.registrationRateMin': ratio,
  'facilities.staffOfficeAreaShareMax': ratio,

  // —— demand handling (12345) defaults ——
  'demands.types': z.array(z.enum(['咨询', '求助', '投诉', '举报', '建议', '表扬'])).min(1),
  'demands.measures': z.strictObject({
    rates: z.array(z.enum(['response', 'resolution', 'satisfaction'])).min(1),
    rankingPeriod: periodSchema,
    bulletinBottomUnits: z.boolean(),
  }),
  'demands.dispatch': z.strictObject({
    directToStreetWhenOnDutyList: z.boolean(),
    streetCoordinatesOtherwise: z.boolean(),
    twoWay: z.boolean(),
  }),
  'demands.timeLimits': z.strictObject({
    urgent: timeLimit,
    utilities: timeLimit,
    general: timeLimit,
    complex: timeLimit,
    signFor: timeLimit,
    contact: timeLimit,
  }),
  'demands.compositeWeights': z
    .strictObject({ response: ratio, resolution: ratio, satisfaction: ratio })
    .refine(sumsToOne, { message: '权重之和须为 1 (weights must sum to 1)' }),
} as const;

export type RuleValueSchemas = typeof RULE_VALUE_SCHEMAS;
/** Every known rule key, e.g. `staffing.twoCommitteesByHouseholds`. */
export type RuleKey = keyof RuleValueSchemas;
/** The parsed value type of one rule. */
export type RuleValue<K extends RuleKey> = z.output<RuleValueSchemas[K]>;
/** All rule keys in catalogue order. */
export const RULE_KEYS = Object.keys(RULE_VALUE_SCHEMAS) as RuleKey[];
