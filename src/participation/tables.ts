/**
 * The participation capability's tables (在职党员双报到、志愿者、议事协商、民意立项), one file per
 * concept, re-exported here for the one Drizzle schema.
 */
export * from './consultation/tables.ts';
export * from './opinion-projects/tables.ts';
export * from './party-members/tables.ts';
export * from './volunteers/tables.ts';
