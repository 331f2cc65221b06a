import type { Db } from '../core/db/connection.ts';
import type { GeoIndexRegistry } from './geo-registry.ts';
import { getUnitSummariesByCodes } from './store.ts';

export interface LocatedUnit {
  id: string;
  code: string;
  name: string;
  path: string;
}
export interface Location {
  grid: LocatedUnit;
  community: LocatedUnit | null;
  street: LocatedUnit | null;
}

/** The grid (and its community and street) containing a point, or null when it is in no grid. */
export async function locatePoint(options: {
  db: Db;
  geo: GeoIndexRegistry;
  districtCode: string;
  lng: number;
  lat: number;
  /** The district's grids_version when the caller already read it (see GeoIndexRegistry.get). */
  gridsVersion?: number;
}): Promise<Location | null> {
  const index = await options.geo.get(options.db, options.districtCode, options.gridsVersion);
  const hit = index.locate(options.lng, options.lat);
  if (!hit) return null;
  // The grid and its ancestors in one query (the grid's path names them all), without boundaries.
  const chain = await getUnitSummariesByCodes(options.db, hit.path.split('/').filter(Boolean));
  if (!chain.some((u) => u.id === hit.id)) return null; // the grid is gone
  const pick = (level: string) => {
    const u = chain.find((c) => c.level === level);
    return u ? { id: u.id, code: u.code, name: u.name, path: u.path } : null;
  };
  return {
    grid: { id: hit.id, code: hit.code, name: hit.name, path: hit.path },
    community: pick('community'),
    street: pick('street'),
  };
}
