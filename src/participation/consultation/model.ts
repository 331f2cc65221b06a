import { z } from 'zod';
import { civilDate, communityCode, personName, phone } from '../model.ts';

export const MEETING_KINDS = ['deliberation', 'coordination', 'hearing', 'evaluation'] as const;
export const MEETING_KIND_NAMES: Record<(typeof MEETING_KINDS)[number], string> = {
  deliberation: '议事会',
  coordination: '协调会',
  hearing: '听证会',
  evaluation: '评议会',
};

export const TOPIC_STATUS_NAMES = {
  collecting: '征集附议中',
  topic: '待上会',
  scheduled: '已列入议程',
  resolved: '已形成决议',
  not_adopted: '未予采纳',
  withdrawn: '已撤回',
} as const;

export const ATTENDEE_CATEGORIES = [
  'resident_rep',
  'resident',
  'party_member',
  'unit',
  'staff',
  'other',
] as const;

/** 居民提议: a resident's proposal, recorded by the community or a grid worker. */
export const ProposeTopicInput = z.object({
  communityCode,
  title: z.string().trim().min(4, '议题名称至少 4 个字').max(100),
  description: z.string().trim().min(10, '请具体说明事由，至少 10 个字').max(5000),
  proposerName: personName,
  proposerPhone: phone.nullish(),
  /** 12345 demands (tracking codes) that show the same need. */
  demandCodes: z.array(z.string().trim().min(4).max(20)).max(20).default([]),
});
export type ProposeTopicInput = z.input<typeof ProposeTopicInput>;

/** 附议: one resident supports a proposal (once per phone, else per name and household). */
export const SupportTopicInput = z.object({
  name: personName,
  phone: phone.nullish(),
  household: z.string().trim().max(50).nullish().describe('楼门号/户'),
});
export type SupportTopicInput = z.input<typeof SupportTopicInput>;

/** Why a proposal is withdrawn. */
export const WithdrawTopicInput = z.object({ reason: z.string().trim().min(2, '请说明理由').max(500) });

/** 召集议事会: when, where, who hosts and the topics on the agenda. */
export const ScheduleMeetingInput = z.object({
  communityCode,
  kind: z.enum(MEETING_KINDS).default('deliberation'),
  title: z.string().trim().min(4, '会议名称至少 4 个字').max(100),
  plannedAt: z.iso.datetime({ offset: true }),
  place: z.string().trim().max(100).nullish(),
  host: z.string().trim().max(50).nullish(),
  topicIds: z.array(z.uuid()).max(20).default([]),
});
export type ScheduleMeetingInput = z.input<typeof ScheduleMeetingInput>;

/** One line of the sign-in sheet (a registered member may be named by id). */
export const AttendeeInput = z.object({
  name: personName,
  category: z.enum(ATTENDEE_CATEGORIES),
  present: z.boolean().default(true),
  partyMemberId: z.uuid().nullish(),
  organisation: z.string().trim().max(100).nullish(),
});

/** What the meeting decided: on an agenda topic (or on its own), with an owner and a due date. */
export const ResolutionInput = z
  .object({
    topicId: z.uuid().nullish(),
    content: z.string().trim().min(4, '请填写决议内容').max(2000),
    decision: z.enum(['adopted', 'not_adopted']).default('adopted'),
    /** project: 民意立项 follows; task: handed to its owner (交办). */
    kind: z.enum(['project', 'task']).default('task'),
    ownerUnitCode: z.string().trim().min(6).max(20).nullish(),
    ownerName: personName,
    dueOn: civilDate.nullish(),
    dueWithinWorkingDays: z.number().int().min(1).max(250).nullish(),
    /** For a project: its name and budget if the meeting set them (else the topic's title). */
    projectTitle: z.string().trim().min(4).max(100).nullish(),
    budgetYuan: z.number().int().min(0).max(1_000_000_000).nullish(),
  })
  .refine((r) => !(r.dueOn && r.dueWithinWorkingDays), {
    message: '办理时限只能以日期或工作日数之一给出',
    path: ['dueOn'],
  })
  .refine((r) => r.kind !== 'project' || r.decision === 'adopted', {
    message: '未予采纳的议题不能立项',
    path: ['kind'],
  });
export type ResolutionInput = z.input<typeof ResolutionInput>;

/** 会议记录: held when, who signed in, the minutes and one resolution per agenda topic. */
export const RecordMeetingInput = z.object({
  heldAt: z.iso.datetime({ offset: true }),
  minutes: z.string().trim().min(10, '会议纪要至少 10 个字').max(20_000),
  attendance: z.array(AttendeeInput).min(1, '请登记参会人员').max(500),
  resolutions: z.array(ResolutionInput).max(50).default([]),
});
export type RecordMeetingInput = z.input<typeof RecordMeetingInput>;

/** Why a meeting is called off. */
export const CancelMeetingInput = z.object({ reason: z.string().trim().min(2, '请说明理由').max(500) });

/** 跟踪落实: what was done; `done` closes the resolution. */
export const FollowUpInput = z.object({
  note: z.string().trim().min(2, '请填写落实情况').max(2000),
  done: z.boolean().default(false),
});
export type FollowUpInput = z.input<typeof FollowUpInput>;

/** The district’s consultation settings. */
export const SettingsInput = z.object({
  topicSupportThreshold: z.number().int().min(1).max(10_000),
});
export type SettingsInput = z.input<typeof SettingsInput>;
