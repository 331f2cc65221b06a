import { appendAudit } from '../../core/audit/append-audit.ts';
import { authorize, type Principal } from '../../core/auth/authorize.ts';
import type { Db } from '../../core/db/connection.ts';
import { AppError, notFound } from '../../core/errors.ts';
import { uuidv7 } from '../../core/ids.ts';
import type { AppContext } from '../../http/context.ts';
import { getUnitById } from '../../jurisdiction/store.ts';
import type { OrgUnitRow } from '../../jurisdiction/tables.ts';
import { insertNewProject } from '../opinion-projects/create-project.ts';
import { recordProjectSteps } from '../opinion-projects/record-project-steps.ts';
import { getProject } from '../opinion-projects/store.ts';
import { listRegisteredPartyMembers } from '../party-members/store.ts';
import { beijingDate } from '../periods.ts';
import { participationPolicy } from '../policy.ts';
import { ownerUnitByCode } from '../units.ts';
import { RecordMeetingInput, type ResolutionInput } from './model.ts';
import { noteResolutionFollowUp } from './project-links.ts';
import {
  getMeeting,
  getTopics,
  insertResolution,
  updateMeeting,
  updateResolution,
  updateTopic,
} from './store.ts';
import type { MeetingRow, TopicRow } from './tables.ts';

/** A little clock skew between a phone and the server is not a meeting held in the future. */
const SKEW_MS = 5 * 60_000;

/**
 * 会议记录: the meeting was held — sign-in sheet, minutes and one resolution per agenda topic (a topic
 * left undecided is AGENDA_UNRESOLVED). Each resolution gets its owner and due date; a topic adopted as
 * a project opens 民意立项 (consulted, awaiting feasibility approval) or, for a project that was put to
 * consultation, moves that project on. One transaction, audited.
 */
export async function recordMeeting(options: {
  ctx: Pick<AppContext, 'calendars'>;
  db: Db;
  principal: Principal;
  meetingId: string;
  input: RecordMeetingInput;
  requestId?: string | null;
}): Promise<MeetingRow> {
  const input = RecordMeetingInput.parse(options.input);
  const { principal } = options;
  const heldAt = new Date(input.heldAt);
  if (heldAt.getTime() > Date.now() + SKEW_MS) {
    throw new AppError('VALIDATION_FAILED', '会议召开时间不能晚于现在 (held in the future)');
  }
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
        `会议${meeting.status === 'held' ? '已记录' : '已取消'}，不能再次记录 (not scheduled)`,
        { status: meeting.status, step: 'record' },
      );
    }
    const topics = await getTopics(tx, meeting.topicIds);
    checkResolutionsCoverAgenda(topics, input.resolutions);
    await checkAttendance(tx, meeting, input.attendance);
    const community = (await getUnitById(tx, meeting.communityId)) as OrgUnitRow;
    const calendar = await options.ctx.calendars.get(tx, meeting.districtCode);
    for (const [i, r] of input.resolutions.entries()) {
      const topic = topics.find((t) => t.id === r.topicId) ?? null;
      const owner = r.ownerUnitCode ? await ownerUnitByCode(tx, principal, r.ownerUnitCode) : community;
      const dueOn =
        r.dueOn ??
        (r.dueWithinWorkingDays
          ? beijingDate(calendar.addWorkingDays(heldAt, r.dueWithinWorkingDays))
          : null);
      const id = uuidv7();
      await insertResolution(tx, {
        id,
        districtCode: meeting.districtCode,
        meetingId: meeting.id,
        topicId: topic?.id ?? null,
        communityPath: meeting.communityPath,
        seq: i + 1,
        content: r.content,
        decision: r.decision,
        kind: r.kind,
        ownerUnitId: owner.id,
        ownerUnitName: owner.name,
        ownerPath: owner.path,
        ownerName: r.ownerName,
        dueOn,
        status: 'open',
      });
      if (topic)
        await updateTopic(tx, topic.id, { status: r.decision === 'adopted' ? 'resolved' : 'not_adopted' });
      if (topic?.projectId && r.kind !== 'project') {
        await closeUnadoptedProject(tx, principal, topic.projectId, r.content);
      }
      if (r.kind === 'project') {
        const projectId = await projectFor(tx, principal, {
          meeting,
          community,
          topic,
          resolutionId: id,
          r,
          owner,
        });
        await updateResolution(tx, id, { projectId });
        const project = await getProject(tx, projectId);
        await noteResolutionFollowUp(tx, id, {
          actorLabel: principal.displayName,
          note: `已形成民意立项 ${project?.code ?? ''}，待街道审批立项`,
          done: false,
        });
      }
    }
    await updateMeeting(tx, meeting.id, {
      status: 'held',
      heldAt,
      minutes: input.minutes,
      attendance: input.attendance,
      presentCount: input.attendance.filter((a) => a.present).length,
      recordedByLabel: principal.displayName,
      recordedAt: new Date(),
    });
    await appendAudit(tx, {
      districtCode: meeting.districtCode,
      actor: { id: principal.userId, label: principal.username },
      action: 'consultation_meeting.record',
      targetType: 'consultation_meeting',
      targetId: meeting.id,
      details: {
        heldAt: heldAt.toISOString(),
        present: input.attendance.filter((a) => a.present).length,
        resolutions: input.resolutions.length,
      },
      requestId: options.requestId ?? null,
    });
    return (await getMeeting(tx, meeting.id)) as MeetingRow;
  });
}

