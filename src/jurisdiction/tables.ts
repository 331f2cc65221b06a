import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
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
import type { Geometry } from './geometry.ts';

/** One row per district (区/县) set up in this installation; every other row carries its code. */
export const jurisdictions = pgTable('jurisdictions', {
  districtCode: text('district_code').primaryKey(),
  name: text('name').notNull(),
  fullName: text('full_name').notNull(),
  provinceName: text('province_name').notNull(),
  cityName: text('city_name').notNull(),
  policyProfile: text('policy_profile').notNull().default('generic'),
  isDemo: boolean('is_demo').notNull().default(false),
  /** True when boundaries were generated (demo tessellation), not surveyed. */
  geometryIsSynthetic: boolean('geometry_is_synthetic').notNull().default(false),
  /** Bumped whenever grids change, so every process knows its in-memory spatial index is stale. */
  gridsVersion: integer('grids_version').notNull().default(0),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * Both trees live here: the division tree (district → street → community → grid → building) and the
 * department tree (department → stationed unit …), rooted at the district. `path` is the chain of
 * codes from the district down ("/110107000000/110107001000/"), so "is X inside Y's jurisdiction"
 * is a prefix test both in SQL and in memory.
 */
export const orgUnits = pgTable(
  'org_units',
  {
    id: uuid('id').primaryKey(),
    districtCode: text('district_code').notNull(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    shortName: text('short_name').notNull(),
    /** Other names people write for the unit (区城管委 for 区城市管理委员会); used to resolve names. */
    aliases: jsonb('aliases').$type<string[]>().notNull().default(sql`'[]'::jsonb`),
    tree: text('tree', { enum: ['division', 'department'] }).notNull(),
    level: text('level').notNull(),
    parentId: uuid('parent_id').references((): AnyPgColumn => orgUnits.id),
    path: text('path').notNull(),
    /** Where a stationed unit (派出所, 司法所 …) sits: the street it serves. */
    servesUnitId: uuid('serves_unit_id').references((): AnyPgColumn => orgUnits.id),
    households: integer('households'),
    population: integer('population'),
    areaKm2: doublePrecision('area_km2'),
    flags: jsonb('flags').$type<string[]>().notNull().default(sql`'[]'::jsonb`),
    boundary: jsonb('boundary').$type<Geometry | null>(),
    /** True while households/population/area are demo values, so screens can say so. */
    attrsAreDemo: boolean('attrs_are_demo').notNull().default(false),
    sort: integer('sort').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('org_units_code_uq').on(t.code),
    index('org_units_district_level_idx').on(t.districtCode, t.level),
    index('org_units_parent_idx').on(t.parentId),
    index('org_units_path_idx').on(t.path.op('text_pattern_ops')),
  ],
);

export type OrgUnitRow = typeof orgUnits.$inferSelect;
