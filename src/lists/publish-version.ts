import { sql } from 'drizzle-orm';
import type { Db } from '../core/db/connection.ts';
import { AppError } from '../core/errors.ts';
import { uuidv7 } from '../core/ids.ts';
import type { OrgUnitRow } from '../jurisdiction/tables.ts';
import type { ListItemInput, ListKind, ListVersionMeta } from './model.ts';
import { closeOpenVersions, insertVersion, latestVersionOf } from './store.ts';
import type { ListVersionRow } from './tables.ts';

/**
 * Writes a new version of a unit's list inside the caller's transaction: the next version number,
 * the open version closed on the new effective date, the items. Both an import and an approved
 * access item go through here, so versioning has one set of rules. A version may not take effect
 * before the latest one (history is append-only) → `CONFLICT`.
 */
export async function publishVersion(
  tx: Db,
  options: {
    kind: ListKind;
    scope: OrgUnitRow;
    meta: ListVersionMeta;
    items: (ListItemInput & { proposalId?: string | null })[];
    origin: 'import' | 'approval';
    fileName?: string | null;
    createdBy: string;
  },
): Promise<ListVersionRow> {
  const { kind, scope, meta } = options;
  // One writer per list at a time: the version number and the closing of the open version are a pair.
  await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${`lists:${scope.code}:${kind}`}))`);
  const latest = await latestVersionOf(tx, scope.code, kind);
  if (latest && meta.effectiveFrom < latest.effectiveFrom) {
    throw new AppError(
      'CONFLICT',
      `新版本生效日期 ${meta.effectiveFrom} 早于现行第${latest.versionNo}版（${latest.effectiveFrom}） (effective date before the latest version)`,
      { latestVersionId: latest.id, latestEffectiveFrom: latest.effectiveFrom },
    );
  }
  await closeOpenVersions(tx, scope.code, kind, meta.effectiveFrom);
  const version: ListVersionRow = {
    id: uuidv7(),
    districtCode: scope.districtCode,
    kind,
    scopeCode: scope.code,
    scopePath: scope.path,
    versionNo: (latest?.versionNo ?? 0) + 1,
    title: meta.title,
    approvingDocument: meta.approvingDocument,
    effectiveFrom: meta.effectiveFrom,
    effectiveTo: null,
    origin: options.origin,
    fileName: options.fileName ?? null,
    createdBy: options.createdBy,
    createdAt: new Date(),
  };
  await insertVersion(
    tx,
    version,
    options.items.map((item, i) => ({
      id: uuidv7(),
      districtCode: scope.districtCode,
      versionId: version.id,
      kind,
      itemCode: item.itemCode,
      name: item.name,
      category: item.category,
      demandCategories: item.demandCategories,
      responsibleUnitCode: item.responsibleUnitCode,
      basis: item.basis,
      details: item.details,
      transfers: item.transfers,
      proposalId: item.proposalId ?? null,
      sort: i,
    })),
  );
  return version;
}
