import { and, asc, eq, gt } from 'drizzle-orm';
import type { Db } from '../db/connection.ts';
import { GENESIS_HASH, linkHash } from './hash.ts';
import { auditAnchors, auditHeads, auditLog } from './tables.ts';

export const EXPORT_FORMAT = 'jiedao-audit-export';

/** One exported row: every field the hash covers, plus prevHash and hash. */
export interface ExportedRow {
  districtCode: string;
  seq: number;
  at: string;
  actorId: string | null;
  actorLabel: string;
  action: string;
  targetType: string;
  targetId: string;
  result: string;
  details: Record<string, unknown>;
  requestId: string | null;
  prevHash: string;
  hash: string;
}

/**
 * Writes a district's audit chain as NDJSON for shipping to a separate, write-once store (a SIEM, an
 * object store with retention lock): a header line `{format, districtCode, afterSeq, anchor}`, one
 * line per row with its hashes, and a trailer `{headSeq, headHash, rows}`. `afterSeq` continues a
 * previous export; the receiving side checks each line with {@link verifyExportedChain}
 * (hash_n = SHA-256(hash_{n-1} + "\n" + canonical JSON of the row's fields), see hash.ts).
 */
export async function exportAudit(options: {
  db: Db;
  districtCode: string;
  afterSeq?: number;
  write: (line: string) => void | Promise<void>;
}): Promise<{ rows: number; headSeq: number; headHash: string }> {
  const { db, districtCode } = options;
  const [anchor] = await db.select().from(auditAnchors).where(eq(auditAnchors.districtCode, districtCode));
  let after = Math.max(options.afterSeq ?? 0, anchor?.seq ?? 0);
  await options.write(
    JSON.stringify({
      format: EXPORT_FORMAT,
      formatVersion: 1,
      districtCode,
      afterSeq: after,
      anchor: anchor ? { seq: anchor.seq, hash: anchor.hash } : null,
      exportedAt: new Date().toISOString(),
    }),
  );
  let rows = 0;
  let headSeq = after;
  let headHash = '';
  for (;;) {
    const page = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.districtCode, districtCode), gt(auditLog.seq, after)))
      .orderBy(asc(auditLog.seq))
      .limit(2000);
    for (const r of page) {
      const row: ExportedRow = { ...r, at: r.at.toISOString() };
      await options.write(JSON.stringify(row));
      rows++;
      headSeq = r.seq;
      headHash = r.hash;
    }
    if (page.length < 2000) break;
    after = page[page.length - 1]?.seq ?? after;
  }
  const [head] = await db.select().from(auditHeads).where(eq(auditHeads.districtCode, districtCode));
  await options.write(
    JSON.stringify({ trailer: true, rows, headSeq, headHash, chainHeadSeq: head?.seq ?? null }),
  );
  return { rows, headSeq, headHash };
}

/**
 * Re-checks an export line by line, as the separate store would: each row's hash, each link, no gap.
 * Starts from the header's anchor (or genesis, or the given previous hash of an earlier export).
 */
export function verifyExportedChain(
  lines: readonly string[],
  previous?: { seq: number; hash: string },
): { ok: boolean; rows: number; problems: string[] } {
  const problems: string[] = [];
  const header = JSON.parse(lines[0] ?? '{}') as {
    format?: string;
    afterSeq?: number;
    anchor?: { seq: number; hash: string } | null;
  };
  if (header.format !== EXPORT_FORMAT) return { ok: false, rows: 0, problems: ['not an audit export'] };
  // a continuation (afterSeq past the anchor) links to the previous export's last row
  const continuing = (header.afterSeq ?? 0) > (header.anchor?.seq ?? 0);
  let prevHash: string | null = previous?.hash ?? (continuing ? null : (header.anchor?.hash ?? GENESIS_HASH));
  let expected = (previous?.seq ?? header.afterSeq ?? 0) + 1;
  let rows = 0;
  for (const line of lines.slice(1)) {
    const value = JSON.parse(line) as ExportedRow & { trailer?: boolean };
    if (value.trailer) break;
    rows++;
    const { hash, prevHash: storedPrev, at, ...rest } = value;
    if (value.seq !== expected) problems.push(`gap before #${value.seq}`);
    if (prevHash !== null && storedPrev !== prevHash) problems.push(`#${value.seq}: broken link`);
    if (linkHash(storedPrev, { ...rest, at: new Date(at) }) !== hash) problems.push(`#${value.seq}: edited`);
    prevHash = hash;
    expected = value.seq + 1;
  }
  return { ok: problems.length === 0, rows, problems };
}
