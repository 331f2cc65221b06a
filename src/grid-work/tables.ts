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
 * Grid work (网格化管理): posts on grids, the patrol log and its monthly signature, grid events with
 * their closed loop, and the monthly problems register. Unit codes, names and paths are copied onto
 * the rows, so scoping is a prefix test on this module's own tables.
 */

/** Who holds a post on a grid (网格员, 街巷长, 楼栋长) or in a community (社区党委书记, who signs). */
export const gridAssignments = pgTable(
  'grid_assignments',
  {
    id: uuid('id').primaryKey(),
    districtCode: text('district_code').notNull(),
    /** The grid for grid posts, the community for the party secretary. */
    unitId: uuid('unit_id').notNull(),
    unitCode: text('unit_code').notNull(),
    unitName: text('unit_name').notNull(),
    unitPath: text('unit_path').notNull(),
    communityId: uuid('community_id').notNull(),
    post: text('post', {
      enum: ['grid_worker', 'street_lane_chief', 'building_chief', 'party_secretary'],
    }).notNull(),
    /** A staff account; 街巷长/楼栋长 may be residents without one (name only). */
    userId: uuid('user_id'),
    personName: text('person_name').notNull(),
    /** Personal data: masked in lists. */
    phone: text('phone'),
    /** The lane or building a 街巷长/楼栋长 looks after. */
    area: text('area'),
    startedOn: text('started_on').notNull(),
    createdByLabel: text('created_by_label').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    endedAt: timestamp('ended_at', { withTimezone: true }),
    endedByLabel: text('ended_by_label'),
  },
  (t) => [
    index('grid_assignments_path_idx').on(t.unitPath.op('text_pattern_ops')),
    index('grid_assignments_user_idx').on(t.userId),
    uniqueIndex('grid_assignments_active_user_uq')
      .on(t.unitId, t.post, t.userId)
      .where(sql`ended_at IS NULL AND user_id IS NOT NULL`),
    uniqueIndex('grid_assignments_one_secretary_uq')
      .on(t.unitId)
      .where(sql`ended_at IS NULL AND post = 'party_secretary'`),
  ],
);

/** One day of a grid worker in one grid (网格工作纪实): hours, households visited, findings. */
export const patrolEntries = pgTable(
  'patrol_entries',
  {
    id: uuid('id').primaryKey(),
    districtCode: text('district_code').notNull(),
    workerId: uuid('worker_id').notNull(),
    workerName: text('worker_name').notNull(),
    gridId: uuid('grid_id').notNull(),
    gridCode: text('grid_code').notNull(),
    gridName: text('grid_name').notNull(),
    gridPath: text('grid_path').notNull(),
    communityId: uuid('community_id').notNull(),
    /** Beijing civil date `YYYY-MM-DD` and its month `YYYY-MM` (the sheet it belongs to). */
    date: text('date').notNull(),
    month: text('month').notNull(),
    hours: doublePrecision('hours').notNull(),
    householdsVisited: integer('households_visited').notNull(),
    findings: text('findings').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('patrol_entries_day_uq').on(t.workerId, t.gridId, t.date),
    index('patrol_entries_sheet_idx').on(t.communityId, t.month),
  ],
);

