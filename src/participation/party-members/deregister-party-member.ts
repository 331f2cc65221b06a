import { appendAudit } from '../../core/audit/append-audit.ts';
import { authorize, type Principal } from '../../core/auth/authorize.ts';
import type { Db } from '../../core/db/connection.ts';
import { AppError, notFound } from '../../core/errors.ts';
import { beijingDate } from '../periods.ts';
import { participationPolicy } from '../policy.ts';
import { DeregisterInput } from './model.ts';
import { deactivateMember, getMember } from './store.ts';
import type { PartyMemberRecord } from './tables.ts';

/**
 * 转出/退出: a member stops serving at the community from a day (moved, retired from the unit …).
 * Their history stays; the report-in rate stops counting them from that day. Audited.
 */
export async function deregisterPartyMember(options: {
  db: Db;
  principal: Principal;
  memberId: string;
  input: DeregisterInput;
  requestId?: string | null;
}): Promise<PartyMemberRecord> {
  const input = DeregisterInput.parse(options.input);
  const { principal } = options;
  return options.db.transaction(async (tx) => {
    const member = await getMember(tx, options.memberId);
    if (!member || member.districtCode !== principal.districtCode) throw notFound('党员', options.memberId);
    authorize(principal, participationPolicy.registerMember, {
      districtCode: member.districtCode,
      paths: [member.communityPath],
    });
    if (!member.active) {
      throw new AppError('ILLEGAL_TRANSITION', `该党员已于 ${member.leftOn} 转出 (already left)`, {
        status: 'left',
        step: 'deregister',
      });
    }
    const leftOn = input.leftOn ?? beijingDate(new Date());
    if (leftOn < member.registeredOn) {
      throw new AppError('VALIDATION_FAILED', '转出日期不能早于报到日期 (left before registering)');
    }
    await deactivateMember(tx, member.id, leftOn, input.reason);
    await appendAudit(tx, {
      districtCode: member.districtCode,
      actor: { id: principal.userId, label: principal.username },
      action: 'party_member.deregister',
      targetType: 'party_member',
      targetId: member.id,
      details: { community: member.communityCode, leftOn, reason: input.reason },
      requestId: options.requestId ?? null,
    });
    return (await getMember(tx, member.id)) as PartyMemberRecord;
  });
}
