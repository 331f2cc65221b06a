import { and, asc, eq, gt } from 'drizzle-orm';
import type { Db } from '../db/connection.ts';
import { GENESIS_HASH, linkHash } from './hash.ts';
import { auditAnchors, auditHeads, auditLog } from './tables.ts';

export interface AuditProblem {
  districtCode: string;
  seq: number;
  kind: 'edited' | 'broken_link' | 'missing' | 'head_mismatch' | 'anchor_mismatch';
  message: string;
}

export interface AuditVerifyResult {
  ok: boolean;
  chains: {
    districtCode: string;
    rows: number;
    headSeq: number;
    headHash: string;
    /** Where the retained chain starts after a retention purge (null: from the first row). */
    anchor?: { seq: number; hash: string; purgedRows: number } | null;
  }[];
  problems: AuditProblem[];
}

const PAGE = 5000;

/**
 * Recomputes every chain. An edited row fails its own hash; a deleted row leaves a gap in `seq` and a
 * broken link; a deleted tail no longer matches the recorded head. After a retention purge the chain
 * starts at the district's anchor (the last purged row's seq and hash), and the newest `audit.purge`
 * row of the chain must name that same anchor.
 */
export async function verifyAudit(
  db: Db,
  options: { districtCode?: string } = {},
): Promise<AuditVerifyResult> {
  const heads = await db.select().from(auditHeads);
  const anchors = await db.select().from(auditAnchors);
  // Districts from both tables: a chain whose head row was deleted must still be checked.
  const logged = await db.selectDistinct({ districtCode: auditLog.districtCode }).from(auditLog);
  const districts = new Set([...heads, ...logged].map((h) => h.districtCode));
  const result: AuditVerifyResult = { ok: true, chains: [], problems: [] };
  for (const districtCode of [...districts].sort()) {
    if (options.districtCode && options.districtCode !== districtCode) continue;
    const head = heads.find((h) => h.districtCode === districtCode);
    const anchor = anchors.find((a) => a.districtCode === districtCode);
    let prevHash = anchor?.hash ?? GENESIS_HASH;
    let expectedSeq = (anchor?.seq ?? 0) + 1;
    let rows = 0;
    let lastSeq = anchor?.seq ?? 0;
    let lastPurge: { seq: number; anchorSeq: unknown; anchorHash: unknown } | null = null;
    for (;;) {
      const page = await db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.districtCode, districtCode), gt(auditLog.seq, lastSeq)))
        .orderBy(asc(auditLog.seq))
        .limit(PAGE);
      for (const row of page) {
        rows++;
        if (row.seq !== expectedSeq) {
          result.problems.push({
            districtCode,
            seq: expectedSeq,
            kind: 'missing',
            message: `第 ${expectedSeq}–${row.seq - 1} 条记录缺失 (rows deleted)`,
          });
        }
        if (row.prevHash !== prevHash) {
          result.problems.push({
            districtCode,
            seq: row.seq,
            kind: 'broken_link',
            message: `第 ${row.seq} 条记录的前序哈希不符 (chain link broken)`,
          });
        }
        const { hash, prevHash: storedPrev, ...fields } = row;
        if (linkHash(storedPrev, fields) !== hash) {
          result.problems.push({
            districtCode,
            seq: row.seq,
            kind: 'edited',
            message: `第 ${row.seq} 条记录内容被篡改 (row edited)`,
          });
        }
        if (row.action === 'audit.purge')
          lastPurge = { seq: row.seq, anchorSeq: row.details.anchorSeq, anchorHash: row.details.anchorHash };
        prevHash = hash;
        expectedSeq = row.seq + 1;
        lastSeq = row.seq;
      }
      if (page.length < PAGE) break;
    }
    if (!head || head.seq !== lastSeq || head.hash !== prevHash) {
      result.problems.push({
        districtCode,
        seq: lastSeq,
        kind: 'head_mismatch',
        message: `链尾与记录的链头不符（链头 ${head?.seq ?? '无'}，实际 ${lastSeq}），末尾记录可能被删除 (head mismatch)`,
      });
    }
    if (
      anchor &&
      (!lastPurge || lastPurge.anchorSeq !== anchor.seq || lastPurge.anchorHash !== anchor.hash)
    ) {
      result.problems.push({
        districtCode,
        seq: anchor.seq,
        kind: 'anchor_mismatch',
        message: `起点锚（第 ${anchor.seq} 条）与链中最近的清理记录不符，早期记录可能被非法删除 (anchor not backed by an audit.purge row)`,
      });
    }
    result.chains.push({
      districtCode,
      rows,
      headSeq: lastSeq,
      headHash: prevHash,
      anchor: anchor ? { seq: anchor.seq, hash: anchor.hash, purgedRows: anchor.purgedRows } : null,
    });
  }
  result.ok = result.problems.length === 0;
  return result;
}
