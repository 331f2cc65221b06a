import { computeStaffing } from '../policy/compute-staffing.ts';
import type { OverridesInput, PolicyProfile } from '../policy/model.ts';
import { COMMUNITY_FLAGS, type CommunityFlag } from '../policy/rule-values.ts';

/** A community as the staffing check sees it. */
export interface StaffingCommunity {
  code: string;
  name: string;
  streetName: string | null;
  households: number | null;
  flags: readonly string[];
  attrsAreDemo: boolean;
  /** Distinct people holding an active grid-worker post on the community's grids. */
  gridWorkersAssigned: number;
}

export interface StaffingRow extends Omit<StaffingCommunity, 'flags'> {
  flags: CommunityFlag[];
  /** Grid workers the policy requires; null without a household count. */
  required: number | null;
  householdsPerWorker: number | null;
  reducedRatioApplied: boolean;
  /** assigned − required (negative = short). */
  gap: number | null;
  understaffed: boolean;
  /** The rule's citation (e.g. XQ 三(四)2 …). */
  source: string | null;
  note: string | null;
}

const isFlag = (f: string): f is CommunityFlag => (COMMUNITY_FLAGS as readonly string[]).includes(f);

/**
 * Required vs assigned grid workers for one community under the district's profile (pure): 1 per
 * `householdsPerWorker`, the reduced ratio when any listed community flag applies.
 */
export function staffingRow(
  profile: PolicyProfile | string,
  overrides: OverridesInput,
  c: StaffingCommunity,
): StaffingRow {
  const flags = [...new Set(c.flags.filter(isFlag))];
  const base = { ...c, flags };
  if (c.households === null || c.households < 0) {
    return {
      ...base,
      required: null,
      householdsPerWorker: null,
      reducedRatioApplied: false,
      gap: null,
      understaffed: false,
      source: null,
      note: '缺少户数，无法核算网格员配备 (households unknown)',
    };
  }
  const s = computeStaffing({ profile, overrides, households: c.households, flags });
  const required = s.gridWorkersRequired.value;
  const gap = c.gridWorkersAssigned - required;
  return {
    ...base,
    required,
    householdsPerWorker: s.gridWorkersRequired.householdsPerWorker,
    reducedRatioApplied: s.gridWorkersRequired.reducedRatioApplied,
    gap,
    understaffed: gap < 0,
    source: s.gridWorkersRequired.source,
    note: gap < 0 ? `缺 ${-gap} 名网格员` : null,
  };
}
