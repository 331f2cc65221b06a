import { sql } from 'drizzle-orm';
import {
  boolean,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import type { AttachmentRef } from '../core/files/attach-files.ts';

/**
 * 吹哨报到. A whistle's truth is `whistle_steps`; the whistle's status columns and every
 * `whistle_summons` row are a cache of the folded steps, written in the same transaction, so the
 * per-department measures are plain SQL over the summons.
 */
export const whistles = pgTable(
  'whistles',
  {
    id: uuid('id').primaryKey(),
    districtCode: text('district_code').notNull(),
    code: text('code').notNull(),
    /** Who blew it: a street (街乡吹哨) or a community (社区吹哨). */
    level: text('level', { enum: ['street', 'community'] }).notNull(),
    blowerUnitId: uuid('blower_unit_id').notNull(),
    blowerUnitName: text('blower_unit_name').notNull(),
    blowerPath: text('blower_path').notNull(),
    title: text('title').notNull(),
    description: text('description').notNull(),
    address: text('address'),
    lng: doublePrecision('lng'),
    lat: doublePrecision('lat'),
    reportDueAt: timestamp('report_due_at', { withTimezone: true }).notNull(),
    actDueAt: timestamp('act_due_at', { withTimezone: true }).notNull(),
    demandIds: jsonb('demand_ids').$type<string[]>().notNull().default(sql`'[]'::jsonb`),
    gridEventIds: jsonb('grid_event_ids').$type<string[]>().notNull().default(sql`'[]'::jsonb`),
    attachments: jsonb('attachments').$type<AttachmentRef[]>().notNull().default(sql`'[]'::jsonb`),
    createdById: uuid('created_by_id'),
    createdByLabel: text('created_by_label').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    // --- cache of the folded steps ---
    status: text('status').notNull(),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    stepCount: integer('step_count').notNull().default(0),
    state: jsonb('state').$type<Record<string, unknown>>().notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('whistles_code_uq').on(t.code),
    index('whistles_blower_idx').on(t.blowerPath.op('text_pattern_ops')),
    index('whistles_created_idx').on(t.districtCode, t.createdAt),
  ],
);

/** The append-only steps: blown, summons added, check-ins, actions, closed with ratings, cancelled. */
export const whistleSteps = pgTable(
  'whistle_steps',
  {
    id: uuid('id').primaryKey(),
    districtCode: text('district_code').notNull(),
    whistleId: uuid('whistle_id')
      .notNull()
      .references(() => whistles.id),
    seq: integer('seq').notNull(),
    type: text('type').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    actorId: uuid('actor_id'),
    actorLabel: text('actor_label').notNull(),
    note: text('note'),
    data: jsonb('data').$type<Record<string, unknown>>().notNull(),
  },
  (t) => [uniqueIndex('whistle_steps_seq_uq').on(t.whistleId, t.seq)],
);

/** One summoned unit or party member of a whistle, with its check-in and rating (cache). */
export const whistleSummons = pgTable(
  'whistle_summons',
  {
    id: uuid('id').primaryKey(),
    districtCode: text('district_code').notNull(),
    whistleId: uuid('whistle_id')
      .notNull()
      .references(() => whistles.id),
    targetKind: text('target_kind', { enum: ['unit', 'party_member'] }).notNull(),
    unitId: uuid('unit_id'),
    memberId: uuid('member_id'),
    targetCode: text('target_code'),
    targetName: text('target_name').notNull(),
    /** The summoned unit's path (a member: the community's), the summoned side of scope. */
    targetPath: text('target_path').notNull(),
    /** Copies of the whistle's facts, so measures need no join. */
    blownAt: timestamp('blown_at', { withTimezone: true }).notNull(),
    reportDueAt: timestamp('report_due_at', { withTimezone: true }).notNull(),
    whistleStatus: text('whistle_status').notNull(),
    checkedInAt: timestamp('checked_in_at', { withTimezone: true }),
    late: boolean('late').notNull().default(false),
    actionCount: integer('action_count').notNull().default(0),
    ratingScore: integer('rating_score'),
    ratingComment: text('rating_comment'),
    ratedAt: timestamp('rated_at', { withTimezone: true }),
  },
  (t) => [
    index('whistle_summons_whistle_idx').on(t.whistleId),
    index('whistle_summons_target_idx').on(t.targetPath.op('text_pattern_ops')),
    index('whistle_summons_blown_idx').on(t.districtCode, t.blownAt),
  ],
);

/**
 * Party members a community can summon (党员报到). A plain registry for now: the dual-registration
 * capability (在职党员双报到) will own party members; whistles reach them only through
 * party-members.ts, the seam it will replace.
 */
export const whistlePartyMembers = pgTable(
  'whistle_party_members',
  {
    id: uuid('id').primaryKey(),
    districtCode: text('district_code').notNull(),
    communityId: uuid('community_id').notNull(),
    communityPath: text('community_path').notNull(),
    name: text('name').notNull(),
    /** Personal data: masked in lists. */
    phone: text('phone'),
    /** 在职单位 */
    workUnit: text('work_unit'),
    /** When the member has a staff account, they may check in themselves. */
    userId: uuid('user_id'),
    active: boolean('active').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('whistle_party_members_path_idx').on(t.communityPath.op('text_pattern_ops'))],
);

export type WhistleRow = typeof whistles.$inferSelect;
export type WhistleStepRow = typeof whistleSteps.$inferSelect;
export type WhistleSummonsRow = typeof whistleSummons.$inferSelect;
export type PartyMemberRow = typeof whistlePartyMembers.$inferSelect;
