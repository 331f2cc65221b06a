import type { Db } from '../core/db/connection.ts';
import { computeRanking } from '../demands/compute-rankings.ts';

export interface PublicStreetRow {
  rank: number | null;
  code: string;
  name: string;
  dispatched: number;
  responseRate: number | null;
  resolutionRate: number | null;
  satisfactionRate: number | null;
  composite: number | null;
}

export interface PublicStatistics {
  period: string;
  weights: { response: number; resolution: number; satisfaction: number };
  totals: { dispatched: number; callbacks: number; resolved: number; satisfied: number; rated: number };
  streets: PublicStreetRow[];
}

/**
 * The monthly street ranking as residents may see it: each street's 三率 and composite score and the
 * district's totals. Aggregates only — no demand, person or note is in it.
 */
export async function publicStatistics(
  db: Db,
  input: { districtCode: string; period: string; now?: Date },
): Promise<PublicStatistics> {
  const ranking = await computeRanking(db, {
    districtCode: input.districtCode,
    period: input.period,
    level: 'street',
    now: input.now,
  });
  const totals = { dispatched: 0, callbacks: 0, resolved: 0, satisfied: 0, rated: 0 };
  for (const r of ranking.rows) {
    totals.dispatched += r.rates.dispatched;
    totals.callbacks += r.rates.callbacks;
    totals.resolved += r.rates.resolved;
    totals.satisfied += r.rates.satisfied;
    totals.rated += r.rates.rated;
  }
  return {
    period: input.period,
    weights: ranking.weights,
    totals,
    streets: ranking.rows.map((r) => ({
      rank: r.rank,
      code: r.unit.code,
      name: r.unit.name,
      dispatched: r.rates.dispatched,
      responseRate: r.rates.responseRate,
      resolutionRate: r.rates.resolutionRate,
      satisfactionRate: r.rates.satisfactionRate,
      composite: r.rates.composite,
    })),
  };
}
