import { sql } from 'drizzle-orm';
import {
  date,
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

/**
 * 民意立项: a project residents asked for. Its truth is `opinion_project_steps` (append-only); the
 * project's status, rolled-up progress and the milestone rows are a cache of the folded steps written
 * in the same transaction (ARCHITECTURE rule 7).
 */
export const opinionProjects = pgTable(
  'opinion_projects',
  {
    id: uuid('id').primaryKey(),
    districtCode: text('district_code').notNull(),
    code: text('code').notNull(),
    /** A sub-project's parent; no foreign key so a backup restores rows in any order. */
    parentId: uuid('parent_id'),
    /** The community (or street) whose residents it serves: the scope side. */
    unitId: uuid('unit_id').notNull(),
    unitCode: text('unit_code').notNull(),
    unitName: text('unit_name').notNull(),
    unitPath: text('unit_path').notNull(),
    title: text('title').notNull(),
    description: text('description').notNull(),
    /** The implementing unit (a department, resident unit, the community itself …), when named. */
    ownerUnitId: uuid('owner_unit_id'),
    ownerUnitName: text('owner_unit_name'),
    ownerPath: text('owner_path'),
    budgetYuan: integer('budget_yuan'),
    /** This project's weight in its parent's roll-up. */
    weight: integer('weight').notNull().default(1),
    /** Where it came from: 12345 demands, consultation topics, the meeting and resolution. */
    demandIds: jsonb('demand_ids').$type<string[]>().notNull().default(sql`'[]'::jsonb`),
    topicIds: jsonb('topic_ids').$type<string[]>().notNull().default(sql`'[]'::jsonb`),
    meetingId: uuid('meeting_id'),
    resolutionId: uuid('resolution_id'),
    createdByLabel: text('created_by_label').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    // --- cache of the folded steps ---
    status: text('status').notNull(),
    /** Rolled up over milestones and sub-projects, 0–100. */
    progress: integer('progress').notNull().default(0),
    satisfaction: doublePrecision('satisfaction'),
    stepCount: integer('step_count').notNull().default(0),
    state: jsonb('state').$type<Record<string, unknown>>().notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('opinion_projects_code_uq').on(t.code),
    index('opinion_projects_unit_idx').on(t.unitPath.op('text_pattern_ops')),
    index('opinion_projects_parent_idx').on(t.parentId),
  ],
);

export const opinionProjectSteps = pgTable(
  'opinion_project_steps',
  {
    id: uuid('id').primaryKey(),
    districtCode: text('district_code').notNull(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => opinionProjects.id),
    seq: integer('seq').notNull(),
    type: text('type').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    actorId: uuid('actor_id'),
    actorLabel: text('actor_label').notNull(),
    note: text('note'),
    data: jsonb('data').$type<Record<string, unknown>>().notNull(),
  },
  (t) => [uniqueIndex('opinion_project_steps_seq_uq').on(t.projectId, t.seq)],
);

/** A milestone of the implementation plan (cache of the steps). */
export const opinionProjectMilestones = pgTable(
  'opinion_project_milestones',
  {
    id: uuid('id').primaryKey(),
    districtCode: text('district_code').notNull(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => opinionProjects.id),
    seq: integer('seq').notNull(),
    title: text('title').notNull(),
    dueOn: date('due_on', { mode: 'string' }),
    weight: integer('weight').notNull(),
    progress: integer('progress').notNull().default(0),
    doneAt: timestamp('done_at', { withTimezone: true }),
    lastNote: text('last_note'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('opinion_project_milestones_seq_uq').on(t.projectId, t.seq)],
);

export type OpinionProjectRow = typeof opinionProjects.$inferSelect;
export type OpinionProjectStepRow = typeof opinionProjectSteps.$inferSelect;
export type MilestoneRow = typeof opinionProjectMilestones.$inferSelect;
