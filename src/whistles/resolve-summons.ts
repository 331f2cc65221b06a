import type { Db } from '../core/db/connection.ts';
import { AppError } from '../core/errors.ts';
import { uuidv7 } from '../core/ids.ts';
import { LEVEL_NAMES } from '../jurisdiction/levels.ts';
import { getUnitByCode } from '../jurisdiction/store.ts';
import type { SummonsTarget } from './lifecycle.ts';
import { COMMUNITY_SUMMONABLE, STREET_SUMMONABLE, type SummonsInput } from './model.ts';
import { getPartyMembers } from './party-members.ts';

/** The blowing unit as the rules need it. */
export interface Blower {
  districtCode: string;
  level: 'street' | 'community';
  unitPath: string;
}

/**
 * Turns the requested summons into targets, each with a fresh id: a street summons departments,
 * stationed units, companies and resident units (街乡吹哨、部门报到); a community summons its own
 * registered party members and the stationed, company or resident units around it (社区吹哨、党员报到).
 */
export async function resolveSummons(
  db: Db,
  blower: Blower,
  inputs: readonly SummonsInput[],
): Promise<{ id: string; target: SummonsTarget }[]> {
  const allowed: readonly string[] = blower.level === 'street' ? STREET_SUMMONABLE : COMMUNITY_SUMMONABLE;
  const memberIds = inputs.map((s) => s.partyMemberId).filter((id): id is string => Boolean(id));
  if (memberIds.length > 0 && blower.level !== 'community') {
    throw new AppError(
      'VALIDATION_FAILED',
      '党员报到由社区吹哨召集；街道吹哨请召集部门和单位 (members are summoned by communities)',
    );
  }
  const members = new Map((await getPartyMembers(db, memberIds)).map((m) => [m.id, m]));
  const out: { id: string; target: SummonsTarget }[] = [];
  for (const s of inputs) {
    if (s.unitCode) {
      const unit = await getUnitByCode(db, s.unitCode);
      if (!unit || unit.districtCode !== blower.districtCode || unit.tree !== 'department') {
        throw new AppError('NOT_FOUND', `报到单位不存在或不属本区：${s.unitCode} (unit not found)`, {
          code: s.unitCode,
        });
      }
      if (!allowed.includes(unit.level)) {
        throw new AppError(
          'VALIDATION_FAILED',
          `${blower.level === 'street' ? '街道' : '社区'}吹哨不能召集${LEVEL_NAMES[unit.level] ?? unit.level}“${unit.name}” (not summonable)`,
          { code: unit.code, level: unit.level, allowed },
        );
      }
      out.push({
        id: uuidv7(),
        target: { kind: 'unit', unitId: unit.id, code: unit.code, name: unit.name, path: unit.path },
      });
    } else {
      const m = members.get(s.partyMemberId as string);
      if (!m?.active || m.districtCode !== blower.districtCode || m.communityPath !== blower.unitPath) {
        throw new AppError(
          'NOT_FOUND',
          `党员不在本社区报到名册中：${s.partyMemberId} (party member not found)`,
        );
      }
      out.push({
        id: uuidv7(),
        target: { kind: 'party_member', memberId: m.id, name: m.name, path: m.communityPath },
      });
    }
  }
  return out;
}
