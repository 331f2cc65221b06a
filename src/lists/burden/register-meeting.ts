import { z } from 'zod';
import { type AuditActor, appendAudit } from '../../core/audit/append-audit.ts';
import type { Db } from '../../core/db/connection.ts';
import { AppError, notFound } from '../../core/errors.ts';
import { uuidv7 } from '../../core/ids.ts';
import { getUnitByCode } from '../../jurisdiction/store.ts';
import type { OrgUnitRow } from '../../jurisdiction/tables.ts';
import { parseOrThrow } from '../../policy/model.ts';
import { insertMeeting } from './store.ts';
import type { MeetingRegistrationRow } from './tables.ts';

export const MeetingInput = z.strictObject({
  title: z.string().trim().min(1).max(200),
  heldOn: z.iso.date(),
  communityCodes: z.array(z.string().min(1)).min(1).max(500),
  attendeesPerCommunity: z.int().min(1).max(50),
  /** Why the meeting cannot be merged or replaced (能并则并、能减则减). */
  reason: z.string().trim().min(1, '须说明召开理由 (reason required)').max(500),
});
export type MeetingInput = z.infer<typeof MeetingInput>;

/**
 * Registers (报备) a meeting that requires community staff (GP 二(四)): which communities, how many
 * of their staff, and why it cannot be merged. Every community must be within the caller's reach.
 */
export async function registerMeeting(options: {
  db: Db;
  organiser: OrgUnitRow;
  input: MeetingInput;
  actor: AuditActor;
  requestId?: string | null;
  authorizeCommunity?: (unit: OrgUnitRow) => void;
}): Promise<MeetingRegistrationRow> {
  const input = parseOrThrow(MeetingInput, options.input, '会议报备无效 (invalid meeting registration)');
  const codes = [...new Set(input.communityCodes)];
  return options.db.transaction(async (tx) => {
    for (const code of codes) {
      const unit = await getUnitByCode(tx, code);
      if (!unit) throw notFound('社区', code);
      options.authorizeCommunity?.(unit);
      if (unit.level !== 'community' || unit.districtCode !== options.organiser.districtCode) {
        throw new AppError('VALIDATION_FAILED', `参会单位须为本区社区：${unit.name} (not a community)`);
      }
    }
    const row: MeetingRegistrationRow = {
      id: uuidv7(),
      districtCode: options.organiser.districtCode,
      organiserUnitCode: options.organiser.code,
      organiserName: options.organiser.shortName,
      title: input.title,
      heldOn: input.heldOn,
      communityCodes: codes,
      attendeesPerCommunity: input.attendeesPerCommunity,
      reason: input.reason,
      createdBy: options.actor.label,
      createdAt: new Date(),
    };
    await insertMeeting(tx, row);
    await appendAudit(tx, {
      districtCode: row.districtCode,
      actor: options.actor,
      action: 'meeting.register',
      targetType: 'meeting_registration',
      targetId: row.id,
      details: {
        organiser: row.organiserUnitCode,
        heldOn: row.heldOn,
        communities: codes.length,
        title: row.title,
      },
      requestId: options.requestId ?? null,
    });
    return row;
  });
}
