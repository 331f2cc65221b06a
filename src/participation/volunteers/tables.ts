import { sql } from 'drizzle-orm';
import {
  boolean,
  date,
  doublePrecision,
  index,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { registrantColumns, serviceReviewColumns } from '../columns.ts';

/**
 * Volunteers (志愿者): registration at a community, teams (志愿服务队), service hours confirmed by the
 * community. The registration rate per community is computed from these rows and the community's
 * population against the active policy profile's target.
 */

export const volunteers = pgTable(
  'volunteers',
  {
    id: uuid('id').primaryKey(),
    districtCode: text('district_code').notNull(),
    ...registrantColumns(),
    skills: text('skills'),
    registeredOn: date('registered_on', { mode: 'string' }).notNull(),
    leftOn: date('left_on', { mode: 'string' }),
    active: boolean('active').notNull().default(true),
    createdByLabel: text('created_by_label').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('volunteers_community_idx').on(t.communityPath.op('text_pattern_ops')),
    uniqueIndex('volunteers_id_number_uq')
      .on(t.districtCode, t.idNumber)
      .where(sql`active AND id_number IS NOT NULL`),
  ],
);

/** A community's volunteer team (文艺表演、义务巡逻、为老服务 …). */
export const volunteerTeams = pgTable(
  'volunteer_teams',
  {
    id: uuid('id').primaryKey(),
    districtCode: text('district_code').notNull(),
    communityId: uuid('community_id').notNull(),
    communityName: text('community_name').notNull(),
    communityPath: text('community_path').notNull(),
    name: text('name').notNull(),
    serviceType: text('service_type').notNull(),
    leaderId: uuid('leader_id').references(() => volunteers.id),
    description: text('description'),
    createdByLabel: text('created_by_label').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('volunteer_teams_community_idx').on(t.communityPath.op('text_pattern_ops')),
    uniqueIndex('volunteer_teams_name_uq').on(t.communityId, t.name),
  ],
);

export const volunteerTeamMembers = pgTable(
  'volunteer_team_members',
  {
    id: uuid('id').primaryKey(),
    districtCode: text('district_code').notNull(),
    teamId: uuid('team_id')
      .notNull()
      .references(() => volunteerTeams.id),
    volunteerId: uuid('volunteer_id')
      .notNull()
      .references(() => volunteers.id),
    joinedOn: date('joined_on', { mode: 'string' }).notNull(),
  },
  (t) => [uniqueIndex('volunteer_team_members_uq').on(t.teamId, t.volunteerId)],
);

/** Hours a volunteer served; they count once the community confirms them. */
export const volunteerServices = pgTable(
  'volunteer_services',
  {
    id: uuid('id').primaryKey(),
    districtCode: text('district_code').notNull(),
    volunteerId: uuid('volunteer_id')
      .notNull()
      .references(() => volunteers.id),
    teamId: uuid('team_id').references(() => volunteerTeams.id),
    communityPath: text('community_path').notNull(),
    title: text('title').notNull(),
    servedOn: date('served_on', { mode: 'string' }).notNull(),
    hours: doublePrecision('hours').notNull(),
    ...serviceReviewColumns(),
  },
  (t) => [
    index('volunteer_services_volunteer_idx').on(t.volunteerId),
    index('volunteer_services_community_idx').on(t.communityPath.op('text_pattern_ops'), t.status),
  ],
);

export type VolunteerRow = typeof volunteers.$inferSelect;
export type VolunteerTeamRow = typeof volunteerTeams.$inferSelect;
export type VolunteerServiceRow = typeof volunteerServices.$inferSelect;
