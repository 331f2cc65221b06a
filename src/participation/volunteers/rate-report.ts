import type { Db } from '../../core/db/connection.ts';
import { listUnits } from '../../jurisdiction/store.ts';
import { resolveRule } from '../../policy/load-profiles.ts';
import type { Provenance } from '../../policy/model.ts';
import { getActivePolicy } from '../../policy/store.ts';
import { computeRegistrationRate, type RegistrationRate, sumRates } from './registration-rate.ts';
import { listVolunteers } from './store.ts';

export interface CommunityRateRow extends RegistrationRate {
  community: { code: string; name: string; path: string };
  street: { code: string; name: string };
  population: number | null;
  /** The population is a demo value nobody has checked yet. */
  populationIsDemo: boolean;
  volunteers: number;
}

export interface RegistrationRateReport {
  asOf: string;
  target: number;
  /** Where the target comes from: the active profile's rule (or generic's, or a district override). */
  rule: Provenance;
  rows: CommunityRateRow[];
  total: RegistrationRate & { population: number | null; volunteers: number };
  /** Communities below the target (population known). */
  below: number;
}

/**
 * Every community's volunteer registration rate on a day, within a path, against the district's active
 * policy profile (`volunteers.registrationRateMin`), with the rule's source.
 */
export async function buildRegistrationRateReport(
  db: Db,
  f: { districtCode: string; withinPath: string; asOf: string },
): Promise<RegistrationRateReport> {
  const active = await getActivePolicy(db, f.districtCode);
  const rule = resolveRule(active.profileId, 'volunteers.registrationRateMin', active.overrides);
  const target = rule.value as number;
  const communities = await listUnits(db, {
    districtCode: f.districtCode,
    withinPath: f.withinPath,
    level: 'community',
    limit: 100_000,
  });
  const streets = new Map(
    (
      await listUnits(db, { districtCode: f.districtCode, withinPath: '/', level: 'street', limit: 10_000 })
    ).map((s) => [s.id, s]),
  );
  const registered = await listVolunteers(db, {
    districtCode: f.districtCode,
    withinPath: f.withinPath,
    includeLeft: true,
    registeredBy: f.asOf,
  });
  const counts = new Map<string, number>();
  for (const v of registered) {
    if (v.leftOn !== null && v.leftOn <= f.asOf) continue;
    counts.set(v.communityId, (counts.get(v.communityId) ?? 0) + 1);
  }
  const rows = communities
    .sort((a, b) => a.path.localeCompare(b.path))
    .map((c) => {
      const street = c.parentId ? streets.get(c.parentId) : undefined;
      const volunteers = counts.get(c.id) ?? 0;
      return {
        community: { code: c.code, name: c.name, path: c.path },
        street: { code: street?.code ?? '', name: street?.name ?? '' },
        population: c.population,
        populationIsDemo: c.attrsAreDemo,
        volunteers,
        ...computeRegistrationRate({ population: c.population, volunteers, target }),
      };
    });
  const { key: _key, value: _value, ...provenance } = rule;
  return {
    asOf: f.asOf,
    target,
    rule: provenance,
    rows,
    total: sumRates(rows, target),
    below: rows.filter((r) => r.meets === false).length,
  };
}
