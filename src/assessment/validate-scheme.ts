/**
 * Judges a scheme, pure: first its own consistency (weights add up, sources fit the evaluated kind …),
 * then the assessment constraints of the district's policy (POLICY-RULES.md "Assessment constraints").
 * A constraint binds when the active profile states it (or the district overrides it); one the profile
 * lacks, filled in from `generic`, is reported as a warning only (docs/decisions/assessment.md).
 */
import {
  type AssessmentConstraints,
  type Evaluated,
  isPracticeAllowed,
  meetsMinimum,
} from '../policy/assessment-constraints.ts';
import type { Provenance, RuleKey } from '../policy/model.ts';
import type { PartyWeights } from './entry-score.ts';
import {
  EVALUATED_NAMES,
  EVALUATOR_NAMES,
  type EvaluatedKind,
  type EvaluatorKind,
  type Group,
  type Indicator,
  LISTED_KINDS,
  leavesOf,
  type SchemeDefinition,
  type SchemeNode,
} from './model.ts';
import { sourceInfo } from './sources/catalog.ts';

export interface SchemeIssue {
  path: string[];
  message: string;
}

/** A policy rule the scheme breaks (or, when not binding, would break under `generic`). */
export interface PolicyFinding {
  code: 'MIN_WEIGHT' | 'ONE_VOTE_VETO' | 'SEPARATE_ASSESSMENT' | 'PARTY_BUILDING_WEIGHT';
  rule: RuleKey;
  labelZh: string;
  source: string;
  profileId: string;
  binding: boolean;
  /** Weights: what the rule requires, what the scheme gives, and by how much it falls short. */
  required?: number;
  actual?: number;
  shortfall?: number;
  indicator?: string;
  message: string;
}

export interface SchemeValidation {
  issues: SchemeIssue[];
  violations: PolicyFinding[];
  warnings: PolicyFinding[];
}

const SUM_TOLERANCE = 1e-6;
const round2 = (x: number) => Math.round(x * 100) / 100;
/** 0.4 → "40%", 1/3 → "33.33%". */
export const pct = (x: number): string => `${round2(x * 100)}%`;

/** Whose evaluation an indicator is: its own, else its nearest group's, else the source's usual one. */
export function evaluatorOf(indicator: Indicator, parents: readonly Group[]): EvaluatorKind {
  const fromGroup = [...parents].reverse().find((g) => g.evaluator)?.evaluator;
  return indicator.evaluator ?? fromGroup ?? sourceInfo(indicator.source).evaluator;
}

/** An indicator's share of the whole: the product of its weight and its groups' weights. */
export const nominalWeight = (indicator: Indicator, parents: readonly Group[]): number =>
  parents.reduce((w, g) => w * g.weight, indicator.weight);

/** The profile's party-building weights for a resident unit's level. */
export function partyWeightsFor(
  c: AssessmentConstraints,
  level: string | undefined,
): PartyWeights | undefined {
  return c.residentUnitPartyBuildingWeights.value.byUnitLevel.find((l) => l.unitLevel === level);
}

/** Each evaluator's share of the whole scheme (party-building scores split street / community). */
export function evaluatorShares(def: SchemeDefinition, c: AssessmentConstraints): Map<EvaluatorKind, number> {
  const shares = new Map<EvaluatorKind, number>();
  const add = (e: EvaluatorKind, w: number) => shares.set(e, (shares.get(e) ?? 0) + w);
  for (const { indicator, parents } of leavesOf(def.nodes)) {
    const w = nominalWeight(indicator, parents);
    const split = indicator.source === 'entered.party_building' && partyWeightsFor(c, indicator.unitLevel);
    if (split && split.total > 0) {
      add('street', (w * split.street) / split.total);
      add('community_committee', (w * split.community) / split.total);
    } else add(evaluatorOf(indicator, parents), w);
  }
  return shares;
}

function structuralIssues(def: SchemeDefinition): SchemeIssue[] {
  const issues: SchemeIssue[] = [];
  const keys = new Set<string>();
  const walk = (nodes: readonly SchemeNode[], path: string[]) => {
    const sum = nodes.reduce((s, n) => s + n.weight, 0);
    if (Math.abs(sum - 1) > SUM_TOLERANCE) {
      issues.push({ path, message: `同一层级的权重之和应为 1（100%），实为 ${pct(sum)}` });
    }
    for (const n of nodes) {
      const at = [...path, n.key];
      if (keys.has(n.key)) issues.push({ path: at, message: `指标编号重复：${n.key}` });
      keys.add(n.key);
      if (n.kind === 'group') walk(n.children, at);
      else issues.push(...indicatorIssues(def.evaluatedKind, n, at));
    }
  };
  walk(def.nodes, []);
  if (LISTED_KINDS.has(def.evaluatedKind) && !def.subjects) {
    issues.push({
      path: ['subjects'],
      message: `考核对象为${EVALUATED_NAMES[def.evaluatedKind]}时须列出被考核对象`,
    });
  }
  if (def.organiser.kind !== 'district' && !def.organiser.unitCode) {
    issues.push({ path: ['organiser', 'unitCode'], message: '组织考核的单位须注明编码' });
  }
  return issues;
}

function indicatorIssues(kind: EvaluatedKind, n: Indicator, at: string[]): SchemeIssue[] {
  const issues: SchemeIssue[] = [];
  const info = sourceInfo(n.source);
  if (!(info.appliesTo as readonly string[]).includes(kind)) {
    issues.push({ path: at, message: `「${info.nameZh}」不能用于考核${EVALUATED_NAMES[kind]}` });
  }
  if ((n.scoring.type === 'manual') !== (n.source === 'entered.manual')) {
    issues.push({ path: at, message: '人工评分规则须与「人工评分」来源（entered.manual）配合使用' });
  }
  if (n.source === 'entered.party_building' && !n.unitLevel) {
    issues.push({
      path: at,
      message: '驻区单位党建工作赋分须注明单位层级 unitLevel（provincial / city_district）',
    });
  }
  return issues;
}

