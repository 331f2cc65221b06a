import { type AuditActor, appendAudit } from '../core/audit/append-audit.ts';
import type { Db } from '../core/db/connection.ts';
import { uuidv7 } from '../core/ids.ts';
import type { OrgUnitRow } from '../jurisdiction/tables.ts';
import { whistlePartyMembers } from './tables.ts';

/** Demo party members (fictitious names, no real phones) so a community whistle can summon someone. */
const DEMO_MEMBERS = [
  { name: '王建国', workUnit: '区教育委员会' },
  { name: '李秀兰', workUnit: '区卫生健康委员会' },
  { name: '赵志强', workUnit: '退休党员' },
];

/** Registers the demo members with a community. Audited as the system. */
export async function seedDemoPartyMembers(options: {
  db: Db;
  community: OrgUnitRow;
  actor: AuditActor;
}): Promise<void> {
  const { community } = options;
  await options.db.transaction(async (tx) => {
    for (const m of DEMO_MEMBERS) {
      const id = uuidv7();
      await tx.insert(whistlePartyMembers).values({
        id,
        districtCode: community.districtCode,
        communityId: community.id,
        communityPath: community.path,
        name: m.name,
        workUnit: m.workUnit,
      });
      await appendAudit(tx, {
        districtCode: community.districtCode,
        actor: options.actor,
        action: 'party_member.add',
        targetType: 'party_member',
        targetId: id,
        details: { community: community.code, name: m.name, demo: true },
      });
    }
  });
}
