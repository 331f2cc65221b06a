import type { Db } from '../core/db/connection.ts';
import { getJurisdiction } from '../jurisdiction/store.ts';
import { resolveRule } from '../policy/load-profiles.ts';
import type { DemandTimeLimits } from './deadlines.ts';

/** The demand rules of a district's active policy profile (generic when the profile lacks them). */
export async function demandRules(
  db: Db,
  districtCode: string,
  /** The district's policy profile as the caller read it in this request (policyProfileSql); null: none. */
  knownProfile?: string | null,
): Promise<{
  timeLimits: DemandTimeLimits;
  weights: { response: number; resolution: number; satisfaction: number };
  profileId: string;
}> {
  const profile =
    knownProfile !== undefined ? knownProfile : (await getJurisdiction(db, districtCode))?.policyProfile;
  const profileId = profile ?? 'generic';
  const timeLimits = resolveRule(profileId, 'demands.timeLimits').value as unknown as DemandTimeLimits;
  const weights = resolveRule(profileId, 'demands.compositeWeights').value as {
    response: number;
    resolution: number;
    satisfaction: number;
  };
  return { timeLimits, weights, profileId };
}
