import { booleanPointInPolygon } from '@turf/boolean-point-in-polygon';
import Flatbush from 'flatbush';
import { bbox, type Geometry } from './geometry.ts';

/** What the index needs of a grid: the ids to answer with and its boundary. */
/** A unit above the grids — the district, a street, a community (no boundary). */
export interface IndexedAncestor {
  id: string;
  code: string;
  name: string;
  path: string;
  level: string;
}

export interface IndexedGrid {
  id: string;
  code: string;
  name: string;
  /** Org-unit path of the grid, e.g. "/district/street/community/grid/". */
  path: string;
  boundary: Geometry;
}

/**
 * In-memory spatial index of one district's grids: an R-tree (Flatbush) over bounding boxes narrows a
 * point to a few candidates, then an exact point-in-polygon test decides. Immutable: a change of grids
 * builds a new index (see GeoIndexRegistry).
 */
export class GridIndex {
  readonly size: number;
  private readonly tree: Flatbush | null;
  private readonly grids: IndexedGrid[];
  private readonly above: Map<string, IndexedAncestor>;

  /**
   * `ancestors`: the district's unit, streets and communities, read with the grids, so a located grid's
   * community and street need no query (they change only with the grids: a grid import rebuilds).
   */
  constructor(grids: IndexedGrid[], ancestors: readonly IndexedAncestor[] = []) {
    this.grids = grids;
    this.above = new Map(ancestors.map((a) => [a.code, a]));
    this.size = grids.length;
    if (grids.length === 0) {
      this.tree = null;
      return;
    }
    const tree = new Flatbush(grids.length);
    for (const g of grids) tree.add(...bbox(g.boundary));
    tree.finish();
    this.tree = tree;
  }

  /** The district, a street or a community by code, as read with the grids (undefined: not known). */
  ancestor(code: string): IndexedAncestor | undefined {
    return this.above.get(code);
  }

  /** The grid containing (lng, lat), or null when the point is in no grid. */
  locate(lng: number, lat: number): IndexedGrid | null {
    if (!this.tree || !Number.isFinite(lng) || !Number.isFinite(lat)) return null;
    const point: [number, number] = [lng, lat];
    for (const i of this.tree.search(lng, lat, lng, lat)) {
      const grid = this.grids[i];
      if (grid && booleanPointInPolygon(point, grid.boundary)) return grid;
    }
    return null;
  }
}
