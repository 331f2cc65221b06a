import type { Db } from '../core/db/connection.ts';
import { getJurisdiction } from '../jurisdiction/store.ts';
import { resolveRule } from '../policy/load-profiles.ts';
import type { DemandTimeLimits } from './deadlines.ts';

/** The demand rules of a district's active policy profile (generic when the profile lacks them). */
export async function demandRules(
  db: Db,
  districtCode: string,
): Promise<{
  timeLimits: DemandTimeLimits;
  weights: { response: number; resolution: number; satisfaction: number };
  profileId: string;
}> {
  const j = await getJurisdiction(db, districtCode);
  const profileId = j?.policyProfile ?? 'generic';
  const timeLimits = resolveRule(profileId, 'demands.timeLimits').value as unknown as DemandTimeLimits;
  const weights = resolveRule(profileId, 'demands.compositeWeights').value as {
    response: number;
    resolution: number;
    satisfaction: number;
  };
  return { timeLimits, weights, profileId };
}
