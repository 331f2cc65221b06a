/**
 * The one Drizzle schema: every capability's tables, re-exported from the capability that owns them.
 * drizzle-kit reads this file to generate the committed migrations in ./migrations.
 */

export * from '../../assessment/tables.ts';
export * from '../../demands/rollups/tables.ts';
export * from '../../demands/tables.ts';
export * from '../../grid-work/tables.ts';
export * from '../../jurisdiction/tables.ts';
export * from '../../lists/tables.ts';
export * from '../../participation/tables.ts';
export * from '../../policy/tables.ts';
export * from '../../tasks/tables.ts';
export * from '../../whistles/tables.ts';
export * from '../audit/tables.ts';
export * from '../auth/tables.ts';
export * from '../calendar/tables.ts';
export * from '../files/tables.ts';
export * from '../outbox/tables.ts';
