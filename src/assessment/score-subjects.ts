/**
 * The arithmetic of an assessment, pure (formulas in docs/assessment.md): an indicator's value
 * becomes a 0–100 score by its rule; a group's score is the weighted mean of its children's; the
 * total is the weighted mean of the top level. Ranks, 一票否决 and the "excellent" quota follow.
 */
import type { EvaluatorKind, Group, SchemeDefinition, SchemeNode, Scoring } from './model.ts';
import type { SourceKey } from './sources/catalog.ts';
import { evaluatorOf } from './validate-scheme.ts';

/** What a source supplies for one subject and indicator. */
export interface IndicatorValue {
  /** A rate in 0–1, or an entered score / 100; null when there is nothing to judge. */
  value: number | null;
  numerator?: number | null;
  denominator?: number | null;
  /** Figures shown beside the value in the breakdown (counts, sample size, part scores …). */
  detail?: Record<string, number | string | null>;
}

/** One line of a subject's breakdown: a group or an indicator. */
export interface ItemScore {
  key: string;
  name: string;
  kind: 'group' | 'indicator';
  parent: string | null;
  depth: number;
  /** Share of the total the scheme gives it (product of the weights above it). */
  weight: number;
  /** Share it actually carried: 0 without data, more when a sibling's weight passed to it. */
  effectiveWeight: number;
  value: number | null;
  score: number | null;
  /** score × effectiveWeight: the indicators' points add up to the total. */
  points: number | null;
  evaluator?: EvaluatorKind;
  source?: SourceKey;
  numerator?: number | null;
  denominator?: number | null;
  detail?: Record<string, number | string | null>;
  vetoFailed?: boolean;
}

export interface SubjectScore {
  total: number | null;
  vetoed: boolean;
  /** Keys of the 一票否决 items the subject failed. */
  vetoedBy: string[];
  items: ItemScore[];
}

const round2 = (x: number) => Math.round(x * 100) / 100;
/** Weights are shown to 6 decimals: 0.3, not 0.30000000000000004. */
const round6 = (x: number) => Math.round(x * 1e6) / 1e6;
const clamp01 = (x: number) => Math.min(1, Math.max(0, x));

/** A value's 0–100 score under a rule (null stays null: no data is not a zero). */
export function scoreValue(rule: Scoring, value: number | null): number | null {
  if (value === null) return null;
  switch (rule.type) {
    case 'rate':
    case 'manual':
      return 100 * clamp01(value);
    case 'inverse_rate':
      return 100 * (1 - clamp01(value));
    case 'thresholds': {
      const band = rule.bands.find(
        (b) =>
          (b.atLeast === undefined || value >= b.atLeast) && (b.atMost === undefined || value <= b.atMost),
      );
      return band ? band.score : 0;
    }
  }
}

interface Scored {
  node: SchemeNode;
  score: number | null;
  children: Scored[];
  value?: IndicatorValue | undefined;
}

/** Scores one subject against a scheme; `valueFor` gives each indicator's value by key. */
export function scoreSubject(
  def: SchemeDefinition,
  valueFor: (key: string) => IndicatorValue | undefined,
): SubjectScore {
  const zeroMissing = def.missingData === 'zero';
  const vetoedBy: string[] = [];
  const score = (node: SchemeNode): Scored => {
    if (node.kind === 'indicator') {
      const value = valueFor(node.key);
      let s = scoreValue(node.scoring, value?.value ?? null);
      if (s === null && zeroMissing) s = 0;
      if (node.veto && s !== null && s < node.veto.failBelow) vetoedBy.push(node.key);
      return { node, score: s, children: [], value };
    }
    const children = node.children.map(score);
    return { node, score: weightedMean(children), children };
  };
  const top = def.nodes.map(score);
  const total = weightedMean(top);
  const items: ItemScore[] = [];
  const emit = (list: Scored[], parents: Group[], share: number, nominal: number) => {
    const present = list.filter((s) => s.score !== null).reduce((sum, s) => sum + s.node.weight, 0);
    for (const s of list) {
      const n = s.node;
      const effectiveWeight = s.score === null || present === 0 ? 0 : (share * n.weight) / present;
      const weight = nominal * n.weight;
      const base = {
        key: n.key,
        name: n.name,
        kind: n.kind,
        parent: parents.at(-1)?.key ?? null,
        depth: parents.length,
        weight: round6(weight),
        effectiveWeight: round6(effectiveWeight),
        score: s.score === null ? null : round2(s.score),
        points: s.score === null ? null : round2(s.score * effectiveWeight),
      };
      if (n.kind === 'group') {
        items.push({ ...base, value: null });
        emit(s.children, [...parents, n], effectiveWeight, weight);
      } else {
        items.push({
          ...base,
          value: s.value?.value ?? null,
          evaluator: evaluatorOf(n, parents),
          source: n.source,
          ...(s.value?.numerator === undefined ? {} : { numerator: s.value.numerator }),
          ...(s.value?.denominator === undefined ? {} : { denominator: s.value.denominator }),
          ...(s.value?.detail ? { detail: s.value.detail } : {}),
          ...(vetoedBy.includes(n.key) ? { vetoFailed: true } : {}),
        });
      }
    }
  };
  emit(top, [], 1, 1);
  return { total: total === null ? null : round2(total), vetoed: vetoedBy.length > 0, vetoedBy, items };
}

/** Σ score × weight / Σ weight over the children that have a score; null when none has. */
function weightedMean(list: readonly Scored[]): number | null {
  let sum = 0;
  let weights = 0;
  for (const s of list) {
    if (s.score === null) continue;
    sum += s.score * s.node.weight;
    weights += s.node.weight;
  }
  return weights === 0 ? null : sum / weights;
}

/**
 * Ranks by total, highest first; equal totals share a rank (1, 2, 2, 4). Vetoed subjects and those
 * without a total are not ranked and come last (vetoed first), in the order given.
 */
export function rankSubjects<T extends { total: number | null; vetoed: boolean }>(
  rows: readonly T[],
): (T & { rank: number | null })[] {
  const ranked = rows.filter((r) => !r.vetoed && r.total !== null);
  ranked.sort((a, b) => (b.total as number) - (a.total as number));
  const out: (T & { rank: number | null })[] = [];
  ranked.forEach((r, i) => {
    const prev = out[i - 1];
    out.push({ ...r, rank: prev && prev.total === r.total ? prev.rank : i + 1 });
  });
  for (const r of rows) if (r.vetoed && r.total !== null) out.push({ ...r, rank: null });
  for (const r of rows) if (r.total === null) out.push({ ...r, rank: null });
  return out;
}

/**
 * How many may be rated excellent: the district's average excellent rate plus the profile's
 * percentage points (SJS 45), of the ranked subjects, rounded down so the quota is never exceeded.
 */
export function excellentQuota(
  ranked: number,
  districtAverageRate: number,
  pointsAbove: number,
): { rate: number; count: number } {
  const rate = Math.min(1, districtAverageRate + pointsAbove / 100);
  return { rate: Math.round(rate * 1e6) / 1e6, count: Math.floor(ranked * rate + 1e-9) };
}

/**
 * Whether each ranked subject is within the quota: a whole group of equal totals is in only if it
 * fits, so ties at the cut never push the count past the quota.
 */
export function withinQuota(rows: readonly { rank: number | null }[], count: number): boolean[] {
  const perRank = new Map<number, number>();
  for (const r of rows) if (r.rank !== null) perRank.set(r.rank, (perRank.get(r.rank) ?? 0) + 1);
  return rows.map((r) => r.rank !== null && r.rank + (perRank.get(r.rank) ?? 1) - 1 <= count);
}
