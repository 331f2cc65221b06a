import { type AuditActor, appendAudit } from '../core/audit/append-audit.ts';
import type { Db } from '../core/db/connection.ts';
import { listUnits } from '../jurisdiction/store.ts';
import { chinaToday } from '../lists/model.ts';
import { computeFunding } from './compute-funding.ts';
import { computeStaffing } from './compute-staffing.ts';
import { COMMUNITY_FLAGS, type CommunityFlag } from './model.ts';
import { getActivePolicy, insertCommunityFacts, type NewCommunityFacts } from './store.ts';

/** A stable pseudo-random number in [0, 1) from a code, so every demo run gets the same values. */
function hashUnit(code: string, salt: number): number {
  let h = 2166136261 ^ salt;
  for (const ch of code) h = Math.imul(h ^ ch.charCodeAt(0), 16777619);
  return ((h >>> 0) % 10_000) / 10_000;
}

/**
 * Plausible demo facts for every community of the district for the current year (marked
 * `isDemo`): party members about 4 % of households, most communities staffed and funded as the
 * active profile requires, some short — so the district report has findings to show.
 */
export async function seedDemoFacts(options: {
  db: Db;
  districtCode: string;
  actor: AuditActor;
}): Promise<number> {
  const { db, districtCode } = options;
  const active = await getActivePolicy(db, districtCode);
  const communities = await listUnits(db, {
    districtCode,
    withinPath: `/${districtCode.padEnd(12, '0')}/`,
    level: 'community',
    limit: 100_000,
  });
  const year = Number(chinaToday().slice(0, 4));
  const rows: NewCommunityFacts[] = [];
  for (const c of communities) {
    if (c.households === null) continue;
    const r = (salt: number) => hashUnit(c.code, salt);
    const partyMembers = Math.round(c.households * (0.025 + r(1) * 0.03));
    const flags = c.flags.filter((f): f is CommunityFlag =>
      (COMMUNITY_FLAGS as readonly string[]).includes(f),
    );
    const staffing = computeStaffing({
      profile: active.profileId,
      households: c.households,
      flags,
      partyMembers,
      overrides: active.overrides,
    });
    const expected = staffing.partyOrganisation?.type ?? '党总支';
    // One community in eight still runs the organisation type it had before it grew.
    const partyOrg = r(2) < 0.125 ? (expected === '党委' ? '党总支' : '党委') : expected;
    const funding = computeFunding({
      profile: active.profileId,
      households: c.households,
      partyOrg,
      partyMembers,
      overrides: active.overrides,
    });
    rows.push({
      districtCode,
      communityCode: c.code,
      year,
      twoCommitteeMembers: staffing.twoCommittees.value - (r(3) < 0.2 ? 1 : 0),
      serviceStationStaff: 3 + Math.floor(r(4) * 2.3),
      partyOrg,
      partyMembers,
      workingFundsYuan: funding.communityWorkingFunds.yuan - (r(5) < 0.15 ? 20_000 : 0),
      partyBuildingFundsYuan: funding.partyBuildingFunds.yuan,
      note: '演示数据',
      isDemo: true,
      updatedBy: options.actor.label,
    });
  }
  await db.transaction(async (tx) => {
    await insertCommunityFacts(tx, rows);
    await appendAudit(tx, {
      districtCode,
      actor: options.actor,
      action: 'policy.community_facts.seed_demo',
      targetType: 'jurisdiction',
      targetId: districtCode,
      details: { year, communities: rows.length },
    });
  });
  return rows.length;
}
