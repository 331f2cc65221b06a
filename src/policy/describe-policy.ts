import type { z } from 'zod';
import type { Db } from '../core/db/connection.ts';
import { getProfile, listProfiles, resolveRule } from './load-profiles.ts';
import { RULE_KEYS } from './model.ts';
import { getActivePolicy, listOverrides } from './store.ts';
import type { ActivePolicyView, ProfileSummaryView } from './views.ts';

/** The bundled presets, the active one marked (pure; the CLI calls it without a database). */
export function profileSummaries(activeId?: string): z.infer<typeof ProfileSummaryView>[] {
  return listProfiles().map((p) => ({
    id: p.id,
    name: p.name,
    version: p.version,
    effectiveFrom: p.effectiveFrom,
    description: p.description,
    ruleCount: Object.keys(p.rules).length,
    active: p.id === activeId,
  }));
}

/**
 * The district's active profile, its stored overrides and every rule resolved through
 * override → profile → generic, each naming its source.
 */
export async function describeActivePolicy(
  db: Db,
  districtCode: string,
): Promise<z.infer<typeof ActivePolicyView>> {
  const active = await getActivePolicy(db, districtCode);
  const profile = getProfile(active.profileId);
  const rows = await listOverrides(db, districtCode);
  return {
    districtCode,
    profileId: profile.id,
    profileName: profile.name,
    overrides: rows.map((r) => ({
      ruleKey: r.ruleKey,
      value: r.value,
      source: r.source,
      setBy: r.setBy,
      setAt: r.setAt.toISOString(),
    })),
    rules: RULE_KEYS.map((key) => resolveRule(profile, key, active.overrides)),
  };
}
