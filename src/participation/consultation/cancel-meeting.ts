import { appendAudit } from '../../core/audit/append-audit.ts';
import { authorize, type Principal } from '../../core/auth/authorize.ts';
import type { Db } from '../../core/db/connection.ts';
import { AppError, notFound } from '../../core/errors.ts';
import { participationPolicy } from '../policy.ts';
import { CancelMeetingInput } from './model.ts';
import { getMeeting, updateMeeting, updateTopic } from './store.ts';
import type { MeetingRow } from './tables.ts';

/** Calls off a scheduled meeting; its topics go back to waiting for the next one. */
export async function cancelMeeting(options: {
  db: Db;
  principal: Principal;
  meetingId: string;
  input: { reason: string };
  requestId?: string | null;
}): Promise<MeetingRow> {
  const input = CancelMeetingInput.parse(options.input);
  const { principal } = options;
  return options.db.transaction(async (tx) => {
    const meeting = await getMeeting(tx, options.meetingId, { forUpdate: true });
    if (!meeting || meeting.districtCode !== principal.districtCode)
      throw notFound('会议', options.meetingId);
    authorize(principal, participationPolicy.runMeetings, {
      districtCode: meeting.districtCode,
      paths: [meeting.communityPath],
    });
    if (meeting.status !== 'scheduled') {
      throw new AppError(
        'ILLEGAL_TRANSITION',
        `会议${meeting.status === 'held' ? '已召开' : '已取消'}，不能取消 (not scheduled)`,
        {
          status: meeting.status,
          step: 'cancel',
        },
      );
    }
    await updateMeeting(tx, meeting.id, { status: 'cancelled', cancelReason: input.reason });
    for (const id of meeting.topicIds) await updateTopic(tx, id, { status: 'topic', meetingId: null });
    await appendAudit(tx, {
      districtCode: meeting.districtCode,
      actor: { id: principal.userId, label: principal.username },
      action: 'consultation_meeting.cancel',
      targetType: 'consultation_meeting',
      targetId: meeting.id,
      details: { reason: input.reason },
      requestId: options.requestId ?? null,
    });
    return (await getMeeting(tx, meeting.id)) as MeetingRow;
  });
}
