/** Response schemas of the assessment API (what routes return, validated on the way out). */
import { z } from 'zod';
import { EVALUATORS, SchemeInputSchema } from './model.ts';
import { SOURCE_KEYS } from './sources/catalog.ts';

export const FindingView = z.object({
  code: z.enum(['MIN_WEIGHT', 'ONE_VOTE_VETO', 'SEPARATE_ASSESSMENT', 'PARTY_BUILDING_WEIGHT']),
  rule: z.string(),
  labelZh: z.string(),
  source: z.string(),
  profileId: z.string(),
  binding: z.boolean(),
  required: z.number().optional(),
  actual: z.number().optional(),
  shortfall: z.number().optional(),
  indicator: z.string().optional(),
  message: z.string(),
});

export const ShareView = z.object({ evaluator: z.enum(EVALUATORS), nameZh: z.string(), share: z.number() });

export const ValidationView = z.object({
  ok: z.boolean(),
  profileId: z.string(),
  issues: z.array(z.object({ path: z.array(z.string()), message: z.string() })),
  violations: z.array(FindingView),
  warnings: z.array(FindingView),
  shares: z.array(ShareView),
});

export const SchemeView = z.object({
  id: z.string(),
  name: z.string(),
  evaluatedKind: z.string(),
  evaluatedName: z.string(),
  periodKind: z.string(),
  version: z.int(),
  profileId: z.string(),
  warnings: z.array(FindingView),
  shares: z.array(ShareView),
  definition: SchemeInputSchema,
  createdBy: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const SourceView = z.object({
  key: z.enum(SOURCE_KEYS),
  nameZh: z.string(),
  family: z.string(),
  definitionZh: z.string(),
  appliesTo: z.array(z.string()),
  evaluator: z.string(),
  lowerIsBetter: z.boolean(),
});

const Figure = z.union([z.number(), z.string(), z.null()]);

export const ItemView = z.object({
  key: z.string(),
  name: z.string(),
  kind: z.enum(['group', 'indicator']),
  parent: z.string().nullable(),
  depth: z.int(),
  weight: z.number(),
  effectiveWeight: z.number(),
  value: z.number().nullable(),
  score: z.number().nullable(),
  points: z.number().nullable(),
  evaluator: z.enum(EVALUATORS).optional(),
  source: z.enum(SOURCE_KEYS).optional(),
  numerator: z.number().nullable().optional(),
  denominator: z.number().nullable().optional(),
  detail: z.record(z.string(), Figure).optional(),
  vetoFailed: z.boolean().optional(),
});

export const SubjectRowView = z.object({
  code: z.string(),
  name: z.string(),
  path: z.string(),
  total: z.number().nullable(),
  rank: z.int().nullable(),
  vetoed: z.boolean(),
  vetoedBy: z.array(z.string()),
  excellent: z.boolean().nullable(),
  items: z.array(ItemView),
});

export const ResultSummaryView = z.object({
  periodLabel: z.string(),
  subjects: z.int(),
  ranked: z.int(),
  excellent: z
    .object({
      districtAverageRate: z.number(),
      pointsAbove: z.number(),
      rate: z.number(),
      count: z.int(),
      source: z.string(),
      profileId: z.string(),
    })
    .nullable(),
  notes: z.array(z.string()),
});

export const ResultHeaderView = z.object({
  id: z.string(),
  schemeId: z.string(),
  schemeName: z.string(),
  schemeVersion: z.int(),
  evaluatedKind: z.string(),
  period: z.string(),
  version: z.int(),
  status: z.enum(['draft', 'published', 'superseded']),
  statusName: z.string(),
  profileId: z.string(),
  asOf: z.string(),
  computedAt: z.string(),
  computedBy: z.string(),
  publishedAt: z.string().nullable(),
  publishedBy: z.string().nullable(),
  correctionOf: z.string().nullable(),
  reason: z.string().nullable(),
});

export const ResultView = ResultHeaderView.extend({
  summary: ResultSummaryView,
  /** `all`: the whole table; `own`: only the subjects inside the reader's jurisdiction. */
  scope: z.enum(['all', 'own']),
  rows: z.array(SubjectRowView),
});

export const RecordView = z.object({
  subjectCode: z.string(),
  indicatorKey: z.string(),
  type: z.string(),
  typeName: z.string(),
  id: z.string(),
  code: z.string().nullable(),
  outcome: z.string(),
  outcomeName: z.string(),
  note: z.string().nullable(),
});

export const EntryView = z.object({
  id: z.string(),
  schemeId: z.string(),
  period: z.string(),
  indicatorKey: z.string(),
  subjectCode: z.string(),
  kind: z.string(),
  score: z.number(),
  data: z.record(z.string(), z.unknown()),
  enteredBy: z.string(),
  enteredAt: z.string(),
});
