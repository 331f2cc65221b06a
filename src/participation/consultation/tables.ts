import { sql } from 'drizzle-orm';
import {
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

/**
 * 议事协商 (社区议事园): topics residents propose and support, consultation meetings with attendance and
 * minutes, resolutions with owners and their follow-up until done.
 */

/** Supports a proposal needs when the district has set nothing (a district admin changes it). */
export const DEFAULT_TOPIC_SUPPORT_THRESHOLD = 10;

/** Per-district settings a city sets differently (rules as data, not literals). */
export const participationSettings = pgTable('participation_settings', {
  districtCode: text('district_code').primaryKey(),
  /** Supports (附议) a resident's proposal needs to become a consultation topic. */
  topicSupportThreshold: integer('topic_support_threshold')
    .notNull()
    .default(DEFAULT_TOPIC_SUPPORT_THRESHOLD),
  updatedByLabel: text('updated_by_label'),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** A proposal (居民提议); once enough residents support it, a topic (议题) for the next meeting. */
export const consultationTopics = pgTable(
  'consultation_topics',
  {
    id: uuid('id').primaryKey(),
    districtCode: text('district_code').notNull(),
    code: text('code').notNull(),
    communityId: uuid('community_id').notNull(),
    communityCode: text('community_code').notNull(),
    communityName: text('community_name').notNull(),
    communityPath: text('community_path').notNull(),
    title: text('title').notNull(),
    description: text('description').notNull(),
    /** resident: a resident's proposal gathering supports; project: a 民意立项 put to consultation. */
    origin: text('origin', { enum: ['resident', 'project'] }).notNull(),
    /** Personal data (PIPL): masked in lists, revealed to allowed roles and audited. */
    proposerName: text('proposer_name'),
    proposerPhone: text('proposer_phone'),
    demandIds: jsonb('demand_ids').$type<string[]>().notNull().default(sql`'[]'::jsonb`),
    projectId: uuid('project_id'),
    /** The threshold in force when proposed (a later settings change does not move it). */
    supportThreshold: integer('support_threshold').notNull(),
    supportCount: integer('support_count').notNull().default(0),
    status: text('status', {
      enum: ['collecting', 'topic', 'scheduled', 'resolved', 'not_adopted', 'withdrawn'],
    }).notNull(),
    becameTopicAt: timestamp('became_topic_at', { withTimezone: true }),
    meetingId: uuid('meeting_id'),
    createdByLabel: text('created_by_label').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('consultation_topics_code_uq').on(t.code),
    index('consultation_topics_community_idx').on(t.communityPath.op('text_pattern_ops'), t.status),
  ],
);

/** One resident's support (附议) of a topic: once per person (phone, else name + household). */
export const consultationSupports = pgTable(
  'consultation_supports',
  {
    id: uuid('id').primaryKey(),
    districtCode: text('district_code').notNull(),
    topicId: uuid('topic_id')
      .notNull()
      .references(() => consultationTopics.id),
    supporterName: text('supporter_name').notNull(),
    supporterPhone: text('supporter_phone'),
    household: text('household'),
    supporterKey: text('supporter_key').notNull(),
    createdByLabel: text('created_by_label').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('consultation_supports_uq').on(t.topicId, t.supporterKey)],
);

/** One attendee as the sign-in sheet lists them. Personal data: masked in lists. */
export interface Attendee {
  name: string;
  category: 'resident_rep' | 'resident' | 'party_member' | 'unit' | 'staff' | 'other';
  present: boolean;
  partyMemberId?: string | null | undefined;
  organisation?: string | null | undefined;
}

/** A consultation meeting (议事会、协调会、听证会、评议会) of a community. */
export const consultationMeetings = pgTable(
  'consultation_meetings',
  {
    id: uuid('id').primaryKey(),
    districtCode: text('district_code').notNull(),
    communityId: uuid('community_id').notNull(),
    communityCode: text('community_code').notNull(),
    communityName: text('community_name').notNull(),
    communityPath: text('community_path').notNull(),
    kind: text('kind', { enum: ['deliberation', 'coordination', 'hearing', 'evaluation'] }).notNull(),
    title: text('title').notNull(),
    plannedAt: timestamp('planned_at', { withTimezone: true }).notNull(),
    place: text('place'),
    host: text('host'),
    topicIds: jsonb('topic_ids').$type<string[]>().notNull().default(sql`'[]'::jsonb`),
    status: text('status', { enum: ['scheduled', 'held', 'cancelled'] }).notNull(),
    heldAt: timestamp('held_at', { withTimezone: true }),
    minutes: text('minutes'),
    attendance: jsonb('attendance').$type<Attendee[]>().notNull().default(sql`'[]'::jsonb`),
    presentCount: integer('present_count').notNull().default(0),
    cancelReason: text('cancel_reason'),
    createdByLabel: text('created_by_label').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    recordedByLabel: text('recorded_by_label'),
    recordedAt: timestamp('recorded_at', { withTimezone: true }),
  },
  (t) => [
    index('consultation_meetings_community_idx').on(t.communityPath.op('text_pattern_ops')),
    index('consultation_meetings_held_idx').on(t.districtCode, t.heldAt),
  ],
);

/** What a meeting decided on a topic (or on its own): an owner, a due date, follow-up until done. */
export const consultationResolutions = pgTable(
  'consultation_resolutions',
  {
    id: uuid('id').primaryKey(),
    districtCode: text('district_code').notNull(),
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => consultationMeetings.id),
    topicId: uuid('topic_id'),
    communityPath: text('community_path').notNull(),
    seq: integer('seq').notNull(),
    content: text('content').notNull(),
    decision: text('decision', { enum: ['adopted', 'not_adopted'] }).notNull(),
    /** project: 民意立项 follows; task: a matter handed to its owner (交办). */
    kind: text('kind', { enum: ['project', 'task'] }).notNull(),
    ownerUnitId: uuid('owner_unit_id'),
    ownerUnitName: text('owner_unit_name'),
    ownerPath: text('owner_path'),
    /** The person answerable (责任人), by name. */
    ownerName: text('owner_name').notNull(),
    dueOn: date('due_on', { mode: 'string' }),
    status: text('status', { enum: ['open', 'in_progress', 'done'] }).notNull(),
    projectId: uuid('project_id'),
    doneAt: timestamp('done_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('consultation_resolutions_seq_uq').on(t.meetingId, t.seq),
    index('consultation_resolutions_community_idx').on(t.communityPath.op('text_pattern_ops'), t.status),
    index('consultation_resolutions_owner_idx').on(t.ownerPath.op('text_pattern_ops')),
  ],
);

/** One follow-up (跟踪落实) of a resolution; `done` closes it. */
export const consultationFollowUps = pgTable(
  'consultation_follow_ups',
  {
    id: uuid('id').primaryKey(),
    districtCode: text('district_code').notNull(),
    resolutionId: uuid('resolution_id')
      .notNull()
      .references(() => consultationResolutions.id),
    at: timestamp('at', { withTimezone: true }).notNull(),
    actorLabel: text('actor_label').notNull(),
    note: text('note').notNull(),
    done: boolean('done').notNull().default(false),
  },
  (t) => [index('consultation_follow_ups_resolution_idx').on(t.resolutionId)],
);

export type ParticipationSettingsRow = typeof participationSettings.$inferSelect;
export type TopicRow = typeof consultationTopics.$inferSelect;
export type SupportRow = typeof consultationSupports.$inferSelect;
export type MeetingRow = typeof consultationMeetings.$inferSelect;
export type ResolutionRow = typeof consultationResolutions.$inferSelect;
export type FollowUpRow = typeof consultationFollowUps.$inferSelect;
