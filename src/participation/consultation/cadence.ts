/**
 * The consultation cadence check (XQ 三(三)1: 社区议事园…坚持每月至少组织一次; SJS 39), pure: for each
 * period of the profile's cadence, did the community hold at least the required number of
 * meetings? A period that has not ended yet is `open` until it is met — never a miss in advance.
 */

export interface CadencePeriod {
  key: string;
  label: string;
  from: Date;
  to: Date;
}

export type PeriodStatus = 'met' | 'missed' | 'open';

export interface PeriodJudgement {
  key: string;
  label: string;
  held: number;
  status: PeriodStatus;
}

export interface CadenceJudgement {
  periods: PeriodJudgement[];
  /** Keys of the ended periods with too few meetings. */
  missed: string[];
}

/** Judges one community: `heldAt` are the instants its meetings were held. */
export function judgeCadence(input: {
  periods: readonly CadencePeriod[];
  heldAt: readonly Date[];
  minTimes: number;
  now: Date;
}): CadenceJudgement {
  const periods = input.periods.map((p) => {
    const held = input.heldAt.filter((t) => t >= p.from && t < p.to).length;
    const status: PeriodStatus = held >= input.minTimes ? 'met' : p.to <= input.now ? 'missed' : 'open';
    return { key: p.key, label: p.label, held, status };
  });
  return { periods, missed: periods.filter((p) => p.status === 'missed').map((p) => p.key) };
}
