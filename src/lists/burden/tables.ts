import { sql } from 'drizzle-orm';
import { date, index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { ListKind, Transfers } from '../model.ts';

/** The item a proposal wants added (name, category, basis, demand categories). */
export interface ProposedItem {
  itemCode?: string | undefined;
  name: string;
  category: string | null;
  basis: string | null;
  demandCategories: string[];
}

/** The approval record a new access item needs (e.g. 区委、政府研究同意, 编委会行文). */
export interface ApprovalRecord {
  approvingBody: string;
  document: string;
  approvedOn: string;
  decidedBy: string;
}

/**
 * A proposal to add an item to a street's or community's access list. It carries what must move
 * with the work (权随事转、人随事转、费随事转) and becomes a new list version only once approved.
 */
export const accessProposals = pgTable(
  'access_proposals',
  {
    id: uuid('id').primaryKey(),
    districtCode: text('district_code').notNull(),
    listKind: text('list_kind').$type<ListKind>().notNull(),
    scopeCode: text('scope_code').notNull(),
    proposedByUnitCode: text('proposed_by_unit_code').notNull(),
    proposedBy: text('proposed_by').notNull(),
    item: jsonb('item').$type<ProposedItem>().notNull(),
    transfers: jsonb('transfers').$type<Transfers>().notNull(),
    status: text('status', { enum: ['pending', 'approved', 'rejected'] }).notNull(),
    approval: jsonb('approval').$type<ApprovalRecord | null>(),
    rejectionReason: text('rejection_reason'),
    resultVersionId: uuid('result_version_id'),
    resultItemCode: text('result_item_code'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
  },
  (t) => [index('access_proposals_district_idx').on(t.districtCode, t.status)],
);

/** Why a request was refused: the rule quoted, and what was (not) on the list. */
export interface Refusal {
  code: 'NOT_ON_ACCESS_LIST';
  message: string;
  ruleKey: string;
  ruleText: string;
  ruleSource: string;
  listVersionId: string | null;
}

/**
 * Work a department (or a street) asks a street or community to do. Accepted requests reach the
 * target as a numbered work notice (工作提示单); refused ones are kept too — they are the burden
 * report's evidence.
 */
export const workRequests = pgTable(
  'work_requests',
  {
    id: uuid('id').primaryKey(),
    districtCode: text('district_code').notNull(),
    fromUnitCode: text('from_unit_code').notNull(),
    fromUnitName: text('from_unit_name').notNull(),
    targetCode: text('target_code').notNull(),
    targetPath: text('target_path').notNull(),
    targetLevel: text('target_level', { enum: ['street', 'community'] }).notNull(),
    title: text('title').notNull(),
    content: text('content').notNull(),
    citedItemCode: text('cited_item_code'),
    citedItemId: uuid('cited_item_id'),
    listVersionId: uuid('list_version_id'),
    status: text('status', { enum: ['accepted', 'refused'] }).notNull(),
    refusal: jsonb('refusal').$type<Refusal | null>(),
    noticeNo: text('notice_no'),
    dueDate: date('due_date', { mode: 'string' }),
    acknowledgedAt: timestamp('acknowledged_at', { withTimezone: true }),
    acknowledgedBy: text('acknowledged_by'),
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('work_requests_target_idx').on(t.districtCode, t.targetCode),
    index('work_requests_path_idx').on(t.targetPath.op('text_pattern_ops')),
  ],
);

/** The forms registry: the report/system each department requires of a community (at most one). */
export const formRegistrations = pgTable(
  'form_registrations',
  {
    id: uuid('id').primaryKey(),
    districtCode: text('district_code').notNull(),
    departmentCode: text('department_code').notNull(),
    departmentName: text('department_name').notNull(),
    communityCode: text('community_code').notNull(),
    communityPath: text('community_path').notNull(),
    name: text('name').notNull(),
    formKind: text('form_kind', { enum: ['report', 'system'] }).notNull(),
    frequency: text('frequency'),
    status: text('status', { enum: ['active', 'retired'] }).notNull(),
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    retiredAt: timestamp('retired_at', { withTimezone: true }),
  },
  (t) => [index('form_registrations_pair_idx').on(t.departmentCode, t.communityCode, t.status)],
);

/** Meetings that require community staff, registered (报备) before they are held. */
export const meetingRegistrations = pgTable(
  'meeting_registrations',
  {
    id: uuid('id').primaryKey(),
    districtCode: text('district_code').notNull(),
    organiserUnitCode: text('organiser_unit_code').notNull(),
    organiserName: text('organiser_name').notNull(),
    title: text('title').notNull(),
    heldOn: date('held_on', { mode: 'string' }).notNull(),
    communityCodes: jsonb('community_codes').$type<string[]>().notNull().default(sql`'[]'::jsonb`),
    attendeesPerCommunity: integer('attendees_per_community').notNull(),
    reason: text('reason').notNull(),
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('meeting_registrations_district_idx').on(t.districtCode, t.heldOn)],
);

export type AccessProposalRow = typeof accessProposals.$inferSelect;
export type WorkRequestRow = typeof workRequests.$inferSelect;
export type FormRegistrationRow = typeof formRegistrations.$inferSelect;
export type MeetingRegistrationRow = typeof meetingRegistrations.$inferSelect;
