/**
 * 吹哨报到 from the summoned side: on-time check-ins and the blowers' ratings of each summoned unit
 * (a department takes its stationed units' summons), with every summons behind them. Check-ins are
 * judged by the whistles module's own `summarizeSummons`.
 */
import { summarizeSummons } from '../../whistles/measures.ts';
import { summonsBlownBetween, whistlesBlownBetween } from '../../whistles/store.ts';
import type { LeafValues, RecordOutcome, RecordRef, SourceLoader } from './types.ts';
import { ratio } from './types.ts';

type Summons = Awaited<ReturnType<typeof summonsBlownBetween>>[number];

const factsOf = (s: Summons) => ({
  reportDueAt: s.reportDueAt,
  checkedInAt: s.checkedInAt,
  whistleStatus: s.whistleStatus,
  ratingScore: s.ratingScore,
});

/** On-time check-in rate and mean rating of every summoned subject for the whistles blown in the period. */
export const loadWhistleValues: SourceLoader = async (ctx, leaves) => {
  const range = { districtCode: ctx.districtCode, from: ctx.period.from, to: ctx.period.to };
  const [summons, whistles] = await Promise.all([
    summonsBlownBetween(ctx.db, { ...range, kind: 'unit' }),
    whistlesBlownBetween(ctx.db, range),
  ]);
  const whistleOf = new Map(whistles.map((w) => [w.id, w]));
  const out: LeafValues = new Map(leaves.map((l) => [l.key, new Map()]));
  for (const subject of ctx.subjects) {
    const mine = summons.filter((s) => s.targetPath.startsWith(subject.path));
    const sum = summarizeSummons(mine.map(factsOf), ctx.asOf);
    const judged = sum.summoned - sum.pending;
    const ref = (s: Summons, outcome: RecordOutcome, note: string): RecordRef => {
      const w = whistleOf.get(s.whistleId);
      return {
        type: 'whistle_summons',
        id: s.id,
        code: w?.code ?? null,
        outcome,
        note: `${w?.title ?? ''}｜${s.targetName}｜${note}`,
      };
    };
    for (const leaf of leaves) {
      if (leaf.source === 'whistles.on_time_rate') {
        const records = mine.map((s) => {
          const one = summarizeSummons([factsOf(s)], ctx.asOf);
          if (one.summoned === 0) return ref(s, 'excluded', '哨令已取消');
          if (one.onTime) return ref(s, 'numerator', '按时报到');
          if (one.pending) return ref(s, 'pending', '未到报到时限');
          return ref(s, 'denominator', one.late ? '迟到' : '未报到');
        });
        out.get(leaf.key)?.set(subject.code, {
          value: ratio(sum.onTime, judged),
          numerator: sum.onTime,
          denominator: judged,
          detail: { summoned: sum.summoned, late: sum.late, noShow: sum.noShow, pending: sum.pending },
          records,
        });
      } else {
        const rated = mine.filter((s) => s.ratingScore !== null && s.whistleStatus !== 'cancelled');
        const total = rated.reduce((a, s) => a + (s.ratingScore ?? 0), 0);
        out.get(leaf.key)?.set(subject.code, {
          value: rated.length === 0 ? null : total / rated.length / 100,
          numerator: null,
          denominator: rated.length,
          detail: { averageScore: rated.length === 0 ? null : total / rated.length },
          records: rated.map((s) => ref(s, 'counted', `评分 ${s.ratingScore}`)),
        });
      }
    }
  }
  return out;
};
