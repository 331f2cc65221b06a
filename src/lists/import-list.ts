import { type AuditActor, appendAudit } from '../core/audit/append-audit.ts';
import type { Db } from '../core/db/connection.ts';
import { AppError, notFound } from '../core/errors.ts';
import { getUnitByCode, listUnits } from '../jurisdiction/store.ts';
import type { OrgUnitRow } from '../jurisdiction/tables.ts';
import { parseOrThrow } from '../policy/model.ts';
import {
  districtUnitCode,
  LIST_KIND_NAMES,
  type ListItemInput,
  type ListKind,
  listVersionMetaSchema,
  SCOPE_LEVELS,
} from './model.ts';
import { type ListFileProblem, parseListRows } from './parse-list-rows.ts';
import { publishVersion } from './publish-version.ts';
import { resolveDepartment } from './resolve-units.ts';
import type { ListVersionRow } from './tables.ts';

export interface ImportListResult {
  version: ListVersionRow;
  itemCount: number;
}

/**
 * Imports a list file (rows already read from CSV/Excel) as a new version of `kind` for a scope
 * unit (default: the whole district), with its title, approving document and effective date.
 * All or nothing: any problem in any row refuses the file with every problem listed
 * (`INVALID_LIST_FILE`). Audited with the version number and item count.
 */
export async function importList(options: {
  db: Db;
  districtCode: string;
  kind: ListKind;
  scopeCode?: string | undefined;
  meta: { title: string; approvingDocument: string; effectiveFrom: string };
  rows: readonly (readonly string[])[];
  fileName?: string | undefined;
  actor: AuditActor;
  requestId?: string | null;
  /** The route's jurisdiction check on the scope unit. */
  authorizeScope?: (unit: OrgUnitRow) => void;
}): Promise<ImportListResult> {
  const { db, districtCode, kind } = options;
  const meta = parseOrThrow(listVersionMetaSchema, options.meta, '清单版本信息无效 (invalid list version)');
  const scopeCode = options.scopeCode ?? districtUnitCode(districtCode);
  const scope = await getUnitByCode(db, scopeCode);
  if (!scope || scope.districtCode !== districtCode) throw notFound('清单适用单位', scopeCode);
  options.authorizeScope?.(scope);
  if (!SCOPE_LEVELS[kind].includes(scope.level)) {
    throw new AppError(
      'VALIDATION_FAILED',
      `${LIST_KIND_NAMES[kind]}不能适用于该单位：${scope.name} (list kind not allowed for this unit level)`,
      { kind, level: scope.level, allowed: SCOPE_LEVELS[kind] },
    );
  }
  const parsed = parseListRows(kind, options.rows);
  const problems: ListFileProblem[] = [...parsed.problems];
  const departments = await listUnits(db, {
    districtCode,
    withinPath: `/${districtUnitCode(districtCode)}/`,
    tree: 'department',
    limit: 100_000,
  });
  // A district-wide responsibility list must say whose responsibility each item is.
  const needsUnit = kind === 'department_responsibility' && scope.tree === 'division';
  const items: ListItemInput[] = parsed.items.map((item) => {
    let responsibleUnitCode: string | null = null;
    if (item.responsibleUnit) {
      const dept = resolveDepartment(departments, item.responsibleUnit);
      if (dept) responsibleUnitCode = dept.code;
      else
        problems.push({
          row: item.row,
          column: '责任部门',
          message: `未知或不唯一的部门：${item.responsibleUnit}`,
        });
    } else if (needsUnit) {
      problems.push({ row: item.row, column: '责任部门', message: '区级部门职责清单须填写责任部门' });
    }
    return {
      itemCode: item.itemCode,
      name: item.name,
      category: item.category,
      demandCategories: item.demandCategories,
      responsibleUnitCode,
      basis: item.basis,
      details: item.details,
      transfers: null,
    };
  });
  if (problems.length > 0) {
    problems.sort((a, b) => a.row - b.row);
    throw new AppError(
      'INVALID_LIST_FILE',
      `清单文件有 ${problems.length} 处问题，未导入（第${problems[0]?.row}行：${problems[0]?.message}） (list file refused)`,
      { problems },
    );
  }
  return db.transaction(async (tx) => {
    const version = await publishVersion(tx, {
      kind,
      scope,
      meta,
      items,
      origin: 'import',
      fileName: options.fileName ?? null,
      createdBy: options.actor.label,
    });
    await appendAudit(tx, {
      districtCode,
      actor: options.actor,
      action: 'list.import',
      targetType: 'list_version',
      targetId: version.id,
      details: {
        kind,
        scopeCode: scope.code,
        versionNo: version.versionNo,
        itemCount: items.length,
        approvingDocument: meta.approvingDocument,
        effectiveFrom: meta.effectiveFrom,
        ...(options.fileName ? { fileName: options.fileName } : {}),
      },
      requestId: options.requestId ?? null,
    });
    return { version, itemCount: items.length };
  });
}
