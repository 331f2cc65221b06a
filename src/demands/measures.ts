/**
 * 三率 — pure computation of a unit's response, resolution and satisfaction rates and composite score
 * from demand states. Definitions are in docs/measures.md; change them there and here together.
 */

export interface MeasuredDemand {
  ownerPath: string | null;
  signedAt: string | null;
  signDueAt: string | null;
  contactedAt: string | null;
  contactDueAt: string | null;
  callback: { reached: boolean; resolved: boolean | null; satisfaction: string | null } | null;
  appeal: string;
}

export interface Weights {
  response: number;
  resolution: number;
  satisfaction: number;
}

export interface Rates {
  dispatched: number;
  /** Signed AND contacted within their limits. */
  responded: number;
  /** Limits passed without signing or contacting. */
  lateOrMissed: number;
  responseRate: number | null;
  callbacks: number;
  resolved: number;
  resolutionRate: number | null;
  rated: number;
  satisfied: number;
  satisfactionRate: number | null;
  /** Ratings removed by approved appeals (申诉成立): not counted against the unit. */
  appealsExcluded: number;
  composite: number | null;
}

const t = (s: string | null) => (s ? new Date(s).getTime() : null);

/** Rates of one unit over its demands at instant `now` (pending ones are left out of the denominators). */
export function computeRates(rows: readonly MeasuredDemand[], weights: Weights, now: Date): Rates {
  const r: Rates = {
    dispatched: rows.length,
    responded: 0,
    lateOrMissed: 0,
    responseRate: null,
    callbacks: 0,
    resolved: 0,
    resolutionRate: null,
    rated: 0,
    satisfied: 0,
    satisfactionRate: null,
    appealsExcluded: 0,
    composite: null,
  };
  const nowMs = now.getTime();
  for (const d of rows) {
    const signed = t(d.signedAt);
    const signDue = t(d.signDueAt);
    const contacted = t(d.contactedAt);
    const contactDue = t(d.contactDueAt);
    const signOk = signed !== null && (signDue === null || signed <= signDue);
    const contactOk = contacted !== null && (contactDue === null || contacted <= contactDue);
    if (signOk && contactOk) r.responded++;
    else {
      const signFailed = signed === null ? signDue !== null && signDue < nowMs : !signOk;
      const contactFailed = contacted === null ? contactDue !== null && contactDue < nowMs : !contactOk;
      if (signFailed || contactFailed) r.lateOrMissed++;
    }
    if (!d.callback?.reached) continue;
    if (d.appeal === 'approved') {
      r.appealsExcluded++;
      continue;
    }
    if (d.callback.resolved !== null) {
      r.callbacks++;
      if (d.callback.resolved) r.resolved++;
    }
    if (d.callback.satisfaction) {
      r.rated++;
      if (d.callback.satisfaction === 'satisfied' || d.callback.satisfaction === 'basically_satisfied')
        r.satisfied++;
    }
  }
  const decided = r.responded + r.lateOrMissed;
  r.responseRate = decided > 0 ? r.responded / decided : null;
  r.resolutionRate = r.callbacks > 0 ? r.resolved / r.callbacks : null;
  r.satisfactionRate = r.rated > 0 ? r.satisfied / r.rated : null;
  r.composite = composite(r, weights);
  return r;
}

/** 100 × Σ weight × rate; a rate without data passes its weight to the others in proportion. */
export function composite(
  r: Pick<Rates, 'responseRate' | 'resolutionRate' | 'satisfactionRate'>,
  w: Weights,
): number | null {
  const parts = [
    [r.responseRate, w.response],
    [r.resolutionRate, w.resolution],
    [r.satisfactionRate, w.satisfaction],
  ].filter((p): p is [number, number] => p[0] !== null);
  const total = parts.reduce((s, [, weight]) => s + weight, 0);
  if (parts.length === 0 || total === 0) return null;
  return Math.round(((100 * parts.reduce((s, [rate, weight]) => s + rate * weight, 0)) / total) * 100) / 100;
}

export interface RankedUnit<U> {
  unit: U;
  rates: Rates;
  rank: number | null;
}

/**
 * Groups demands under the unit whose path contains the owner (a street takes its communities'
 * demands; a department its stationed units'), then ranks by composite, ties sharing a rank, units
 * without a score last and unranked.
 */
export function rankUnits<U extends { path: string }>(
  units: readonly U[],
  rows: readonly MeasuredDemand[],
  weights: Weights,
  now: Date,
): RankedUnit<U>[] {
  const buckets = new Map<U, MeasuredDemand[]>(units.map((u) => [u, []]));
  for (const row of rows) {
    const unit = row.ownerPath ? units.find((u) => row.ownerPath?.startsWith(u.path)) : undefined;
    if (unit) buckets.get(unit)?.push(row);
  }
  const ranked = [...buckets].map(([unit, list]) => ({
    unit,
    rates: computeRates(list, weights, now),
    rank: null as number | null,
  }));
  ranked.sort((a, b) => (b.rates.composite ?? -1) - (a.rates.composite ?? -1));
  let previous: number | null = null;
  ranked.forEach((x, i) => {
    if (x.rates.composite === null) return;
    x.rank = previous !== null && x.rates.composite === previous ? (ranked[i - 1]?.rank ?? i + 1) : i + 1;
    previous = x.rates.composite;
  });
  return ranked;
}
