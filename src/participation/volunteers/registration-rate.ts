/**
 * The volunteer registration rate of a community against the policy profile's target (NJ 8: 注册志愿者
 * 占居民人数比例不低于10%), pure. Population comes from the community's attributes; without it the
 * rate is unknown rather than zero, so a community is never flagged for missing data.
 */

export interface RegistrationRateInput {
  /** Residents (常住人口) of the community; null when not recorded. */
  population: number | null;
  /** Volunteers registered there on the day counted. */
  volunteers: number;
  /** The profile's minimum share, a fraction (0.1 = 10 %). */
  target: number;
}

export interface RegistrationRate {
  rate: number | null;
  target: number;
  /** Volunteers the target asks for: ⌈target × population⌉. */
  required: number | null;
  /** true / false against the target; null when the population is unknown. */
  meets: boolean | null;
  /** Volunteers still to recruit to reach the target (0 when met). */
  shortfall: number | null;
}

/** Tolerance for comparing ratios (as the policy capability's `meetsMinimum`). */
const EPSILON = 1e-9;

/** One community’s rate, what the target asks for and how many are still to recruit. */
export function computeRegistrationRate(input: RegistrationRateInput): RegistrationRate {
  const { population, volunteers, target } = input;
  if (population === null || population <= 0) {
    return { rate: null, target, required: null, meets: null, shortfall: null };
  }
  const rate = volunteers / population;
  const required = Math.ceil(target * population - EPSILON);
  return {
    rate,
    target,
    required,
    meets: rate + EPSILON >= target,
    shortfall: Math.max(0, required - volunteers),
  };
}

/** Sums communities into a street or district row (population only where known). */
export function sumRates(
  rows: readonly { population: number | null; volunteers: number }[],
  target: number,
): RegistrationRate & { population: number | null; volunteers: number } {
  const known = rows.filter((r) => r.population !== null && r.population > 0);
  const population = known.length > 0 ? known.reduce((s, r) => s + (r.population as number), 0) : null;
  const volunteers = known.reduce((s, r) => s + r.volunteers, 0);
  return { population, volunteers, ...computeRegistrationRate({ population, volunteers, target }) };
}
