import { index, integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * 三率 rollups: per district, month (of intake, Beijing time) and owning unit, the sums of every
 * counter the rates need (src/demands/measures.ts). Maintained incrementally in the same transaction as
 * the events that change a demand's measures (src/demands/rollups/maintain-rollups.ts), so the monthly
 * ranking reads a few thousand rows instead of a month of demands. docs/decisions/perf-ranking-rollups.md.
 */
export const demandRollups = pgTable(
  'demand_rollups',
  {
    districtCode: text('district_code').notNull(),
    /** "YYYY-MM" of the demand's intake in Beijing time. */
    period: text('period').notNull(),
    ownerPath: text('owner_path').notNull(),
    dispatched: integer('dispatched').notNull().default(0),
    responded: integer('responded').notNull().default(0),
    /** Response decided as late/missed whatever the clock says (signed or contacted after the limit). */
    late: integer('late').notNull().default(0),
    callbacks: integer('callbacks').notNull().default(0),
    resolved: integer('resolved').notNull().default(0),
    rated: integer('rated').notNull().default(0),
    satisfied: integer('satisfied').notNull().default(0),
    appealsExcluded: integer('appeals_excluded').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.districtCode, t.period, t.ownerPath] })],
);

/**
 * Demands whose response is not decided yet: they count as late/missed once `fail_at` (the earliest
 * sign-for or contact limit still open) has passed — a question of "now", so they are kept one row
 * per demand and counted at read time. A demand leaves this table when it is signed and contacted.
 */
export const demandRollupPending = pgTable(
  'demand_rollup_pending',
  {
    demandId: uuid('demand_id').primaryKey(),
    districtCode: text('district_code').notNull(),
    period: text('period').notNull(),
    ownerPath: text('owner_path').notNull(),
    failAt: timestamp('fail_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('demand_rollup_pending_idx').on(t.districtCode, t.period, t.failAt)],
);
