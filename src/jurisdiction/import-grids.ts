import { booleanPointInPolygon } from '@turf/boolean-point-in-polygon';
import { eq, inArray } from 'drizzle-orm';
import { type AuditActor, appendAudit } from '../core/audit/append-audit.ts';
import type { Db } from '../core/db/connection.ts';
import { AppError } from '../core/errors.ts';
import { uuidv7 } from '../core/ids.ts';
import { bbox } from './geometry.ts';
import { parseGridCollection } from './grid-geojson.ts';
import { childPath } from './levels.ts';
import { bumpGridsVersion, insertOrgUnits, type NewOrgUnit } from './store.ts';
import { orgUnits } from './tables.ts';

export interface ImportGridsOptions {
  db: Db;
  geojson: unknown;
  actor: AuditActor;
  /** When given, every grid must belong to this district (an admin imports only into their own). */
  districtCode?: string;
  requestId?: string | null;
}

export interface ImportGridsResult {
  districtCode: string;
  created: number;
  updated: number;
  warnings: string[];
}

/**
 * Imports grid boundaries: new codes are created under their community, known codes get the new
 * boundary/name. All or nothing: one bad feature or unknown community and nothing changes.
 */
export async function importGrids(options: ImportGridsOptions): Promise<ImportGridsResult> {
  const features = parseGridCollection(options.geojson);
  if (features.length === 0) throw new AppError('INVALID_GEOJSON', '文件中没有网格要素 (no features)');
  return options.db.transaction(async (tx) => {
    const communityCodes = [...new Set(features.map((f) => f.communityCode))];
    const communities = await tx.select().from(orgUnits).where(inArray(orgUnits.code, communityCodes));
    const byCode = new Map(communities.filter((c) => c.level === 'community').map((c) => [c.code, c]));
    const unknown = communityCodes.filter((c) => !byCode.has(c));
    if (unknown.length > 0) {
      throw new AppError(
        'INVALID_GRID_CODE',
        `网格所属社区不存在：${unknown.join('、')} (unknown community)`,
        {
          communities: unknown,
        },
      );
    }
    const districts = new Set(communities.map((c) => c.districtCode));
    if (districts.size !== 1 || (options.districtCode && !districts.has(options.districtCode))) {
      throw new AppError('FORBIDDEN_SCOPE', '一次只能导入本区的网格 (grids must belong to your district)', {
        districts: [...districts],
      });
    }
    const districtCode = [...districts][0] as string;
    const existing = await tx
      .select({ id: orgUnits.id, code: orgUnits.code, level: orgUnits.level })
      .from(orgUnits)
      .where(
        inArray(
          orgUnits.code,
          features.map((f) => f.code),
        ),
      );
    const existingByCode = new Map(existing.map((e) => [e.code, e]));
    const warnings: string[] = [];
    const inserts: NewOrgUnit[] = [];
    let updated = 0;
    for (const f of features) {
      const community = byCode.get(f.communityCode);
      if (!community) continue;
      if (community.boundary) {
        const [x0, y0, x1, y1] = bbox(f.boundary);
        if (!booleanPointInPolygon([(x0 + x1) / 2, (y0 + y1) / 2], community.boundary)) {
          warnings.push(`网格 ${f.code} 的中心不在社区“${community.name}”边界内，请核对`);
        }
      }
      const seq = Number(f.code.slice(12));
      const name = f.name ?? `${community.shortName}第${seq}网格`;
      const found = existingByCode.get(f.code);
      if (found) {
        if (found.level !== 'grid') {
          throw new AppError('INVALID_GRID_CODE', `编码 ${f.code} 已被非网格单位占用 (code in use)`);
        }
        await tx
          .update(orgUnits)
          .set({ boundary: f.boundary, name, shortName: `第${seq}网格`, updatedAt: new Date() })
          .where(eq(orgUnits.id, found.id));
        updated++;
      } else {
        inserts.push({
          id: uuidv7(),
          districtCode,
          code: f.code,
          name,
          shortName: `第${seq}网格`,
          tree: 'division',
          level: 'grid',
          parentId: community.id,
          path: childPath(community.path, f.code),
          sort: seq,
          boundary: f.boundary,
        });
      }
    }
    await insertOrgUnits(tx, inserts);
    await bumpGridsVersion(tx, districtCode);
    await appendAudit(tx, {
      districtCode,
      actor: options.actor,
      action: 'grids.import',
      targetType: 'jurisdiction',
      targetId: districtCode,
      details: { created: inserts.length, updated, warnings: warnings.length },
      requestId: options.requestId ?? null,
    });
    return { districtCode, created: inserts.length, updated, warnings };
  });
}
