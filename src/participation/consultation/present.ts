import { z } from 'zod';
import { maskName, maskPhone } from '../../core/privacy.ts';
import { beijingDate } from '../periods.ts';
import { MEETING_KIND_NAMES, TOPIC_STATUS_NAMES } from './model.ts';
import type { FollowUpRow, MeetingRow, ResolutionRow, SupportRow, TopicRow } from './tables.ts';

/** A proposal or topic as lists show it (the proposer masked). */
export const TopicView = z.object({
  id: z.string(),
  code: z.string(),
  community: z.object({ code: z.string(), name: z.string() }),
  title: z.string(),
  description: z.string(),
  origin: z.enum(['resident', 'project']),
  proposerName: z.string().nullable(),
  proposerPhone: z.string().nullable(),
  demandIds: z.array(z.string()),
  projectId: z.string().nullable(),
  supportThreshold: z.number(),
  supportCount: z.number(),
  status: z.string(),
  statusName: z.string(),
  becameTopicAt: z.string().nullable(),
  meetingId: z.string().nullable(),
  createdAt: z.string(),
});
export type TopicView = z.infer<typeof TopicView>;

/** A topic as lists show it: the proposer's name and phone masked. */
export function presentTopic(t: TopicRow): TopicView {
  return {
    id: t.id,
    code: t.code,
    community: { code: t.communityCode, name: t.communityName },
    title: t.title,
    description: t.description,
    origin: t.origin,
    proposerName: maskName(t.proposerName),
    proposerPhone: maskPhone(t.proposerPhone),
    demandIds: t.demandIds,
    projectId: t.projectId,
    supportThreshold: t.supportThreshold,
    supportCount: t.supportCount,
    status: t.status,
    statusName: TOPIC_STATUS_NAMES[t.status],
    becameTopicAt: t.becameTopicAt?.toISOString() ?? null,
    meetingId: t.meetingId,
    createdAt: t.createdAt.toISOString(),
  };
}

/** A support as the topic’s detail shows it (masked). */
export const presentSupport = (s: SupportRow) => ({
  id: s.id,
  name: maskName(s.supporterName),
  phone: maskPhone(s.supporterPhone),
  household: s.household,
  at: s.createdAt.toISOString(),
});

/** A resolution with its follow-ups and whether it is overdue. */
export const ResolutionView = z.object({
  id: z.string(),
  meetingId: z.string(),
  topicId: z.string().nullable(),
  seq: z.number(),
  content: z.string(),
  decision: z.enum(['adopted', 'not_adopted']),
  kind: z.enum(['project', 'task']),
  ownerUnitName: z.string().nullable(),
  ownerName: z.string(),
  dueOn: z.string().nullable(),
  overdue: z.boolean(),
  status: z.enum(['open', 'in_progress', 'done']),
  projectId: z.string().nullable(),
  doneAt: z.string().nullable(),
  followUps: z.array(z.object({ at: z.string(), by: z.string(), note: z.string(), done: z.boolean() })),
});
export type ResolutionView = z.infer<typeof ResolutionView>;

/** A resolution with its follow-ups; overdue when past its due day and not done. */
export function presentResolution(
  r: ResolutionRow,
  followUps: readonly FollowUpRow[],
  now = new Date(),
): ResolutionView {
  return {
    id: r.id,
    meetingId: r.meetingId,
    topicId: r.topicId,
    seq: r.seq,
    content: r.content,
    decision: r.decision,
    kind: r.kind,
    ownerUnitName: r.ownerUnitName,
    ownerName: r.ownerName,
    dueOn: r.dueOn,
    overdue: r.status !== 'done' && r.dueOn !== null && r.dueOn < beijingDate(now),
    status: r.status,
    projectId: r.projectId,
    doneAt: r.doneAt?.toISOString() ?? null,
    followUps: followUps
      .filter((f) => f.resolutionId === r.id)
      .map((f) => ({ at: f.at.toISOString(), by: f.actorLabel, note: f.note, done: f.done })),
  };
}

/** A meeting as lists and details show it (the sign-in sheet masked). */
export const MeetingView = z.object({
  id: z.string(),
  community: z.object({ code: z.string(), name: z.string() }),
  kind: z.string(),
  kindName: z.string(),
  title: z.string(),
  plannedAt: z.string(),
  place: z.string().nullable(),
  host: z.string().nullable(),
  topicIds: z.array(z.string()),
  status: z.enum(['scheduled', 'held', 'cancelled']),
  heldAt: z.string().nullable(),
  minutes: z.string().nullable(),
  presentCount: z.number(),
  attendance: z.array(
    z.object({
      name: z.string(),
      category: z.string(),
      present: z.boolean(),
      organisation: z.string().nullable(),
    }),
  ),
  cancelReason: z.string().nullable(),
  recordedBy: z.string().nullable(),
});
export type MeetingView = z.infer<typeof MeetingView>;

/** A meeting; the sign-in sheet's names masked. */
export function presentMeeting(m: MeetingRow): MeetingView {
  return {
    id: m.id,
    community: { code: m.communityCode, name: m.communityName },
    kind: m.kind,
    kindName: MEETING_KIND_NAMES[m.kind],
    title: m.title,
    plannedAt: m.plannedAt.toISOString(),
    place: m.place,
    host: m.host,
    topicIds: m.topicIds,
    status: m.status,
    heldAt: m.heldAt?.toISOString() ?? null,
    minutes: m.minutes,
    presentCount: m.presentCount,
    attendance: m.attendance.map((a) => ({
      name: maskName(a.name) ?? '',
      category: a.category,
      present: a.present,
      organisation: a.organisation ?? null,
    })),
    cancelReason: m.cancelReason,
    recordedBy: m.recordedByLabel,
  };
}
