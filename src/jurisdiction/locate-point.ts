import type { Db } from '../core/db/connection.ts';
import type { IndexedAncestor } from './geo-index.ts';
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
  const ref = (u: LocatedUnit) => ({ id: u.id, code: u.code, name: u.name, path: u.path });
  // The grid's path names its chain. The units above the grid come from the index (read with the
  // grids); when it does not know one (created since, without a grid import) the chain is read, in one
  // query without boundaries, which also checks that the grid still exists.
  const codes = hit.path.split('/').filter(Boolean);
  const above = codes.slice(0, -1).map((c) => index.ancestor(c));
  let chain: { id: string; code: string; name: string; path: string; level: string }[];
  if (above.every((u) => u !== undefined)) chain = above as IndexedAncestor[];
  else {
    chain = await getUnitSummariesByCodes(options.db, codes);
    if (!chain.some((u) => u.id === hit.id)) return null; // the grid is gone
  }
  const pick = (level: string) => {
    const u = chain.find((c) => c.level === level);
    return u ? ref(u) : null;
  };
  return { grid: ref(hit), community: pick('community'), street: pick('street') };
}
