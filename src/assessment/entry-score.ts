/** The 0–100 score an entered value gives its indicator, pure. */
import type { AssessmentConstraints } from '../policy/assessment-constraints.ts';
import type { Entry } from './model.ts';

/** A resident-unit level's party-building weights from the profile (XQ 二(四)2: 10 % = 4 % + 6 %). */
export type PartyWeights =
  AssessmentConstraints['residentUnitPartyBuildingWeights']['value']['byUnitLevel'][number];

const round2 = (x: number) => Math.round(x * 100) / 100;

/**
 * Street and community party-building scores combined in the profile's proportions: the points each
 * part adds to a 100-point total (0.04 × 90 = 3.6) and the indicator's 0–100 score (points / total).
 */
export function combinedPartyScore(
  streetScore: number,
  communityScore: number,
  w: PartyWeights,
): { score: number; streetPoints: number; communityPoints: number } {
  const streetPoints = w.street * streetScore;
  const communityPoints = w.community * communityScore;
  return {
    score: w.total > 0 ? (streetPoints + communityPoints) / w.total : 0,
    streetPoints: round2(streetPoints),
    communityPoints: round2(communityPoints),
  };
}

/** The score an entry stands for (party building needs the weights of the indicator's unit level). */
export function entryScore(entry: Entry, weights: PartyWeights | undefined): number {
  if (entry.kind !== 'party_building') return entry.score;
  if (!weights) return (entry.streetScore + entry.communityScore) / 2;
  return combinedPartyScore(entry.streetScore, entry.communityScore, weights).score;
}
