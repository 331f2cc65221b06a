/**
 * The policy capability's queries: a district's active profile with its stored overrides, and the
 * per-community facts. Other capabilities call these functions, never the tables.
 */
import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../core/db/connection.ts';
import { notFound } from '../core/errors.ts';
import { uuidv7 } from '../core/ids.ts';
import { getJurisdiction } from '../jurisdiction/store.ts';
import type { OverridesInput } from './model.ts';
import {
  type CommunityPolicyFactsRow,
  communityPolicyFacts,
  type PolicyOverrideRow,
  policyOverrides,
} from './tables.ts';

/** What every computation for a district needs: the active profile id and the stored overrides. */
export interface ActivePolicy {
  districtCode: string;
  profileId: string;
  /** In the shape `resolveRule` takes (validated again there on every use). */
  overrides: OverridesInput;
}

/** The district's stored overrides, oldest key first. */
export async function listOverrides(db: Db, districtCode: string): Promise<PolicyOverrideRow[]> {
  return db
    .select()
    .from(policyOverrides)
    .where(eq(policyOverrides.districtCode, districtCode))
    .orderBy(asc(policyOverrides.ruleKey));
}

/** One stored override row in the policy core's override shape. */
export function toOverride(row: PolicyOverrideRow): {
  value: unknown;
  source: string;
  by: string;
  at: string;
} {
  return { value: row.value, source: row.source, by: row.setBy, at: row.setAt.toISOString() };
}

/** The district's active profile and overrides; `NOT_FOUND` for an unknown district. */
export async function getActivePolicy(db: Db, districtCode: string): Promise<ActivePolicy> {
  const jurisdiction = await getJurisdiction(db, districtCode);
  if (!jurisdiction) throw notFound('辖区', districtCode);
  const rows = await listOverrides(db, districtCode);
  return {
    districtCode,
    profileId: jurisdiction.policyProfile,
    overrides: Object.fromEntries(rows.map((r) => [r.ruleKey, toOverride(r)])),
  };
}

export async function getOverride(
  db: Db,
  districtCode: string,
  ruleKey: string,
): Promise<PolicyOverrideRow | undefined> {
  const [row] = await db
    .select()
    .from(policyOverrides)
    .where(and(eq(policyOverrides.districtCode, districtCode), eq(policyOverrides.ruleKey, ruleKey)));
  return row;
}

/** Inserts or replaces the override of one rule (one row per district and rule). */
export async function upsertOverride(
  tx: Db,
  row: Omit<typeof policyOverrides.$inferInsert, 'id'>,
): Promise<PolicyOverrideRow> {
  const [saved] = await tx
    .insert(policyOverrides)
    .values({ id: uuidv7(), ...row })
    .onConflictDoUpdate({
      target: [policyOverrides.districtCode, policyOverrides.ruleKey],
      set: { value: row.value, source: row.source, setBy: row.setBy, setById: row.setById, setAt: row.setAt },
    })
    .returning();
  if (!saved) throw new Error('override upsert returned no row');
  return saved;
}

export async function deleteOverride(tx: Db, districtCode: string, ruleKey: string): Promise<void> {
  await tx
    .delete(policyOverrides)
    .where(and(eq(policyOverrides.districtCode, districtCode), eq(policyOverrides.ruleKey, ruleKey)));
}

export type NewCommunityFacts = Omit<typeof communityPolicyFacts.$inferInsert, 'id' | 'updatedAt'>;

/** A year's facts of every community in the district, keyed by community code. */
export async function listCommunityFacts(
  db: Db,
  districtCode: string,
  year: number,
): Promise<Map<string, CommunityPolicyFactsRow>> {
  const rows = await db
    .select()
    .from(communityPolicyFacts)
    .where(and(eq(communityPolicyFacts.districtCode, districtCode), eq(communityPolicyFacts.year, year)));
  return new Map(rows.map((r) => [r.communityCode, r]));
}

export async function getCommunityFacts(
  db: Db,
  communityCode: string,
  year: number,
): Promise<CommunityPolicyFactsRow | undefined> {
  const [row] = await db
    .select()
    .from(communityPolicyFacts)
    .where(and(eq(communityPolicyFacts.communityCode, communityCode), eq(communityPolicyFacts.year, year)));
  return row;
}

/** Inserts or replaces the facts of one community and year. */
export async function upsertCommunityFacts(tx: Db, row: NewCommunityFacts): Promise<CommunityPolicyFactsRow> {
  const values = { ...row, updatedAt: new Date() };
  const [saved] = await tx
    .insert(communityPolicyFacts)
    .values({ id: uuidv7(), ...values })
    .onConflictDoUpdate({
      target: [communityPolicyFacts.communityCode, communityPolicyFacts.year],
      set: values,
    })
    .returning();
  if (!saved) throw new Error('facts upsert returned no row');
  return saved;
}

/** Multi-row insert of new facts (the demo seed), 500 rows a round-trip. */
export async function insertCommunityFacts(tx: Db, rows: NewCommunityFacts[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) {
    await tx.insert(communityPolicyFacts).values(rows.slice(i, i + 500).map((r) => ({ id: uuidv7(), ...r })));
  }
}
