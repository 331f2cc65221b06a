import { sql } from 'drizzle-orm';
import {
  boolean,
  date,
  doublePrecision,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { registrantColumns, serviceReviewColumns } from '../columns.ts';

/**
 * 在职党员双报到. A unit (department, stationed unit, company or resident unit) registers with the street
 * it sits in; its in-service party members register at their home community; the community confirms
 * the service they give. Unit and community names, codes and paths are copied onto the rows so scoping
 * is a prefix test on this module's own tables.
 */

/** A unit's registration with a street (单位到街道报到): one per unit, re-registering replaces it. */
export const partyUnitRegistrations = pgTable(
  'party_unit_registrations',
  {
    id: uuid('id').primaryKey(),
    districtCode: text('district_code').notNull(),
    unitId: uuid('unit_id').notNull(),
    unitCode: text('unit_code').notNull(),
    unitName: text('unit_name').notNull(),
    unitLevel: text('unit_level').notNull(),
    unitPath: text('unit_path').notNull(),
    streetId: uuid('street_id').notNull(),
    streetCode: text('street_code').notNull(),
    streetName: text('street_name').notNull(),
    streetPath: text('street_path').notNull(),
    /** 在职党员人数 as the unit declares it: the denominator of its report-in rate. */
    inServiceMembers: integer('in_service_members').notNull(),
    /** Personal data: masked in lists. */
    contactName: text('contact_name'),
    contactPhone: text('contact_phone'),
    /** 共驻共建协议 / 需求、资源、项目清单 as agreed with the street. */
    agreement: text('agreement'),
    registeredOn: date('registered_on', { mode: 'string' }).notNull(),
    createdByLabel: text('created_by_label').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('party_unit_registrations_unit_uq').on(t.unitId),
    index('party_unit_registrations_street_idx').on(t.streetPath.op('text_pattern_ops')),
  ],
);

/** A party member registered at a home community (党员到社区报到). */
export const partyMembers = pgTable(
  'party_members',
  {
    id: uuid('id').primaryKey(),
    districtCode: text('district_code').notNull(),
    ...registrantColumns(),
    /** in_service (在职党员), retired (离退休党员), other (流动党员 …). */
    kind: text('kind', { enum: ['in_service', 'retired', 'other'] }).notNull(),
    /** The member's unit when it is in the department tree (its report-in rate counts them). */
    unitId: uuid('unit_id'),
    unitPath: text('unit_path'),
    /** 工作单位 as written: the unit's name, or free text for units outside the tree. */
    workUnit: text('work_unit'),
    /** 服务意向 / 特长, so the community can match members to needs. */
    skills: text('skills'),
    /** When the member has a staff account, they may check in to a whistle themselves. */
    userId: uuid('user_id'),
    registeredOn: date('registered_on', { mode: 'string' }).notNull(),
    /** 转出/退出: the member no longer serves here from this day. */
    leftOn: date('left_on', { mode: 'string' }),
    leftReason: text('left_reason'),
    active: boolean('active').notNull().default(true),
    createdByLabel: text('created_by_label').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('party_members_community_idx').on(t.communityPath.op('text_pattern_ops')),
    index('party_members_unit_idx').on(t.unitId),
    // A member reports in at one home community at a time.
    uniqueIndex('party_members_id_number_uq')
      .on(t.districtCode, t.idNumber)
      .where(sql`active AND id_number IS NOT NULL`),
  ],
);

/** One service a member gave (服务记录); hours count once the community confirms them. */
export const partyMemberServices = pgTable(
  'party_member_services',
  {
    id: uuid('id').primaryKey(),
    districtCode: text('district_code').notNull(),
    memberId: uuid('member_id')
      .notNull()
      .references(() => partyMembers.id),
    communityPath: text('community_path').notNull(),
    unitPath: text('unit_path'),
    title: text('title').notNull(),
    kind: text('kind').notNull(),
    servedOn: date('served_on', { mode: 'string' }).notNull(),
    hours: doublePrecision('hours').notNull(),
    ...serviceReviewColumns(),
  },
  (t) => [
    index('party_member_services_member_idx').on(t.memberId),
    index('party_member_services_community_idx').on(t.communityPath.op('text_pattern_ops'), t.status),
    index('party_member_services_served_idx').on(t.districtCode, t.servedOn),
  ],
);

export type PartyUnitRegistrationRow = typeof partyUnitRegistrations.$inferSelect;
export type PartyMemberRecord = typeof partyMembers.$inferSelect;
export type PartyMemberServiceRow = typeof partyMemberServices.$inferSelect;
