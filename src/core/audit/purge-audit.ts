import { and, desc, eq, lt, lte, sql } from 'drizzle-orm';
import type { Db } from '../db/connection.ts';
import { AppError } from '../errors.ts';
import { type AuditActor, appendAudit, SYSTEM_ACTOR } from './append-audit.ts';
import { auditAnchors, auditHeads, auditLog } from './tables.ts';

/** 等保 2.0 asks for at least six months of audit records; shorter settings are refused. */
export const MIN_RETENTION_DAYS = 190;
export const DEFAULT_RETENTION_DAYS = 365;

/**
 * The retention period from JIEDAO_AUDIT_RETENTION_DAYS: default 365 days; `0` keeps everything;
 * anything from 1 to 189 is refused (too short for 等保).
 */
export function auditRetentionDays(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.JIEDAO_AUDIT_RETENTION_DAYS;
  if (raw === undefined || raw === '') return DEFAULT_RETENTION_DAYS;
  const n = Number(raw);
  assertRetention(n);
  return n;
}

export function assertRetention(days: number): void {
  if (!Number.isInteger(days) || days < 0 || (days > 0 && days < MIN_RETENTION_DAYS)) {
    throw new AppError(
      'VALIDATION_FAILED',
      `审计日志保存期须为 0（永久）或至少 ${MIN_RETENTION_DAYS} 天：${days} (retention too short)`,
      { min: MIN_RETENTION_DAYS },
    );
  }
}

export interface PurgeResult {
  districtCode: string;
  purged: number;
  /** The last purged row: where the retained chain now starts. */
  anchor: { seq: number; hash: string } | null;
}

/**
 * Deletes each district's audit rows older than the retention period, keeping the chain verifiable:
 * under the chain's lock, the seq and hash of the last deleted row become the district's anchor
 * (audit_anchors) and an `audit.purge` row recording the same anchor is appended to the chain, so the
 * anchor itself is covered by the hashes. Only this transaction may delete (migration 0008).
 */
export async function purgeAudit(options: {
  db: Db;
  retentionDays: number;
  now?: Date;
  districtCode?: string;
  actor?: AuditActor;
  dryRun?: boolean;
}): Promise<PurgeResult[]> {
  assertRetention(options.retentionDays);
  if (options.retentionDays === 0) return [];
  const now = options.now ?? new Date();
  const cutoff = new Date(now.getTime() - options.retentionDays * 86_400_000);
  const heads = await options.db.select().from(auditHeads);
  const results: PurgeResult[] = [];
  for (const { districtCode } of heads) {
    if (options.districtCode && options.districtCode !== districtCode) continue;
    const result = await options.db.transaction(async (tx) => {
      await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${`audit:${districtCode}`}))`);
      const [last] = await tx
        .select({ seq: auditLog.seq, hash: auditLog.hash })
        .from(auditLog)
        .where(and(eq(auditLog.districtCode, districtCode), lt(auditLog.at, cutoff)))
        .orderBy(desc(auditLog.seq))
        .limit(1);
      if (!last) return { districtCode, purged: 0, anchor: null };
      const [{ n } = { n: 0 }] = (
        (await tx.execute(
          sql`SELECT count(*)::int AS n FROM audit_log WHERE district_code = ${districtCode} AND seq <= ${last.seq}`,
        )) as unknown as { rows: { n: number }[] }
      ).rows;
      if (options.dryRun) return { districtCode, purged: n, anchor: last };
      await tx.execute(sql`SELECT set_config('jiedao.audit_purge', 'on', true)`);
      await tx
        .delete(auditLog)
        .where(and(eq(auditLog.districtCode, districtCode), lte(auditLog.seq, last.seq)));
      await tx.execute(sql`SELECT set_config('jiedao.audit_purge', 'off', true)`);
      const [previous] = await tx
        .select()
        .from(auditAnchors)
        .where(eq(auditAnchors.districtCode, districtCode));
      const purgedRows = (previous?.purgedRows ?? 0) + n;
      await tx
        .insert(auditAnchors)
        .values({ districtCode, seq: last.seq, hash: last.hash, purgedRows, at: now })
        .onConflictDoUpdate({
          target: auditAnchors.districtCode,
          set: { seq: last.seq, hash: last.hash, purgedRows, at: now },
        });
      await appendAudit(tx, {
        districtCode,
        actor: options.actor ?? SYSTEM_ACTOR,
        action: 'audit.purge',
        targetType: 'audit_log',
        targetId: districtCode,
        details: {
          anchorSeq: last.seq,
          anchorHash: last.hash,
          purged: n,
          purgedRows,
          before: cutoff.toISOString(),
          retentionDays: options.retentionDays,
        },
      });
      return { districtCode, purged: n, anchor: last };
    });
    results.push(result);
  }
  return results;
}
