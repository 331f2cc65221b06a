import { appendAudit } from '../../core/audit/append-audit.ts';
import { authorize, type Principal } from '../../core/auth/authorize.ts';
import type { Db } from '../../core/db/connection.ts';
import { AppError, notFound } from '../../core/errors.ts';
import { uuidv7 } from '../../core/ids.ts';
import { beijingDate } from '../periods.ts';
import { participationPolicy } from '../policy.ts';
import { RecordMemberServiceInput } from './model.ts';
import { getMember, getService, insertService } from './store.ts';
import type { PartyMemberServiceRow } from './tables.ts';

/**
 * A service a member gave at their community (服务记录): recorded by the community, a grid worker or
 * the member's unit, pending until the community confirms it. Only days the member stood registered.
 */
export async function recordMemberService(options: {
  db: Db;
  principal: Principal;
  memberId: string;
  input: RecordMemberServiceInput;
  requestId?: string | null;
}): Promise<PartyMemberServiceRow> {
  const input = RecordMemberServiceInput.parse(options.input);
  const { principal } = options;
  return options.db.transaction(async (tx) => {
    const member = await getMember(tx, options.memberId);
    if (!member || member.districtCode !== principal.districtCode) throw notFound('党员', options.memberId);
    authorize(principal, participationPolicy.recordService, {
      districtCode: member.districtCode,
      paths: [member.communityPath, ...(member.unitPath ? [member.unitPath] : [])],
    });
    if (input.servedOn > beijingDate(new Date())) {
      throw new AppError('VALIDATION_FAILED', '服务日期不能晚于今天 (service date in the future)');
    }
    if (input.servedOn < member.registeredOn || (member.leftOn !== null && input.servedOn >= member.leftOn)) {
      throw new AppError(
        'VALIDATION_FAILED',
        `服务日期不在该党员报到期间内（${member.registeredOn} 起${member.leftOn ? `，${member.leftOn} 转出` : ''}） (outside registration)`,
      );
    }
    const id = uuidv7();
    await insertService(tx, {
      id,
      districtCode: member.districtCode,
      memberId: member.id,
      communityPath: member.communityPath,
      unitPath: member.unitPath,
      title: input.title,
      kind: input.kind,
      servedOn: input.servedOn,
      hours: input.hours,
      status: 'pending',
      note: input.note ?? null,
      recordedByLabel: principal.displayName,
    });
    await appendAudit(tx, {
      districtCode: member.districtCode,
      actor: { id: principal.userId, label: principal.username },
      action: 'party_member_service.record',
      targetType: 'party_member_service',
      targetId: id,
      details: { memberId: member.id, servedOn: input.servedOn, hours: input.hours },
      requestId: options.requestId ?? null,
    });
    return (await getService(tx, id)) as PartyMemberServiceRow;
  });
}
