/**
 * How both sides of a whistle are measured (pure; definitions also in README.md "吹哨报到"):
 * summoned units by their check-ins and the blower's ratings, blowers by how many whistles they
 * blew and how fast they closed them. A whistle belongs to the period it was blown in.
 */

/** What the measures need of one summons. */
export interface SummonsFacts {
  reportDueAt: Date;
  checkedInAt: Date | null;
  whistleStatus: string;
  ratingScore: number | null;
}

export interface SummonsSummary {
  /** 被召集次数 (whistles cancelled before anyone came are left out) */
  summoned: number;
  checkedIn: number;
  /** 按时报到 */
  onTime: number;
  /** 迟到报到 */
  late: number;
  /** 未报到: the report deadline passed (or the whistle ended) without a check-in. */
  noShow: number;
  /** Still within the report deadline: not yet judged, so outside the rate. */
  pending: number;
  /** 按时报到率 = onTime / (summoned − pending); null when nothing was judged. */
  onTimeRate: number | null;
  rated: number;
  /** 平均评分 (0–100), two decimals; null when unrated. */
  averageScore: number | null;
}

const round = (x: number, places: number) => Math.round(x * 10 ** places) / 10 ** places;

/** Summarises the summons of one unit (or member) as of an instant. */
export function summarizeSummons(rows: readonly SummonsFacts[], asOf: Date): SummonsSummary {
  const counted = rows.filter((r) => r.whistleStatus !== 'cancelled');
  let onTime = 0;
  let late = 0;
  let noShow = 0;
  let pending = 0;
  const scores: number[] = [];
  for (const r of counted) {
    if (r.checkedInAt) {
      if (r.checkedInAt.getTime() <= r.reportDueAt.getTime()) onTime++;
      else late++;
    } else if (r.whistleStatus === 'closed' || asOf.getTime() > r.reportDueAt.getTime()) {
      noShow++;
    } else {
      pending++;
    }
    if (r.ratingScore !== null) scores.push(r.ratingScore);
  }
  const judged = counted.length - pending;
  return {
    summoned: counted.length,
    checkedIn: onTime + late,
    onTime,
    late,
    noShow,
    pending,
    onTimeRate: judged === 0 ? null : round(onTime / judged, 4),
    rated: scores.length,
    averageScore: scores.length === 0 ? null : round(scores.reduce((a, b) => a + b, 0) / scores.length, 2),
  };
}

/** What the blower measures need of one whistle. */
export interface WhistleFacts {
  blownAt: Date;
  actDueAt: Date;
  status: string;
  closedAt: Date | null;
}

export interface BlowerSummary {
  /** 吹哨次数 (cancelled ones included: blowing is what is counted) */
  blown: number;
  cancelled: number;
  closed: number;
  /** Closed by the action deadline. */
  closedOnTime: number;
  /** Still open past the action deadline. */
  openOverdue: number;
  /** 平均办结时长 (hours, one decimal) over the closed ones. */
  averageClosureHours: number | null;
}

/** Summarises the whistles one street or community blew, as of an instant. */
export function summarizeBlower(rows: readonly WhistleFacts[], asOf: Date): BlowerSummary {
  const closed = rows.filter((r) => r.status === 'closed' && r.closedAt);
  const hours = closed.map((r) => ((r.closedAt as Date).getTime() - r.blownAt.getTime()) / 3_600_000);
  return {
    blown: rows.length,
    cancelled: rows.filter((r) => r.status === 'cancelled').length,
    closed: closed.length,
    closedOnTime: closed.filter((r) => (r.closedAt as Date).getTime() <= r.actDueAt.getTime()).length,
    openOverdue: rows.filter(
      (r) => (r.status === 'summoning' || r.status === 'acting') && asOf.getTime() > r.actDueAt.getTime(),
    ).length,
    averageClosureHours:
      hours.length === 0 ? null : round(hours.reduce((a, b) => a + b, 0) / hours.length, 1),
  };
}
