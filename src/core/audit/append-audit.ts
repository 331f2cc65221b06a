import { eq, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../db/connection.ts';
import { GENESIS_HASH, linkHash } from './hash.ts';
import { auditHeads, auditLog } from './tables.ts';

/** Who did it: a person, a machine client, or the system itself (CLI, sweeper). */
export interface AuditActor {
  id: string | null;
  label: string;
}

export const SYSTEM_ACTOR: AuditActor = { id: null, label: 'system' };

export interface AppendAuditOptions {
  districtCode: string;
  actor: AuditActor;
  action: string;
  targetType: string;
  targetId: string;
  result?: 'ok' | 'denied' | 'failed';
  details?: Record<string, unknown>;
  requestId?: string | null;
}

/**
 * Appends one link to the district's chain inside the caller's transaction, so the audit row commits
 * or rolls back with the change it records. The advisory lock serialises appenders per district:
 * a chain has exactly one next link.
 */
export async function appendAudit(
  tx: Db,
  options: AppendAuditOptions,
  /**
   * Data-modifying CTEs (named other than `link`) to run in the append's statement: changes that must
   * happen under the district's audit lock cost no extra round trip while it is held.
   */
  alongside: readonly SQL[] = [],
): Promise<{ seq: number; hash: string }> {
  const { districtCode } = options;
  await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${`audit:${districtCode}`}))`);
  const [head] = await tx.select().from(auditHeads).where(eq(auditHeads.districtCode, districtCode));
  const seq = (head?.seq ?? 0) + 1;
  const prevHash = head?.hash ?? GENESIS_HASH;
  // Millisecond precision: what JavaScript and both drivers round-trip exactly.
  const at = new Date(Math.floor(Date.now()));
  const fields = {
    districtCode,
    seq,
    at,
    actorId: options.actor.id,
    actorLabel: options.actor.label,
    action: options.action,
    targetType: options.targetType,
    targetId: options.targetId,
    result: options.result ?? 'ok',
    details: options.details ?? {},
    requestId: options.requestId ?? null,
  };
  const hash = linkHash(prevHash, fields);
  // The row and the new head in ONE statement: the district's lock is held until commit, so every
  // round trip after taking it is time the district's other writers wait (docs/decisions/perf-intake.md).
  await tx.execute(sql`WITH link AS (
      INSERT INTO ${auditLog} (district_code, seq, at, actor_id, actor_label, action, target_type, target_id,
        result, details, request_id, prev_hash, hash)
      VALUES (${districtCode}, ${seq}, ${at.toISOString()}::timestamptz, ${fields.actorId}::uuid,
        ${fields.actorLabel}, ${fields.action}, ${fields.targetType}, ${fields.targetId}, ${fields.result},
        ${JSON.stringify(fields.details)}::jsonb, ${fields.requestId}, ${prevHash}, ${hash}))${
          alongside.length > 0 ? sql`, ${sql.join([...alongside], sql`, `)}` : sql``
        }
    INSERT INTO ${auditHeads} (district_code, seq, hash) VALUES (${districtCode}, ${seq}, ${hash})
    ON CONFLICT (district_code) DO UPDATE SET seq = excluded.seq, hash = excluded.hash`);
  return { seq, hash };
}

/**
 * Appends several links of ONE district's chain in one go (a sweeper batch, a group of intakes): the lock is taken once,
 * at the end of the caller's work, and every row goes in one statement — the district's other writers
 * wait for four round trips instead of one append per changed record (docs/decisions/perf-intake.md).
 */
export async function appendAuditBatch(
  tx: Db,
  entries: readonly AppendAuditOptions[],
  /** Data-modifying CTEs to run in the append's statement, as for appendAudit. */
  alongside: readonly SQL[] = [],
): Promise<void> {
  const first = entries[0];
  if (!first) return;
  const { districtCode } = first;
  if (entries.some((e) => e.districtCode !== districtCode))
    throw new Error('appendAuditBatch: one district per batch');
  await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${`audit:${districtCode}`}))`);
  const [head] = await tx.select().from(auditHeads).where(eq(auditHeads.districtCode, districtCode));
  let seq = head?.seq ?? 0;
  let prevHash = head?.hash ?? GENESIS_HASH;
  const at = new Date(Math.floor(Date.now()));
  const rows = entries.map((options) => {
    seq++;
    const fields = {
      districtCode,
      seq,
      at,
      actorId: options.actor.id,
      actorLabel: options.actor.label,
      action: options.action,
      targetType: options.targetType,
      targetId: options.targetId,
      result: options.result ?? 'ok',
      details: options.details ?? {},
      requestId: options.requestId ?? null,
    };
    const hash = linkHash(prevHash, fields);
    const row = sql`(${districtCode}, ${seq}, ${at.toISOString()}::timestamptz, ${fields.actorId}::uuid,
      ${fields.actorLabel}, ${fields.action}, ${fields.targetType}, ${fields.targetId}, ${fields.result},
      ${JSON.stringify(fields.details)}::jsonb, ${fields.requestId}, ${prevHash}, ${hash})`;
    prevHash = hash;
    return row;
  });
  await tx.execute(sql`WITH link AS (
      INSERT INTO ${auditLog} (district_code, seq, at, actor_id, actor_label, action, target_type, target_id,
        result, details, request_id, prev_hash, hash)
      VALUES ${sql.join(rows, sql`, `)})${alongside.length > 0 ? sql`, ${sql.join([...alongside], sql`, `)}` : sql``}
    INSERT INTO ${auditHeads} (district_code, seq, hash) VALUES (${districtCode}, ${seq}, ${prevHash})
    ON CONFLICT (district_code) DO UPDATE SET seq = excluded.seq, hash = excluded.hash`);
}
