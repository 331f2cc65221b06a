/**
 * Entered values: resident satisfaction surveys, third-party scores, manual scores with evidence and
 * resident units' party-building scores (street and community parts combined by the profile's split).
 */
import type { PartyWeights } from '../entry-score.ts';
import { combinedPartyScore } from '../entry-score.ts';
import { partyWeightsFor } from '../validate-scheme.ts';
import type { LeafValues, SourceLoader } from './types.ts';

const text = (v: unknown): string => (typeof v === 'string' ? v : '');
const num = (v: unknown): number => (typeof v === 'number' ? v : 0);

/** The entered values of the scheme for the period, one per subject and indicator. */
export const loadEnteredValues: SourceLoader = async (ctx, leaves) => {
  const out: LeafValues = new Map(leaves.map((l) => [l.key, new Map()]));
  for (const leaf of leaves) {
    const weights: PartyWeights | undefined = partyWeightsFor(ctx.constraints, leaf.unitLevel);
    for (const subject of ctx.subjects) {
      const e = ctx.entries.find((x) => x.indicatorKey === leaf.key && x.subjectCode === subject.code);
      if (!e) {
        out.get(leaf.key)?.set(subject.code, { value: null, records: [] });
        continue;
      }
      const d = e.data;
      const evidence = Array.isArray(d.evidence) ? (d.evidence as string[]).join('；') : '';
      let score = e.score;
      let detail: Record<string, number | string | null> = {};
      let note = '';
      if (e.kind === 'survey') {
        detail = { sample: num(d.sample), questionnaire: text(d.questionnaire) };
        note = `问卷「${text(d.questionnaire)}」，样本 ${num(d.sample)} 份，得分 ${e.score}`;
      } else if (e.kind === 'third_party') {
        detail = { organisation: text(d.organisation) };
        note = `${text(d.organisation)} 评分 ${e.score}`;
      } else if (e.kind === 'party_building' && weights) {
        // Recombined with the weights in force for this run, whatever they were at entry.
        const parts = combinedPartyScore(num(d.streetScore), num(d.communityScore), weights);
        score = parts.score;
        detail = {
          streetScore: num(d.streetScore),
          communityScore: num(d.communityScore),
          streetPoints: parts.streetPoints,
          communityPoints: parts.communityPoints,
        };
        note = `街道赋分 ${num(d.streetScore)} × ${weights.street}，社区赋分 ${num(d.communityScore)} × ${weights.community}`;
      } else {
        note = `${text(d.note)} 评分 ${e.score}`.trim();
      }
      out.get(leaf.key)?.set(subject.code, {
        value: score / 100,
        detail,
        records: [
          {
            type: 'entry',
            id: e.id,
            code: e.kind,
            outcome: 'counted',
            note: evidence ? `${note}｜佐证：${evidence}` : note,
          },
        ],
      });
    }
  }
  return out;
};
