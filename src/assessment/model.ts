/**
 * 双向考核 — the scheme model (PRODUCT.md §4.6): who is evaluated, by whom, over which period, with
 * which indicators, weights and scoring rules. Types and Zod schemas only; the rules that judge a
 * scheme live in validate-scheme.ts, the arithmetic in score-subjects.ts.
 */
import { z } from 'zod';
import { SOURCE_KEYS } from './sources/catalog.ts';

/** Who (or what) a scheme evaluates. */
export const EVALUATED_KINDS = [
  'street',
  'community',
  'department',
  'stationed_unit',
  'public_service_company',
  'resident_unit',
  'property_company',
  'street_staff',
  'service_station_staff',
  'stationed_unit_head',
] as const;
export type EvaluatedKind = (typeof EVALUATED_KINDS)[number];

export const EVALUATED_NAMES: Record<EvaluatedKind, string> = {
  street: '街道',
  community: '社区',
  department: '区职能部门',
  stationed_unit: '派驻机构',
  public_service_company: '公共服务企业',
  resident_unit: '驻区单位',
  property_company: '物业服务企业',
  street_staff: '街道工作人员',
  service_station_staff: '社区服务站工作人员',
  stationed_unit_head: '派驻机构负责人',
};

/**
 * Kinds whose subjects the scheme must list itself: people (no org unit of their own) and property
 * companies (not in the department tree). The others default to every unit of the kind.
 */
export const LISTED_KINDS: ReadonlySet<EvaluatedKind> = new Set([
  'street_staff',
  'service_station_staff',
  'stationed_unit_head',
  'property_company',
]);

/** Who gives an indicator's evaluation. */
export const EVALUATORS = [
  'district',
  'street',
  'community_committee',
  'community_party_committee',
  'residents',
  'third_party',
  'department',
] as const;
export type EvaluatorKind = (typeof EVALUATORS)[number];

export const EVALUATOR_NAMES: Record<EvaluatorKind, string> = {
  district: '区委区政府',
  street: '街道',
  community_committee: '社区居委会',
  community_party_committee: '社区党委(党总支)',
  residents: '居民',
  third_party: '第三方',
  department: '区职能部门',
};

/** Who runs the assessment. A department running its own assessment of streets is what SJS 12 bans. */
export const ORGANISERS = ['district', 'department', 'street', 'community'] as const;
export const AUTHORITIES = ['central', 'provincial', 'city'] as const;

export const PERIOD_KINDS = ['month', 'quarter', 'half_year', 'year'] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];

const key = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9_.-]{1,40}$/, '指标编号只能用字母、数字、下划线、点和连字符（≤40）');
const name = z.string().trim().min(1, '名称不能为空').max(100);
/** A weight is a fraction of its parent (0.5 = 50 %); siblings must add up to 1. */
const weight = z.number().gt(0, '权重须大于 0').max(1, '权重不能超过 1（用小数表示，0.5 = 50%）');

/** A value band of a threshold rule: the first band the value falls into gives the score. */
export const BandSchema = z
  .strictObject({
    atLeast: z.number().optional(),
    atMost: z.number().optional(),
    score: z.number().min(0).max(100),
  })
  .refine((b) => b.atLeast !== undefined || b.atMost !== undefined, '每档须给出 atLeast 或 atMost');

/** How an indicator's value (a rate in 0–1, or an entered score / 100) becomes a 0–100 score. */
export const ScoringSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('rate') }),
  z.strictObject({ type: z.literal('inverse_rate') }),
  z.strictObject({ type: z.literal('thresholds'), bands: z.array(BandSchema).min(1).max(20) }),
  z.strictObject({ type: z.literal('manual') }),
]);
export type Scoring = z.infer<typeof ScoringSchema>;

/** A 一票否决 item: a score below `failBelow` fails the subject whatever its total. */
export const VetoSchema = z.strictObject({
  failBelow: z.number().min(0).max(100),
  /** The higher level that requires the item (the only ground on which the policy allows one). */
  requiredBy: z.enum(AUTHORITIES).optional(),
  basis: z.string().trim().min(1, '须注明一票否决事项的依据').max(300),
});

export const IndicatorSchema = z.strictObject({
  kind: z.literal('indicator'),
  key,
  name,
  weight,
  /** Defaults to the group's evaluator, else the source's usual one (see the source catalogue). */
  evaluator: z.enum(EVALUATORS).optional(),
  source: z.enum(SOURCE_KEYS),
  scoring: ScoringSchema,
  /** Party-building scores only: the resident unit's level, which sets the weight (XQ 二(四)2). */
  unitLevel: z.enum(['provincial', 'city_district']).optional(),
  veto: VetoSchema.optional(),
});
export type Indicator = z.infer<typeof IndicatorSchema>;

