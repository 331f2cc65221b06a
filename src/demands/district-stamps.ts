import { CalendarRegistry } from '../core/calendar/store.ts';
import { type Db, queryRows, sql } from '../core/db/connection.ts';
import { type FreshReads, freshReadsFor } from '../core/db/fresh-reads.ts';
import { GeoIndexRegistry } from '../jurisdiction/geo-registry.ts';
import { policyProfileSql } from '../jurisdiction/store.ts';
import { ClassifierRegistry } from './classifier-registry.ts';
import { routingStampSql } from './routing-context.ts';

/**
 * What a suggestion and an intake check of their district's cached state, read in ONE query: the
 * grids version (geolocation index), the routing stamp (rules and units), the calendar overrides'
 * stamp, the policy profile (time limits) and the newest classifier feedback. Each was a query of its own (docs/decisions/perf-intake.md);
 * each module still owns its SQL and reads it itself when no stamps are given.
 */
export interface DistrictStamps {
  gridsVersion: number;
  routing: string;
  calendar: string;
  policyProfile: string | null;
  /** The newest classifier feedback's time (text), null when there is none. */
  feedback: string | null;
}

const sharedReads = new WeakMap<object, FreshReads<DistrictStamps>>();

/** Concurrent callers of one district share a read that began after they asked (fresh-reads.ts). */
export function readDistrictStamps(db: Db, districtCode: string): Promise<DistrictStamps> {
  return freshReadsFor(sharedReads, db).read(districtCode, () => queryDistrictStamps(db, districtCode));
}

async function queryDistrictStamps(db: Db, districtCode: string): Promise<DistrictStamps> {
  const [row] = await queryRows<{
    grids_version: number;
    routing: string;
    calendar: string;
    policy_profile: string | null;
    feedback: string | null;
  }>(
    db,
    sql`SELECT ${GeoIndexRegistry.versionSql(districtCode)} AS grids_version,
      ${routingStampSql(districtCode)} AS routing,
      ${CalendarRegistry.stampSql(districtCode)} AS calendar,
      ${policyProfileSql(districtCode)} AS policy_profile,
      ${ClassifierRegistry.feedbackStampSql(districtCode)} AS feedback`,
  );
  if (!row) throw new Error('district stamps: no row');
  return {
    gridsVersion: Number(row.grids_version),
    routing: row.routing,
    calendar: row.calendar,
    policyProfile: row.policy_profile,
    feedback: row.feedback,
  };
}