/** A community's signed month: once this row exists the month's entries are frozen. */
export const patrolSheets = pgTable(
  'patrol_sheets',
  {
    id: uuid('id').primaryKey(),
    districtCode: text('district_code').notNull(),
    communityId: uuid('community_id').notNull(),
    communityPath: text('community_path').notNull(),
    month: text('month').notNull(),
    signedById: uuid('signed_by_id').notNull(),
    signedByName: text('signed_by_name').notNull(),
    signerTitle: text('signer_title').notNull(),
    /** 签署意见 */
    opinion: text('opinion').notNull(),
    /** SHA-256 of the entries as signed: a later change to them is detectable. */
    contentHash: text('content_hash').notNull(),
    entryCount: integer('entry_count').notNull(),
    signedAt: timestamp('signed_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('patrol_sheets_month_uq').on(t.communityId, t.month)],
);

/**
 * A grid event (网格事件). Its truth is `grid_event_steps`; the columns from `status` down are a cache
 * of the folded steps written in the same transaction (see event-lifecycle.ts).
 */
export const gridEvents = pgTable(
  'grid_events',
  {
    id: uuid('id').primaryKey(),
    districtCode: text('district_code').notNull(),
    code: text('code').notNull(),
    kind: text('kind', { enum: ['component', 'event'] }).notNull(),
    categoryCode: text('category_code').notNull(),
    categoryName: text('category_name').notNull(),
    description: text('description').notNull(),
    address: text('address'),
    lng: doublePrecision('lng'),
    lat: doublePrecision('lat'),
    gridId: uuid('grid_id').notNull(),
    gridCode: text('grid_code').notNull(),
    /** The grid's path: the location side of scope. */
    locationPath: text('location_path').notNull(),
    communityId: uuid('community_id').notNull(),
    reporterId: uuid('reporter_id'),
    reporterLabel: text('reporter_label').notNull(),
    photos: jsonb('photos').$type<AttachmentRef[]>().notNull().default(sql`'[]'::jsonb`),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    // --- cache of the folded steps ---
    status: text('status').notNull(),
    ownerPath: text('owner_path').notNull(),
    handlerPath: text('handler_path'),
    dueAt: timestamp('due_at', { withTimezone: true }),
    demandId: uuid('demand_id'),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    stepCount: integer('step_count').notNull().default(0),
    state: jsonb('state').$type<Record<string, unknown>>().notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('grid_events_code_uq').on(t.code),
    index('grid_events_status_idx').on(t.districtCode, t.status),
    index('grid_events_location_idx').on(t.locationPath.op('text_pattern_ops')),
    index('grid_events_owner_idx').on(t.ownerPath.op('text_pattern_ops')),
    index('grid_events_handler_idx').on(t.handlerPath.op('text_pattern_ops')),
    index('grid_events_created_idx').on(t.districtCode, t.createdAt),
  ],
);

/** The append-only steps of a grid event: 上报 → 立案 → 派遣 → 处置 → 核查 → 结案, rework, … */
export const gridEventSteps = pgTable(
  'grid_event_steps',
  {
    id: uuid('id').primaryKey(),
    districtCode: text('district_code').notNull(),
    eventId: uuid('event_id')
      .notNull()
      .references(() => gridEvents.id),
    seq: integer('seq').notNull(),
    type: text('type').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    actorId: uuid('actor_id'),
    actorLabel: text('actor_label').notNull(),
    unitId: uuid('unit_id'),
    note: text('note'),
    data: jsonb('data').$type<Record<string, unknown>>().notNull(),
  },
  (t) => [
    uniqueIndex('grid_event_steps_seq_uq').on(t.eventId, t.seq),
    index('grid_event_steps_type_idx').on(t.districtCode, t.type, t.at),
  ],
);

/** 网格反映问题和意见建议交办登记表: one per community and month, submitted, then signed off by the street. */
export const problemRegisters = pgTable(
  'problem_registers',
  {
    id: uuid('id').primaryKey(),
    districtCode: text('district_code').notNull(),
    communityId: uuid('community_id').notNull(),
    communityPath: text('community_path').notNull(),
    month: text('month').notNull(),
    status: text('status', { enum: ['draft', 'submitted', 'signed_off'] }).notNull(),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    submittedByLabel: text('submitted_by_label'),
    signedOffAt: timestamp('signed_off_at', { withTimezone: true }),
    /** The street's principal leader who signed (签批), as written by the 党政办 recording it. */
    signedOffLeader: text('signed_off_leader'),
    signedOffByLabel: text('signed_off_by_label'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('problem_registers_month_uq').on(t.communityId, t.month)],
);

/** One line of the register: a grouped problem or a suggestion; major ones go to the street at once. */
export const problemItems = pgTable(
  'problem_items',
  {
    id: uuid('id').primaryKey(),
    districtCode: text('district_code').notNull(),
    /** Null for a major item (特殊重大情况即报即办): it does not wait for the month's register. */
    registerId: uuid('register_id').references(() => problemRegisters.id),
    communityId: uuid('community_id').notNull(),
    communityPath: text('community_path').notNull(),
    month: text('month').notNull(),
    kind: text('kind', { enum: ['problem', 'suggestion'] }).notNull(),
    content: text('content').notNull(),
    gridEventIds: jsonb('grid_event_ids').$type<string[]>().notNull().default(sql`'[]'::jsonb`),
    gridCode: text('grid_code'),
    reportedById: uuid('reported_by_id'),
    reportedByLabel: text('reported_by_label').notNull(),
    major: boolean('major').notNull().default(false),
    status: text('status', { enum: ['draft', 'submitted', 'assigned', 'resolved'] }).notNull(),
    /** 包办领导 */
    responsibleLeader: text('responsible_leader'),
    /** The street leader who signed the assignment (签批), as recorded by the 党政办. */
    approvedBy: text('approved_by'),
    assignedAt: timestamp('assigned_at', { withTimezone: true }),
    assignedByLabel: text('assigned_by_label'),
    result: text('result'),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('problem_items_month_idx').on(t.communityId, t.month),
    index('problem_items_register_idx').on(t.registerId),
    index('problem_items_path_idx').on(t.communityPath.op('text_pattern_ops')),
  ],
);

export type GridAssignmentRow = typeof gridAssignments.$inferSelect;
export type PatrolEntryRow = typeof patrolEntries.$inferSelect;
export type PatrolSheetRow = typeof patrolSheets.$inferSelect;
export type GridEventRow = typeof gridEvents.$inferSelect;
export type GridEventStepRow = typeof gridEventSteps.$inferSelect;
export type ProblemRegisterRow = typeof problemRegisters.$inferSelect;
export type ProblemItemRow = typeof problemItems.$inferSelect;
