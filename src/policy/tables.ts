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

/**
 * A district's override of one policy rule. The value is validated against the policy core's own
 * schema (`parseOverrides`) before it is stored and again on every use, so a row can never smuggle
 * an uncited or malformed value into a computation. History lives in the audit log (before/after).
 */
export const policyOverrides = pgTable(
  'policy_overrides',
  {
    id: uuid('id').primaryKey(),
    districtCode: text('district_code').notNull(),
    ruleKey: text('rule_key').notNull(),
    value: jsonb('value').$type<unknown>().notNull(),
    /** The district's approving document: mandatory, it is what the computed figures then cite. */
    source: text('source').notNull(),
    setBy: text('set_by').notNull(),
    setById: uuid('set_by_id'),
    setAt: timestamp('set_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('policy_overrides_rule_uq').on(t.districtCode, t.ruleKey)],
);

/**
 * What a community actually has in a year (两委 members, station staff, party organisation, funds
 * allocated), recorded by the district or street, so the district report can set it against what
 * the active profile requires. Grid workers are not recorded here: they are counted from users.
 */
export const communityPolicyFacts = pgTable(
  'community_policy_facts',
  {
    id: uuid('id').primaryKey(),
    districtCode: text('district_code').notNull(),
    communityCode: text('community_code').notNull(),
    year: integer('year').notNull(),
    twoCommitteeMembers: integer('two_committee_members'),
    serviceStationStaff: integer('service_station_staff'),
    partyOrg: text('party_org'),
    partyMembers: integer('party_members'),
    workingFundsYuan: integer('working_funds_yuan'),
    partyBuildingFundsYuan: integer('party_building_funds_yuan'),
    note: text('note'),
    /** True while the row holds demo values (the demo seed), so screens can say so. */
    isDemo: boolean('is_demo').notNull().default(false),
    updatedBy: text('updated_by').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('community_policy_facts_uq').on(t.communityCode, t.year),
    index('community_policy_facts_district_idx').on(t.districtCode, t.year),
  ],
);

export type PolicyOverrideRow = typeof policyOverrides.$inferSelect;
export type CommunityPolicyFactsRow = typeof communityPolicyFacts.$inferSelect;
