import { eq, sql } from 'drizzle-orm';
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
  await tx.insert(auditLog).values({ ...fields, prevHash, hash });
  await tx
    .insert(auditHeads)
    .values({ districtCode, seq, hash })
    .onConflictDoUpdate({ target: auditHeads.districtCode, set: { seq, hash } });
  return { seq, hash };
}
