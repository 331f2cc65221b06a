import { booleanPointInPolygon } from '@turf/boolean-point-in-polygon';
import Flatbush from 'flatbush';
import { bbox, type Geometry } from './geometry.ts';

/** What the index needs of a grid: the ids to answer with and its boundary. */
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

  constructor(grids: IndexedGrid[]) {
    this.grids = grids;
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
