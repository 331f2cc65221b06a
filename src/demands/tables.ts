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
import type { Attachment } from './model.ts';

/**
 * A citizen demand (诉求/工单). Its truth is `demand_events`; the columns from `status` down are a
 * cache of the folded events, updated in the same transaction as each event (ARCHITECTURE rule 7).
 */
export const demands = pgTable(
  'demands',
  {
    id: uuid('id').primaryKey(),
    districtCode: text('district_code').notNull(),
    /** Public tracking code the caller is given (no personal data in it). */
    code: text('code').notNull(),
    channel: text('channel').notNull(),
    type: text('type').notNull(),
    urgency: text('urgency').notNull(),
    content: text('content').notNull(),
    categoryCode: text('category_code'),
    categoryName: text('category_name'),
    /** Personal data (PIPL): masked in lists and exports, revealed only to allowed roles, audited. */
    callerName: text('caller_name'),
    callerPhone: text('caller_phone'),
    address: text('address'),
    lng: doublePrecision('lng'),
    lat: doublePrecision('lat'),
    gridId: uuid('grid_id'),
    communityId: uuid('community_id'),
    streetId: uuid('street_id'),
    /** Org path of where it happened (grid, else street, else district): the location side of scope. */
    locationPath: text('location_path').notNull(),
    attachments: jsonb('attachments').$type<Attachment[]>().notNull().default(sql`'[]'::jsonb`),
    idempotencyKey: text('idempotency_key'),
    requestHash: text('request_hash'),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    // --- cache of the folded event list ---
    status: text('status').notNull(),
    ownerUnitId: uuid('owner_unit_id'),
    ownerPath: text('owner_path'),
    dueAt: timestamp('due_at', { withTimezone: true }),
    signDueAt: timestamp('sign_due_at', { withTimezone: true }),
    contactDueAt: timestamp('contact_due_at', { withTimezone: true }),
    dueState: text('due_state').notNull().default('ok'),
    dispatchedAt: timestamp('dispatched_at', { withTimezone: true }),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    escalated: boolean('escalated').notNull().default(false),
    mergedInto: uuid('merged_into'),
    eventCount: integer('event_count').notNull().default(0),
    state: jsonb('state').$type<Record<string, unknown>>().notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('demands_code_uq').on(t.code),
    uniqueIndex('demands_idempotency_uq').on(t.districtCode, t.idempotencyKey),
    index('demands_district_status_idx').on(t.districtCode, t.status),
    index('demands_owner_path_idx').on(t.ownerPath.op('text_pattern_ops')),
    index('demands_location_path_idx').on(t.locationPath.op('text_pattern_ops')),
    index('demands_due_idx').on(t.dueAt),
    index('demands_grid_category_idx').on(t.gridId, t.categoryCode, t.createdAt),
    index('demands_created_idx').on(t.districtCode, t.createdAt),
    // Chosen by EXPLAIN at 500 000 demands (docs/decisions/perf-indexes.md): the open demands of an
    // owner (workbench counts, to-do list) and a category over a period (filtered search).
    index('demands_open_owner_idx')
      .on(t.districtCode, t.ownerPath.op('text_pattern_ops'))
      .where(
        sql`${t.status} NOT IN ('closed', 'answered', 'refused', 'merged') OR (${t.state}->>'appeal') = 'pending'`,
      ),
    index('demands_category_created_idx').on(t.districtCode, t.categoryCode, t.createdAt),
  ],
);

/** The append-only history of a demand: every step with actor, unit, time and note. */
export const demandEvents = pgTable(
  'demand_events',
  {
    id: uuid('id').primaryKey(),
    districtCode: text('district_code').notNull(),
    demandId: uuid('demand_id')
      .notNull()
      .references(() => demands.id),
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
    uniqueIndex('demand_events_seq_uq').on(t.demandId, t.seq),
    index('demand_events_type_at_idx').on(t.districtCode, t.type, t.at),
  ],
);

/** Any unit a demand concerns (owner, co-handler, copy, location): what scoped listing joins on. */
export const demandUnits = pgTable(
  'demand_units',
  {
    demandId: uuid('demand_id')
      .notNull()
      .references(() => demands.id),
    unitId: uuid('unit_id').notNull(),
    unitPath: text('unit_path').notNull(),
    role: text('role', { enum: ['owner', 'co', 'copy', 'former_owner'] }).notNull(),
    districtCode: text('district_code').notNull(),
  },
  (t) => [
    uniqueIndex('demand_units_uq').on(t.demandId, t.unitId, t.role),
    index('demand_units_path_idx').on(t.unitPath.op('text_pattern_ops')),
  ],
);

/** The responsibility list for demands: category → street (duty list) / department / utility, per district. */
export const demandRoutingRules = pgTable(
  'demand_routing_rules',
  {
    districtCode: text('district_code').notNull(),
    categoryCode: text('category_code').notNull(),
    target: text('target', { enum: ['street', 'department', 'utility'] }).notNull(),
    departmentId: uuid('department_id'),
    utility: text('utility'),
    complexity: text('complexity', { enum: ['general', 'complex'] })
      .notNull()
      .default('general'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('demand_routing_rules_uq').on(t.districtCode, t.categoryCode)],
);

/** Operator confirmations/overrides of category suggestions: the classifier's training data. */
export const classificationFeedback = pgTable(
  'classification_feedback',
  {
    id: uuid('id').primaryKey(),
    districtCode: text('district_code').notNull(),
    demandId: uuid('demand_id'),
    text: text('text').notNull(),
    categoryCode: text('category_code').notNull(),
    suggested: text('suggested'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('classification_feedback_district_idx').on(t.districtCode, t.createdAt)],
);

export type DemandRow = typeof demands.$inferSelect;
export type DemandEventRow = typeof demandEvents.$inferSelect;
