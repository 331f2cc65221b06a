import { sql } from 'drizzle-orm';
import {
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
import type { ListKind, ServiceDetails, Transfers } from './model.ts';

// The burden (减负) and service-station tables belong to this capability too; one schema line
// in src/core/db/schema.ts picks them all up.
export * from './burden/tables.ts';
export * from './service/tables.ts';

/**
 * One version of one list for one unit (the district, a street, a community or a department),
 * with its approving document and effective dates. A new version closes the open one on its
 * effective date, so "the list in force on day D" is always exactly one version per scope.
 */
export const listVersions = pgTable(
  'list_versions',
  {
    id: uuid('id').primaryKey(),
    districtCode: text('district_code').notNull(),
    kind: text('kind').$type<ListKind>().notNull(),
    scopeCode: text('scope_code').notNull(),
    /** The scope unit's materialised path: a unit is covered when its path starts with it. */
    scopePath: text('scope_path').notNull(),
    versionNo: integer('version_no').notNull(),
    title: text('title').notNull(),
    approvingDocument: text('approving_document').notNull(),
    effectiveFrom: date('effective_from', { mode: 'string' }).notNull(),
    /** Exclusive; null while in force. */
    effectiveTo: date('effective_to', { mode: 'string' }),
    origin: text('origin', { enum: ['import', 'approval'] }).notNull(),
    fileName: text('file_name'),
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('list_versions_scope_no_uq').on(t.scopeCode, t.kind, t.versionNo),
    index('list_versions_district_kind_idx').on(t.districtCode, t.kind),
  ],
);

/** The items of a list version; `itemCode` is the stable key that requests cite across versions. */
export const listItems = pgTable(
  'list_items',
  {
    id: uuid('id').primaryKey(),
    districtCode: text('district_code').notNull(),
    versionId: uuid('version_id')
      .notNull()
      .references(() => listVersions.id),
    kind: text('kind').$type<ListKind>().notNull(),
    itemCode: text('item_code').notNull(),
    name: text('name').notNull(),
    category: text('category'),
    demandCategories: jsonb('demand_categories').$type<string[]>().notNull().default(sql`'[]'::jsonb`),
    responsibleUnitCode: text('responsible_unit_code'),
    basis: text('basis'),
    details: jsonb('details').$type<ServiceDetails | null>(),
    /** For an item added by an approved proposal: the authority, staff and funds that moved with it. */
    transfers: jsonb('transfers').$type<Transfers | null>(),
    proposalId: uuid('proposal_id'),
    sort: integer('sort').notNull().default(0),
  },
  (t) => [
    uniqueIndex('list_items_version_code_uq').on(t.versionId, t.itemCode),
    index('list_items_district_kind_idx').on(t.districtCode, t.kind),
  ],
);

export type ListVersionRow = typeof listVersions.$inferSelect;
export type ListItemRow = typeof listItems.$inferSelect;
