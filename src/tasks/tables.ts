import { sql } from 'drizzle-orm';
import {
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { orgUnits } from '../jurisdiction/tables.ts';

/**
 * Supervision (督查督办) tables. Unit names, codes and paths are copied onto `task_units` when a link
 * is made, so scoping a task list is a prefix test on this module's own rows (no join into the
 * jurisdiction tables, and every row carries its district for the Citus path).
 */

/** One imported task-decomposition plan (任务分解方案) and its supervision settings. */
export const taskPlans = pgTable(
  'task_plans',
  {
    id: uuid('id').primaryKey(),
    districtCode: text('district_code').notNull(),
    title: text('title').notNull(),
    /** The pasted text, kept as the source of record; its SHA-256 refuses a second identical import. */
    sourceText: text('source_text').notNull(),
    sourceSha256: text('source_sha256').notNull(),
    /** The parser's warnings at import time, for the person who checks the plan. */
    warnings: jsonb('warnings').$type<string[]>().notNull().default(sql`'[]'::jsonb`),
    /** Who owns the plan: the district root's path (supervisors reach every task through it). */
    ownerPath: text('owner_path').notNull(),
    /** How often lead units report: a report older than one period makes the task at risk. */
    reportCadence: text('report_cadence', { enum: ['month', 'quarter'] })
      .notNull()
      .default('month'),
    /** Days before the deadline at which a task turns yellow and its lead units are reminded. */
    dueSoonDays: integer('due_soon_days').notNull().default(7),
    createdById: uuid('created_by_id'),
    createdByLabel: text('created_by_label').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('task_plans_source_uq').on(t.districtCode, t.sourceSha256)],
);

/** One numbered task of a plan. Its status is computed on read from these facts and today. */
export const tasks = pgTable(
  'tasks',
  {
    id: uuid('id').primaryKey(),
    districtCode: text('district_code').notNull(),
    planId: uuid('plan_id')
      .notNull()
      .references(() => taskPlans.id),
    /** Position in the plan (the plan's own `no` may repeat; see the plan's warnings). */
    seq: integer('seq').notNull(),
    no: integer('no').notNull(),
    section: text('section'),
    content: text('content').notNull(),
    /** The unit names as the plan wrote them (the paper plan's 牵头单位 / 协办单位 columns). */
    leadNames: jsonb('lead_names').$type<string[]>().notNull(),
    coNames: jsonb('co_names').$type<string[]>().notNull(),
    /** As the plan states it: `YYYY-MM` (end of that month) or `YYYY-MM-DD`; null when ongoing. */
    deadline: text('deadline'),
    /** The civil date the deadline ends on (a month's last day), for queries and reminders. */
    dueDate: text('due_date'),
    /** Cache of the progress events: every lead unit has reported the task done. */
    doneAt: timestamp('done_at', { withTimezone: true }),
    /** Cache: the latest progress report of a lead unit. */
    lastProgressAt: timestamp('last_progress_at', { withTimezone: true }),
    /** Claimed by the reminder sweep (UPDATE … WHERE reminded_at IS NULL), so each fires once. */
    remindedAt: timestamp('reminded_at', { withTimezone: true }),
    overdueNotifiedAt: timestamp('overdue_notified_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('tasks_plan_seq_uq').on(t.planId, t.seq),
    index('tasks_district_due_idx').on(t.districtCode, t.dueDate),
  ],
);

/** A unit named on a task as lead (牵头) or co-unit (协办); `unit_id` is null while unmatched. */
export const taskUnits = pgTable(
  'task_units',
  {
    id: uuid('id').primaryKey(),
    districtCode: text('district_code').notNull(),
    taskId: uuid('task_id')
      .notNull()
      .references(() => tasks.id),
    role: text('role', { enum: ['lead', 'co'] }).notNull(),
    /** Order on the task as the plan names the units (leads first), so lists read like the plan. */
    position: integer('position').notNull(),
    /** The name as the plan wrote it (`各街道`, `区民政局(区委社会工委)`). */
    writtenName: text('written_name').notNull(),
    /** The key a remembered mapping is stored under (canonical spelling of the written name). */
    nameKey: text('name_key').notNull(),
    unitId: uuid('unit_id').references(() => orgUnits.id),
    unitCode: text('unit_code'),
    unitName: text('unit_name'),
    unitPath: text('unit_path'),
    /** How the name was resolved: exact, alias, fuzzy, group, mapped — or unmatched / ignored. */
    match: text('match').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('task_units_task_idx').on(t.taskId),
    index('task_units_path_idx').on(t.districtCode, t.unitPath),
    index('task_units_match_idx').on(t.districtCode, t.match),
  ],
);

/** A piece of evidence: a description and a reference to a stored file or document. */
export interface EvidenceRef {
  name: string;
  ref: string;
}

/** Append-only progress reports: lead units report per period, co-units contribute. */
export const taskProgress = pgTable(
  'task_progress',
  {
    id: uuid('id').primaryKey(),
    districtCode: text('district_code').notNull(),
    taskId: uuid('task_id')
      .notNull()
      .references(() => tasks.id),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => orgUnits.id),
    unitName: text('unit_name').notNull(),
    role: text('role', { enum: ['lead', 'co'] }).notNull(),
    /** `YYYY-MM` or `YYYY-Qn`. */
    period: text('period').notNull(),
    text: text('text').notNull(),
    attachments: jsonb('attachments').$type<EvidenceRef[]>().notNull().default(sql`'[]'::jsonb`),
    /** A lead unit declares its part done; the task is done when every lead unit has. */
    done: boolean('done').notNull().default(false),
    reportedById: uuid('reported_by_id'),
    reportedByLabel: text('reported_by_label').notNull(),
    reportedAt: timestamp('reported_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('task_progress_task_idx').on(t.taskId, t.reportedAt)],
);

/** Supervisors' comments (督办意见) on a task. */
export const taskComments = pgTable(
  'task_comments',
  {
    id: uuid('id').primaryKey(),
    districtCode: text('district_code').notNull(),
    taskId: uuid('task_id')
      .notNull()
      .references(() => tasks.id),
    text: text('text').notNull(),
    authorId: uuid('author_id'),
    authorLabel: text('author_label').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('task_comments_task_idx').on(t.taskId)],
);

/** Reminders written by the sweep for each lead unit of a task: due soon, or overdue (催办). */
export const taskReminders = pgTable(
  'task_reminders',
  {
    id: uuid('id').primaryKey(),
    districtCode: text('district_code').notNull(),
    taskId: uuid('task_id')
      .notNull()
      .references(() => tasks.id),
    kind: text('kind', { enum: ['due_soon', 'overdue'] }).notNull(),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => orgUnits.id),
    unitName: text('unit_name').notNull(),
    unitPath: text('unit_path').notNull(),
    dueDate: text('due_date').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('task_reminders_once_uq').on(t.taskId, t.kind, t.unitId),
    index('task_reminders_path_idx').on(t.districtCode, t.unitPath),
  ],
);

/**
 * A person's decision for a unit name the resolver could not match: the units it means (several
 * for a group), or none (`[]`: not a unit of this district, e.g. a city bureau). Used on every later
 * import before automatic matching.
 */
export const unitNameMappings = pgTable(
  'unit_name_mappings',
  {
    id: uuid('id').primaryKey(),
    districtCode: text('district_code').notNull(),
    nameKey: text('name_key').notNull(),
    name: text('name').notNull(),
    unitIds: jsonb('unit_ids').$type<string[]>().notNull(),
    createdById: uuid('created_by_id'),
    createdByLabel: text('created_by_label').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('unit_name_mappings_key_uq').on(t.districtCode, t.nameKey)],
);

export type TaskPlanRow = typeof taskPlans.$inferSelect;
export type TaskRow = typeof tasks.$inferSelect;
export type TaskUnitRow = typeof taskUnits.$inferSelect;
export type TaskProgressRow = typeof taskProgress.$inferSelect;
export type TaskCommentRow = typeof taskComments.$inferSelect;
export type TaskReminderRow = typeof taskReminders.$inferSelect;
export type UnitNameMappingRow = typeof unitNameMappings.$inferSelect;
