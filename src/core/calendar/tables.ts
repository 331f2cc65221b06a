import { pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Holiday / make-up working day overrides on top of the chinese-days data: next year's State Council
 * notice is loaded here without a new release. `scope` is 'national' or a district code (local closures).
 */
export const calendarOverrides = pgTable(
  'calendar_overrides',
  {
    scope: text('scope').notNull(),
    date: text('date').notNull(),
    kind: text('kind', { enum: ['workday', 'holiday'] }).notNull(),
    name: text('name'),
    source: text('source'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.scope, t.date] })],
);