function checkResolutionsCoverAgenda(
  topics: readonly TopicRow[],
  resolutions: readonly ResolutionInput[],
): void {
  const named = resolutions.map((r) => r.topicId).filter((id): id is string => Boolean(id));
  const strangers = named.filter((id) => !topics.some((t) => t.id === id));
  if (strangers.length > 0) {
    throw new AppError('VALIDATION_FAILED', '决议所涉议题不在本次会议议程中 (topic not on the agenda)', {
      ids: strangers,
    });
  }
  const twice = named.filter((id, i) => named.indexOf(id) !== i);
  if (twice.length > 0) {
    throw new AppError('VALIDATION_FAILED', '每个议题只能形成一项决议 (one resolution per topic)', {
      ids: twice,
    });
  }
  const open = topics.filter((t) => !named.includes(t.id));
  if (open.length > 0) {
    throw new AppError(
      'AGENDA_UNRESOLVED',
      `以下议题尚未形成决议：${open.map((t) => t.title).join('、')} (agenda topics without a resolution)`,
      { ids: open.map((t) => t.id) },
    );
  }
}

/** A party member named on the sign-in sheet must be registered at this community (报到党员). */
async function checkAttendance(tx: Db, meeting: MeetingRow, attendance: RecordMeetingInput['attendance']) {
  const named = attendance.map((a) => a.partyMemberId).filter((id): id is string => Boolean(id));
  if (named.length === 0) return;
  const registered = new Set((await listRegisteredPartyMembers(tx, meeting.communityId)).map((m) => m.id));
  const strangers = named.filter((id) => !registered.has(id));
  if (strangers.length > 0) {
    throw new AppError('VALIDATION_FAILED', '参会党员须为在本社区报到的党员 (member not registered here)', {
      ids: strangers,
    });
  }
}

/** The project a `project` resolution stands for: the one put to consultation, or a new one. */
async function projectFor(
  tx: Db,
  principal: Principal,
  f: {
    meeting: MeetingRow;
    community: OrgUnitRow;
    topic: TopicRow | null;
    resolutionId: string;
    r: ResolutionInput;
    owner: OrgUnitRow;
  },
): Promise<string> {
  const consulted = {
    type: 'consulted' as const,
    note: f.r.content,
    data: { meetingId: f.meeting.id, resolutionId: f.resolutionId, topicId: f.topic?.id ?? null },
  };
  const actor = { id: principal.userId, label: principal.username };
  if (f.topic?.projectId) {
    const project = await getProject(tx, f.topic.projectId, { forUpdate: true });
    if (!project)
      throw new AppError('NOT_FOUND', `议题所属项目不存在：${f.topic.projectId} (project not found)`);
    await recordProjectSteps(tx, project, [consulted], {
      actor,
      auditAction: 'opinion_project.consulted',
      columns: { meetingId: f.meeting.id, resolutionId: f.resolutionId },
    });
    return project.id;
  }
  const title = f.r.projectTitle ?? f.topic?.title;
  if (!title) throw new AppError('VALIDATION_FAILED', '立项决议须给出项目名称 (project title required)');
  const project = await insertNewProject(tx, {
    principal,
    unit: f.community,
    title,
    description: f.topic?.description ?? f.r.content,
    demandIds: f.topic?.demandIds ?? [],
    topicIds: f.topic ? [f.topic.id] : [],
    ownerUnit: f.owner.id === f.community.id ? null : f.owner,
    budgetYuan: f.r.budgetYuan,
    followedBy: [consulted],
    meetingId: f.meeting.id,
    resolutionId: f.resolutionId,
  });
  return project.id;
}

/** A project put to consultation that the meeting did not adopt as a project ends there (撤销, with why). */
async function closeUnadoptedProject(tx: Db, principal: Principal, projectId: string, content: string) {
  const project = await getProject(tx, projectId, { forUpdate: true });
  if (!project || !['collecting', 'consulting'].includes(project.status)) return;
  const reason = `议事协商未予立项：${content}`;
  await recordProjectSteps(tx, project, [{ type: 'cancelled', note: reason, data: { reason } }], {
    actor: { id: principal.userId, label: principal.username },
    auditAction: 'opinion_project.not_adopted',
  });
}
