import { and, asc, eq, gt } from 'drizzle-orm';
import type { Db } from '../db/connection.ts';
import { GENESIS_HASH, linkHash } from './hash.ts';
import { auditHeads, auditLog } from './tables.ts';

export interface AuditProblem {
  districtCode: string;
  seq: number;
  kind: 'edited' | 'broken_link' | 'missing' | 'head_mismatch';
  message: string;
}

export interface AuditVerifyResult {
  ok: boolean;
  chains: { districtCode: string; rows: number; headSeq: number; headHash: string }[];
  problems: AuditProblem[];
}

const PAGE = 5000;

/**
 * Recomputes every chain. An edited row fails its own hash; a deleted row leaves a gap in `seq` and a
 * broken link; a deleted tail no longer matches the recorded head.
 */
export async function verifyAudit(
  db: Db,
  options: { districtCode?: string } = {},
): Promise<AuditVerifyResult> {
  const heads = await db.select().from(auditHeads);
  // Districts from both tables: a chain whose head row was deleted must still be checked.
  const logged = await db.selectDistinct({ districtCode: auditLog.districtCode }).from(auditLog);
  const districts = new Set([...heads, ...logged].map((h) => h.districtCode));
  const result: AuditVerifyResult = { ok: true, chains: [], problems: [] };
  for (const districtCode of [...districts].sort()) {
    if (options.districtCode && options.districtCode !== districtCode) continue;
    const head = heads.find((h) => h.districtCode === districtCode);
    let prevHash = GENESIS_HASH;
    let expectedSeq = 1;
    let rows = 0;
    let lastSeq = 0;
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
    result.chains.push({ districtCode, rows, headSeq: lastSeq, headHash: prevHash });
  }
  result.ok = result.problems.length === 0;
  return result;
}
