import { type AuditActor, appendAudit } from '../core/audit/append-audit.ts';
import { listUsers } from '../core/auth/users-store.ts';
import type { Db } from '../core/db/connection.ts';
import { uuidv7 } from '../core/ids.ts';
import { getUnitById } from '../jurisdiction/store.ts';
import type { OrgUnitRow } from '../jurisdiction/tables.ts';
import { seedDemoPartyMembers } from '../whistles/seed-demo-members.ts';
import { insertAssignment } from './assignments-store.ts';
import { beijingDate, type Post } from './model.ts';

/**
 * Demo posts: every grid worker sitting in a grid holds the grid-worker post there (with a resident
 * 楼栋长 beside the first), the first community worker of each community is its party secretary
 * (so sheets can be signed), and that community gets a few registered party members.
 */
export async function seedDemoGridWork(options: {
  db: Db;
  districtCode: string;
  actor: AuditActor;
}): Promise<void> {
  const { db, districtCode, actor } = options;
  const people = (
    await listUsers(db, { districtCode, withinPath: `/${districtCode}000000/`, limit: 10_000 })
  ).filter((u) => !u.isMachine);
  const secretaries = new Set<string>();
  let chiefPlaced = false;
  for (const user of people) {
    const unit = await getUnitById(db, user.orgUnitId);
    if (!unit) continue;
    if (user.roles.includes('grid_worker') && unit.level === 'grid') {
      const community = await getUnitById(db, unit.parentId ?? '');
      if (!community) continue;
      await place(db, actor, unit, community, 'grid_worker', {
        userId: user.id,
        personName: user.displayName,
        phone: user.phone,
      });
      if (!chiefPlaced) {
        await place(db, actor, unit, community, 'building_chief', {
          userId: null,
          personName: '周楼长',
          phone: null,
          area: '1号楼',
        });
        chiefPlaced = true;
      }
    }
    if (user.roles.includes('community_worker') && unit.level === 'community' && !secretaries.has(unit.id)) {
      secretaries.add(unit.id);
      await place(db, actor, unit, unit, 'party_secretary', {
        userId: user.id,
        personName: user.displayName,
        phone: user.phone,
      });
      await seedDemoPartyMembers({ db, community: unit, actor });
    }
  }
}

async function place(
  db: Db,
  actor: AuditActor,
  unit: OrgUnitRow,
  community: OrgUnitRow,
  post: Post,
  who: { userId: string | null; personName: string; phone: string | null; area?: string },
): Promise<void> {
  await db.transaction(async (tx) => {
    const id = uuidv7();
    await insertAssignment(tx, {
      id,
      districtCode: unit.districtCode,
      unitId: unit.id,
      unitCode: unit.code,
      unitName: unit.name,
      unitPath: unit.path,
      communityId: community.id,
      post,
      userId: who.userId,
      personName: who.personName,
      phone: who.phone,
      area: who.area ?? null,
      startedOn: beijingDate(new Date()),
      createdByLabel: actor.label,
    });
    await appendAudit(tx, {
      districtCode: unit.districtCode,
      actor,
      action: 'grid_assignment.create',
      targetType: 'grid_assignment',
      targetId: id,
      details: { unit: unit.code, post, personName: who.personName, demo: true },
    });
  });
}
