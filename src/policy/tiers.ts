/** Tier-table lookups shared by the staffing and funding computations. */
import type { RuleValue } from './model.ts';

type Tier<V> = { value: V };

/**
 * Picks the tier whose inclusive [min, max] holds `n`. Tables are validated contiguous from 0,
 * so a miss can only mean a corrupted value slipped past validation.
 */
export function pickTier<T extends Tier<unknown>>(
  tiers: readonly T[],
  n: number,
  bounds: (t: T) => readonly [number, number | undefined],
): T {
  const tier = tiers.find((t) => {
    const [min, max] = bounds(t);
    return n >= min && (max === undefined || n <= max);
  });
  if (!tier) throw new RangeError(`no tier covers ${n}`);
  return tier;
}

/** Household-tier lookup for tables such as 两委 size or working funds. */
export function householdTier<V>(
  tiers: readonly { minHouseholds: number; maxHouseholds?: number | undefined; value: V }[],
  households: number,
): V {
  return pickTier(tiers, households, (t) => [t.minHouseholds, t.maxHouseholds]).value;
}

/** The party organisation a community with `members` directly managed members should set up. */
export function partyOrgTier(
  tiers: RuleValue<'staffing.partyOrganisation'>,
  members: number,
): RuleValue<'staffing.partyOrganisation'>[number]['value'] {
  return pickTier(tiers, members, (t) => [t.minMembers, t.maxMembers]).value;
}