const groupFields = { kind: z.literal('group'), key, name, weight, evaluator: z.enum(EVALUATORS).optional() };
// Groups nest two deep (group → group → indicator): enough for every scheme in the seeds, and the
// schema stays non-recursive, which keeps the OpenAPI document plain.
const InnerGroupSchema = z.strictObject({
  ...groupFields,
  children: z.array(IndicatorSchema).min(1).max(30),
});
export const GroupSchema = z.strictObject({
  ...groupFields,
  children: z
    .array(z.discriminatedUnion('kind', [IndicatorSchema, InnerGroupSchema]))
    .min(1)
    .max(30),
});
export const NodeSchema = z.discriminatedUnion('kind', [IndicatorSchema, GroupSchema]);

/** A group at any depth, as the tree walkers see it. */
export interface Group {
  kind: 'group';
  key: string;
  name: string;
  weight: number;
  evaluator?: EvaluatorKind | undefined;
  children: SchemeNode[];
}
export type SchemeNode = Indicator | Group;

export const SubjectInputSchema = z.strictObject({
  /** An org-unit code; for people and property companies any stable id (staff number …). */
  code: z.string().trim().min(1).max(64),
  name: z.string().trim().min(1).max(100).optional(),
  /** The unit a person or company belongs to: it decides who may see their result. */
  unitCode: z.string().trim().min(1).max(64).optional(),
});
export type SubjectInput = z.infer<typeof SubjectInputSchema>;

export const SchemeInputSchema = z.strictObject({
  name: z.string().trim().min(2, '方案名称至少 2 个字').max(100),
  evaluatedKind: z.enum(EVALUATED_KINDS),
  organiser: z
    .strictObject({
      kind: z.enum(ORGANISERS),
      unitCode: z.string().trim().min(1).optional(),
      requiredBy: z.enum(AUTHORITIES).optional(),
    })
    .default({ kind: 'district' }),
  period: z.enum(PERIOD_KINDS),
  /** Omitted: every unit of the evaluated kind in the district. */
  subjects: z.array(SubjectInputSchema).min(1).max(2000).optional(),
  /** An indicator without data: share its weight among the others (like the 三率 composite) or score 0. */
  missingData: z.enum(['redistribute', 'zero']).default('redistribute'),
  /** Rate "excellent" within the profile's quota: the district's average excellent rate it builds on. */
  excellent: z.strictObject({ districtAverageRate: z.number().min(0).max(1) }).optional(),
  nodes: z.array(NodeSchema).min(1).max(30),
});
export type SchemeInput = z.input<typeof SchemeInputSchema>;
export type SchemeDefinition = z.output<typeof SchemeInputSchema>;

/** The kinds of entered (not computed) values and what each must carry. */
export const ENTRY_KINDS = ['survey', 'third_party', 'manual', 'party_building'] as const;
export type EntryKind = (typeof ENTRY_KINDS)[number];

const evidence = z.array(z.string().trim().min(1).max(500)).max(20);
const score = z.number().min(0).max(100);

/** One entered value: a survey, a third party's score, a manual score, or party-building scores. */
export const EntryInputSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('survey'),
    sample: z.int().positive('样本量须为正整数'),
    questionnaire: z.string().trim().min(1, '须注明问卷').max(300),
    score,
    evidence: evidence.default([]),
  }),
  z.strictObject({
    kind: z.literal('third_party'),
    organisation: z.string().trim().min(1, '须注明第三方机构').max(200),
    score,
    evidence: evidence.default([]),
  }),
  z.strictObject({
    kind: z.literal('manual'),
    score,
    evidence: evidence.min(1, '人工评分须附佐证材料'),
    note: z.string().trim().max(1000).optional(),
  }),
  z.strictObject({
    kind: z.literal('party_building'),
    streetScore: score,
    communityScore: score,
    evidence: evidence.default([]),
  }),
]);
export type EntryInput = z.input<typeof EntryInputSchema>;
export type Entry = z.output<typeof EntryInputSchema>;

/** Which entry kind an entered source takes. */
export const ENTRY_KIND_OF_SOURCE: Record<string, EntryKind> = {
  'entered.survey': 'survey',
  'entered.third_party': 'third_party',
  'entered.manual': 'manual',
  'entered.party_building': 'party_building',
};

/** Every indicator of a tree, depth first, with the chain of groups above it. */
export function leavesOf(
  nodes: readonly SchemeNode[],
  parents: readonly Group[] = [],
): { indicator: Indicator; parents: Group[] }[] {
  return nodes.flatMap((n) =>
    n.kind === 'indicator'
      ? [{ indicator: n, parents: [...parents] }]
      : leavesOf(n.children, [...parents, n]),
  );
}
