/**
 * 三率 and the composite from the demands (definitions in docs/measures.md), per subject, with every
 * demand behind each rate. The rates are the demands module's own `computeRates`; a demand's part in
 * them is found by computing the rates of that one demand, so the drill-down cannot disagree.
 */
import { demandRules } from '../../demands/demand-rules.ts';
import { measuredDemandRecords } from '../../demands/measured-demand-records.ts';
import { computeRates, type Rates } from '../../demands/measures.ts';
import type { Indicator } from '../model.ts';
import type { LeafValues, RecordOutcome, RecordRef, SourceLoader, SourceResult } from './types.ts';

type DemandSource =
  | 'demands.response_rate'
  | 'demands.resolution_rate'
  | 'demands.satisfaction_rate'
  | 'demands.composite';

/** How one demand counted in one rate (`one` = the rates of that demand alone). */
function outcomeOf(source: DemandSource, one: Rates): RecordOutcome | null {
  switch (source) {
    case 'demands.response_rate':
      return one.responded ? 'numerator' : one.lateOrMissed ? 'denominator' : 'pending';
    case 'demands.resolution_rate':
      if (one.appealsExcluded) return 'excluded';
      return one.callbacks ? (one.resolved ? 'numerator' : 'denominator') : null;
    case 'demands.satisfaction_rate':
      if (one.appealsExcluded) return 'excluded';
      return one.rated ? (one.satisfied ? 'numerator' : 'denominator') : null;
    case 'demands.composite':
      return 'counted';
  }
}

function ratesValue(source: DemandSource, r: Rates): Omit<SourceResult, 'records'> {
  const detail = {
    dispatched: r.dispatched,
    responseRate: r.responseRate,
    resolutionRate: r.resolutionRate,
    satisfactionRate: r.satisfactionRate,
    appealsExcluded: r.appealsExcluded,
  };
  switch (source) {
    case 'demands.response_rate':
      return { value: r.responseRate, numerator: r.responded, denominator: r.responded + r.lateOrMissed };
    case 'demands.resolution_rate':
      return { value: r.resolutionRate, numerator: r.resolved, denominator: r.callbacks };
    case 'demands.satisfaction_rate':
      return { value: r.satisfactionRate, numerator: r.satisfied, denominator: r.rated };
    case 'demands.composite':
      return {
        value: r.composite === null ? null : r.composite / 100,
        detail: { composite: r.composite, ...detail },
      };
  }
}

/** 三率 and composite of every subject from the demands accepted in the period. */
export const loadDemandValues: SourceLoader = async (ctx, leaves: readonly Indicator[]) => {
  const [rows, rules] = await Promise.all([
    measuredDemandRecords(ctx.db, { districtCode: ctx.districtCode, ...ctx.period }),
    demandRules(ctx.db, ctx.districtCode),
  ]);
  const out: LeafValues = new Map(leaves.map((l) => [l.key, new Map()]));
  for (const subject of ctx.subjects) {
    const mine = rows.filter((d) => d.ownerPath?.startsWith(subject.path));
    const rates = computeRates(mine, rules.weights, ctx.asOf);
    const singles = mine.map((d) => ({ d, one: computeRates([d], rules.weights, ctx.asOf) }));
    for (const leaf of leaves) {
      const source = leaf.source as DemandSource;
      const records: RecordRef[] = [];
      for (const { d, one } of singles) {
        const outcome = outcomeOf(source, one);
        if (outcome) records.push({ type: 'demand', id: d.id, code: d.code, outcome });
      }
      out.get(leaf.key)?.set(subject.code, { ...ratesValue(source, rates), records });
    }
  }
  return out;
};