const finding = (
  code: PolicyFinding['code'],
  rule: RuleKey,
  labelZh: string,
  p: Provenance,
  message: string,
  extra: Partial<PolicyFinding> = {},
): PolicyFinding => ({
  code,
  rule,
  labelZh,
  source: p.source,
  profileId: p.profileId,
  // A rule filled in from `generic` is another city's clause, not this district's: advice only.
  binding: !p.fellBackToGeneric,
  ...extra,
  message: `${message}；依据：${p.source}`,
});

const POLICY_EVALUATED: Partial<Record<EvaluatedKind, Evaluated>> = {
  street: 'street',
  community: 'community',
  department: 'department',
  stationed_unit_head: 'stationed_unit_head',
  street_staff: 'street_staff',
  service_station_staff: 'service_station_staff',
};

function policyFindings(def: SchemeDefinition, c: AssessmentConstraints): PolicyFinding[] {
  const out: PolicyFinding[] = [];
  const evaluated = POLICY_EVALUATED[def.evaluatedKind];
  const shares = evaluatorShares(def, c);
  for (const m of c.minWeights.filter((x) => x.evaluated === evaluated)) {
    const actual = shares.get(m.evaluator) ?? 0;
    if (meetsMinimum(actual, m.min)) continue;
    const shortfall = m.min - actual;
    out.push(
      finding(
        'MIN_WEIGHT',
        m.key,
        m.labelZh,
        m,
        `${m.labelZh}为 ${pct(actual)}，低于规定的 ${pct(m.min)}（差 ${round2(shortfall * 100)} 个百分点）`,
        { required: m.min, actual, shortfall },
      ),
    );
  }
  const target =
    def.evaluatedKind === 'street' || def.evaluatedKind === 'community' ? def.evaluatedKind : null;
  for (const { indicator } of leavesOf(def.nodes)) {
    if (
      indicator.veto &&
      target &&
      !isPracticeAllowed(c.oneVoteVeto.value, target, indicator.veto.requiredBy)
    ) {
      out.push(
        finding(
          'ONE_VOTE_VETO',
          'assessment.oneVoteVeto',
          '一票否决事项',
          c.oneVoteVeto,
          `「${indicator.name}」设为一票否决，但不得对${EVALUATED_NAMES[target]}设置一票否决事项（中央或上级明确要求的除外）`,
          { indicator: indicator.key },
        ),
      );
    }
  }
  const separate = c.departmentsAssessSeparately;
  if (
    def.organiser.kind === 'department' &&
    target &&
    !isPracticeAllowed(separate.value, target, def.organiser.requiredBy)
  ) {
    out.push(
      finding(
        'SEPARATE_ASSESSMENT',
        'assessment.departmentsAssessSeparately',
        '部门单独考核',
        separate,
        `区职能部门不得单独组织对${EVALUATED_NAMES[target]}的考核，${
          separate.value.foldedIntoDistrictComprehensive
            ? '其考核内容应纳入区委区政府的综合考核'
            : '该做法不被允许'
        }`,
      ),
    );
  }
  out.push(...partyBuildingFindings(def, c));
  return out;
}

function partyBuildingFindings(def: SchemeDefinition, c: AssessmentConstraints): PolicyFinding[] {
  if (def.evaluatedKind !== 'resident_unit') return [];
  const rule = c.residentUnitPartyBuildingWeights;
  return leavesOf(def.nodes).flatMap(({ indicator, parents }) => {
    const w = partyWeightsFor(c, indicator.unitLevel);
    if (indicator.source !== 'entered.party_building' || !w) return [];
    const actual = nominalWeight(indicator, parents);
    if (Math.abs(actual - w.total) <= SUM_TOLERANCE) return [];
    const level = indicator.unitLevel === 'provincial' ? '省(自治区)级' : '市、区级';
    return [
      finding(
        'PARTY_BUILDING_WEIGHT',
        'assessment.residentUnitPartyBuildingWeights',
        '驻区单位党建工作赋分权重',
        rule,
        `「${indicator.name}」的权重为 ${pct(actual)}，${level}驻区单位应为 ${pct(w.total)}（街道 ${pct(w.street)} + 社区 ${pct(w.community)}）`,
        { required: w.total, actual, shortfall: w.total - actual, indicator: indicator.key },
      ),
    ];
  });
}

/** Everything wrong with a scheme under the given constraints (an empty result means it may be saved). */
export function validateScheme(def: SchemeDefinition, c: AssessmentConstraints): SchemeValidation {
  const issues = structuralIssues(def);
  // Policy findings on a malformed scheme would be noise (shares of weights that do not add up).
  if (issues.length > 0) return { issues, violations: [], warnings: [] };
  const findings = policyFindings(def, c);
  return {
    issues,
    violations: findings.filter((f) => f.binding),
    warnings: findings.filter((f) => !f.binding),
  };
}

/** Each evaluator's share, named, for the scheme view ("居民 50%"). */
export function describeShares(
  def: SchemeDefinition,
  c: AssessmentConstraints,
): { evaluator: EvaluatorKind; nameZh: string; share: number }[] {
  return [...evaluatorShares(def, c)].map(([evaluator, share]) => ({
    evaluator,
    nameZh: EVALUATOR_NAMES[evaluator],
    share: Math.round(share * 1e6) / 1e6,
  }));
}
