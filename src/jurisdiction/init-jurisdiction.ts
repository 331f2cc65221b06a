import { type AuditActor, appendAudit } from '../core/audit/append-audit.ts';
import type { Db } from '../core/db/connection.ts';
import { AppError } from '../core/errors.ts';
import { uuidv7 } from '../core/ids.ts';
import { layoutDemoDistrict } from './demo-layout.ts';
import { loadDivisionDistrict, shortCommunityName } from './division-data.ts';
import { childPath } from './levels.ts';
import { loadDepartmentTemplate } from './load-departments.ts';
import { countUnitsByLevel, getJurisdiction, insertOrgUnits, type NewOrgUnit } from './store.ts';
import { jurisdictions } from './tables.ts';

export interface InitJurisdictionOptions {
  db: Db;
  division: string;
  /** Also generate demo geography, demo attributes and the demo department set. */
  demo?: boolean;
  actor: AuditActor;
  policyProfile?: string;
}

export interface JurisdictionSummary {
  districtCode: string;
  name: string;
  fullName: string;
  counts: Record<string, number>;
  demo: boolean;
}

/**
 * Builds a district from the real division data: the district, its streets/townships and
 * communities/villages with their 12-digit codes. With `demo`, adds a synthetic tessellation of grids,
 * demo households/population/area (marked as demo values) and a realistic department tree.
 */
export async function initJurisdiction(options: InitJurisdictionOptions): Promise<JurisdictionSummary> {
  const division = await loadDivisionDistrict(options.division);
  const demo = options.demo ?? false;
  return options.db.transaction(async (tx) => {
    if (await getJurisdiction(tx, division.code6)) {
      throw new AppError(
        'ALREADY_INITIALIZED',
        `辖区 ${division.fullName}（${division.code6}）已初始化 (jurisdiction already initialised)`,
        { districtCode: division.code6 },
      );
    }
    await tx.insert(jurisdictions).values({
      districtCode: division.code6,
      name: division.name,
      fullName: division.fullName,
      provinceName: division.provinceName,
      cityName: division.cityName,
      policyProfile: options.policyProfile ?? 'generic',
      isDemo: demo,
      geometryIsSynthetic: demo,
    });
    const layout = demo ? layoutDemoDistrict(division) : undefined;
    const districtCode = division.code6;
    const districtId = uuidv7();
    const districtPath = childPath('/', division.code);
    const rows: NewOrgUnit[] = [
      {
        id: districtId,
        districtCode,
        code: division.code,
        name: division.fullName,
        shortName: division.name,
        tree: 'division',
        level: 'district',
        path: districtPath,
        boundary: layout?.district.boundary ?? null,
        areaKm2: layout?.district.areaKm2 ?? null,
        attrsAreDemo: demo,
      },
    ];
    const streetIds = new Map<string, { id: string; path: string; name: string }>();
    division.streets.forEach((street, i) => {
      const id = uuidv7();
      const path = childPath(districtPath, street.code);
      streetIds.set(street.code, { id, path, name: street.name });
      const geo = layout?.streets.get(street.code);
      rows.push({
        id,
        districtCode,
        code: street.code,
        name: street.name,
        shortName: street.name,
        tree: 'division',
        level: 'street',
        parentId: districtId,
        path,
        sort: i,
        boundary: geo?.boundary ?? null,
        areaKm2: geo?.areaKm2 ?? null,
        attrsAreDemo: demo,
      });
      street.communities.forEach((community, j) => {
        const cid = uuidv7();
        const cpath = childPath(path, community.code);
        const c = layout?.communities.get(community.code);
        rows.push({
          id: cid,
          districtCode,
          code: community.code,
          name: community.name,
          shortName: shortCommunityName(community.name),
          tree: 'division',
          level: 'community',
          parentId: id,
          path: cpath,
          sort: j,
          households: c?.households ?? null,
          population: c?.population ?? null,
          areaKm2: c?.areaKm2 ?? null,
          flags: c?.flags ?? [],
          boundary: c?.boundary ?? null,
          attrsAreDemo: demo,
        });
        c?.grids.forEach((grid, k) => {
          rows.push({
            id: uuidv7(),
            districtCode,
            code: grid.code,
            name: `${shortCommunityName(community.name)}${grid.name}`,
            shortName: grid.name,
            tree: 'division',
            level: 'grid',
            parentId: cid,
            path: childPath(cpath, grid.code),
            sort: k,
            boundary: grid.boundary,
            attrsAreDemo: demo,
          });
        });
      });
    });
    if (demo) {
      rows.push(
        ...loadDepartmentTemplate({ division, districtId, districtPath, streets: [...streetIds.entries()] }),
      );
    }
    await insertOrgUnits(tx, rows);
    const counts = await countUnitsByLevel(tx, districtCode);
    await appendAudit(tx, {
      districtCode,
      actor: options.actor,
      action: 'jurisdiction.init',
      targetType: 'jurisdiction',
      targetId: districtCode,
      details: { division: division.code6, name: division.fullName, demo, counts },
    });
    return { districtCode, name: division.name, fullName: division.fullName, counts, demo };
  });
}
