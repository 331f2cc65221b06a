import { countRoleHoldersWithin } from '../core/auth/users-store.ts';
import type { Db } from '../core/db/connection.ts';
import { listUnits } from '../jurisdiction/store.ts';
import { type CommunityReportRow, communityReportRow } from './community-report-row.ts';
import { getProfile, provenanceOf, resolveRule } from './load-profiles.ts';
import type { Provenance, RuleKey } from './model.ts';
import { getActivePolicy, listCommunityFacts } from './store.ts';

/** The rules a report line is computed from, each with where its value came from. */
const REPORT_RULES: { key: RuleKey; label: string }[] = [
  { key: 'staffing.twoCommitteesByHouseholds', label: '“两委”成员职数' },
  { key: 'staffing.gridWorkerHouseholds', label: '网格员配备' },
  { key: 'staffing.partyOrganisation', label: '社区党组织设置' },
  { key: 'staffing.serviceStationStaffMax', label: '服务站人员上限' },
  { key: 'staffing.communitySizeReview', label: '社区规模调整' },
  { key: 'funding.communityWorkingFunds', label: '社区工作经费' },
  { key: 'funding.partyBuilding', label: '社区党建经费' },
];

export interface DistrictReport {
  districtCode: string;
  profileId: string;
  profileName: string;
  year: number;
  generatedAt: string;
  rules: ({ key: RuleKey; label: string } & Provenance)[];
  rows: CommunityReportRow[];
  totals: {
    communities: number;
    households: number;
    gridWorkersRequired: number;
    gridWorkersActual: number;
    /** Communities with fewer grid workers than required. */
    communitiesShortOfGridWorkers: number;
    fundingRequired: number;
    fundingActual: number;
  };
}

/**
 * Every community in `withinPath` (the caller's scope, or one street) with what the district's
 * active profile and overrides require — 两委, grid workers, party organisation, station staff cap,
 * working and party-building funds — against what it has: grid workers counted from users with
 * role grid_worker in the community, the rest from the year's recorded facts.
 */
export async function buildDistrictReport(options: {
  db: Db;
  districtCode: string;
  withinPath: string;
  year: number;
}): Promise<DistrictReport> {
  const { db, districtCode, withinPath, year } = options;
  const active = await getActivePolicy(db, districtCode);
  const profile = getProfile(active.profileId);
  const [communities, streets, facts] = await Promise.all([
    listUnits(db, { districtCode, withinPath, tree: 'division', level: 'community', limit: 100_000 }),
    listUnits(db, {
      districtCode,
      withinPath: rootOf(withinPath),
      tree: 'division',
      level: 'street',
      limit: 10_000,
    }),
    listCommunityFacts(db, districtCode, year),
  ]);
  const gridWorkers = await countRoleHoldersWithin(db, {
    districtCode,
    role: 'grid_worker',
    paths: communities.map((c) => c.path),
  });
  const streetByPath = new Map(streets.map((s) => [s.path, s]));
  const rows = communities.map((c) => {
    const street = streetByPath.get(parentPath(c.path));
    const f = facts.get(c.code);
    return communityReportRow(profile, active.overrides, {
      code: c.code,
      name: c.name,
      streetCode: street?.code ?? null,
      streetName: street?.name ?? null,
      households: c.households,
      flags: c.flags,
      attrsAreDemo: c.attrsAreDemo,
      gridWorkersActual: gridWorkers.get(c.path) ?? 0,
      facts: f ?? null,
    });
  });
  const sum = (pick: (r: CommunityReportRow) => number | null) =>
    rows.reduce((acc, r) => acc + (pick(r) ?? 0), 0);
  return {
    districtCode,
    profileId: profile.id,
    profileName: profile.name,
    year,
    generatedAt: new Date().toISOString(),
    rules: REPORT_RULES.map(({ key, label }) => ({
      key,
      label,
      ...provenanceOf(resolveRule(profile, key, active.overrides)),
    })),
    rows,
    totals: {
      communities: rows.length,
      households: sum((r) => r.households),
      gridWorkersRequired: sum((r) => r.gridWorkersRequired),
      gridWorkersActual: sum((r) => r.gridWorkersActual),
      communitiesShortOfGridWorkers: rows.filter((r) => (r.gridWorkersGap ?? 0) < 0).length,
      fundingRequired: sum((r) => r.fundingRequiredTotal),
      fundingActual: sum((r) => r.fundingActualTotal),
    },
  };
}

function parentPath(path: string): string {
  return path.replace(/[^/]+\/$/, '');
}

function rootOf(path: string): string {
  const first = path.split('/').filter(Boolean)[0];
  return first ? `/${first}/` : path;
}
