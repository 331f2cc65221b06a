import { bigint, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * Append-only, hash-chained audit log; one chain per district (rows never cross districts, which
 * keeps the Citus path open). UPDATE/DELETE/TRUNCATE are refused by a trigger (migration 0001);
 * `jiedao audit verify` still recomputes the chain, because a superuser can disable triggers.
 */
export const auditLog = pgTable(
  'audit_log',
  {
    districtCode: text('district_code').notNull(),
    seq: bigint('seq', { mode: 'number' }).notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    actorId: uuid('actor_id'),
    actorLabel: text('actor_label').notNull(),
    action: text('action').notNull(),
    targetType: text('target_type').notNull(),
    targetId: text('target_id').notNull(),
    result: text('result').notNull(),
    details: jsonb('details').$type<Record<string, unknown>>().notNull(),
    requestId: text('request_id'),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [primaryKey({ columns: [t.districtCode, t.seq] })],
);

/** The head of each chain, written with every append: a deleted tail row shows up as a mismatch. */
export const auditHeads = pgTable('audit_heads', {
  districtCode: text('district_code').primaryKey(),
  seq: bigint('seq', { mode: 'number' }).notNull(),
  hash: text('hash').notNull(),
});

export type AuditRow = typeof auditLog.$inferSelect;

/**
 * Where a district's retained chain starts after old rows were purged (retention): the seq and hash
 * of the last purged row, so `jiedao audit verify` links the first kept row to it. Each purge also
 * appends an `audit.purge` row carrying the same anchor, so the anchor itself is covered by the chain.
 */
export const auditAnchors = pgTable('audit_anchors', {
  districtCode: text('district_code').primaryKey(),
  seq: bigint('seq', { mode: 'number' }).notNull(),
  hash: text('hash').notNull(),
  /** Rows purged so far, over all purges. */
  purgedRows: bigint('purged_rows', { mode: 'number' }).notNull(),
  at: timestamp('at', { withTimezone: true }).notNull(),
});
