/** The GeoJSON geometry kinds a boundary may have (RFC 7946, lng/lat WGS84). */
export type Position = [number, number];
export interface Polygon {
  type: 'Polygon';
  coordinates: Position[][];
}
export interface MultiPolygon {
  type: 'MultiPolygon';
  coordinates: Position[][][];
}
export type Geometry = Polygon | MultiPolygon;

/** Bounding box [minLng, minLat, maxLng, maxLat] of a polygonal geometry. */
export function bbox(geometry: Geometry): [number, number, number, number] {
  let minX = Number.POSITIVE_INFINITY;
  let minY = Number.POSITIVE_INFINITY;
  let maxX = Number.NEGATIVE_INFINITY;
  let maxY = Number.NEGATIVE_INFINITY;
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  for (const polygon of polygons) {
    for (const ring of polygon) {
      for (const [x, y] of ring) {
        if (x < minX) minX = x;
        if (y < minY) minY = y;
        if (x > maxX) maxX = x;
        if (y > maxY) maxY = y;
      }
    }
  }
  return [minX, minY, maxX, maxY];
}

/** A closed rectangle ring as a Polygon (the demo tessellation is made of them). */
export function rectangle(minX: number, minY: number, maxX: number, maxY: number): Polygon {
  const r = (v: number) => Math.round(v * 1e6) / 1e6;
  return {
    type: 'Polygon',
    coordinates: [
      [
        [r(minX), r(minY)],
        [r(maxX), r(minY)],
        [r(maxX), r(maxY)],
        [r(minX), r(maxY)],
        [r(minX), r(minY)],
      ],
    ],
  };
}
