import { appendAudit } from '../../core/audit/append-audit.ts';
import { authorize, type Principal } from '../../core/auth/authorize.ts';
import type { Db } from '../../core/db/connection.ts';
import { AppError } from '../../core/errors.ts';
import { uuidv7 } from '../../core/ids.ts';
import { participationPolicy } from '../policy.ts';
import { communityByCode } from '../units.ts';
import { ScheduleMeetingInput, TOPIC_STATUS_NAMES } from './model.ts';
import { getMeeting, getTopics, insertMeeting, updateTopic } from './store.ts';
import type { MeetingRow, TopicRow } from './tables.ts';

/**
 * Every agenda topic must belong to the meeting's community and be ready (待上会): a proposal still
 * gathering supports is not (ILLEGAL_TRANSITION names it), nor one already decided.
 */
export async function checkAgenda(
  tx: Db,
  communityPath: string,
  topicIds: readonly string[],
): Promise<TopicRow[]> {
  const ids = [...new Set(topicIds)];
  const topics = await getTopics(tx, ids);
  const missing = ids.filter((id) => !topics.some((t) => t.id === id && t.communityPath === communityPath));
  if (missing.length > 0) {
    throw new AppError('NOT_FOUND', '议题不存在或不属本社区 (topic not found)', { ids: missing });
  }
  const notReady = topics.filter((t) => t.status !== 'topic');
  if (notReady.length > 0) {
    throw new AppError(
      'ILLEGAL_TRANSITION',
      `以下议题不能列入议程：${notReady.map((t) => `“${t.title}”（${TOPIC_STATUS_NAMES[t.status]}${t.status === 'collecting' ? `，附议 ${t.supportCount}/${t.supportThreshold}` : ''}）`).join('、')} (topic not ready)`,
      { status: notReady.map((t) => t.status), step: 'schedule', ids: notReady.map((t) => t.id) },
    );
  }
  return topics;
}

/** 召集议事会: a community schedules a consultation meeting with the topics ready for it. */
export async function scheduleMeeting(options: {
  db: Db;
  principal: Principal;
  input: ScheduleMeetingInput;
  requestId?: string | null;
}): Promise<MeetingRow> {
  const input = ScheduleMeetingInput.parse(options.input);
  const { principal } = options;
  return options.db.transaction(async (tx) => {
    const community = await communityByCode(tx, principal, input.communityCode);
    authorize(principal, participationPolicy.runMeetings, {
      districtCode: community.districtCode,
      paths: [community.path],
    });
    const topics = await checkAgenda(tx, community.path, input.topicIds);
    const id = uuidv7();
    await insertMeeting(tx, {
      id,
      districtCode: community.districtCode,
      communityId: community.id,
      communityCode: community.code,
      communityName: community.name,
      communityPath: community.path,
      kind: input.kind,
      title: input.title,
      plannedAt: new Date(input.plannedAt),
      place: input.place ?? null,
      host: input.host ?? null,
      topicIds: topics.map((t) => t.id),
      status: 'scheduled',
      createdByLabel: principal.displayName,
    });
    for (const t of topics) await updateTopic(tx, t.id, { status: 'scheduled', meetingId: id });
    await appendAudit(tx, {
      districtCode: community.districtCode,
      actor: { id: principal.userId, label: principal.username },
      action: 'consultation_meeting.schedule',
      targetType: 'consultation_meeting',
      targetId: id,
      details: { community: community.code, plannedAt: input.plannedAt, topics: topics.length },
      requestId: options.requestId ?? null,
    });
    return (await getMeeting(tx, id)) as MeetingRow;
  });
}
