import type { DivisionDistrict } from './division-data.ts';
import { type Polygon, rectangle } from './geometry.ts';

/**
 * The demo's synthetic but valid geography: the district is a rectangle, streets tile it, communities
 * tile their street, grids tile their community — so every grid lies inside its community inside its
 * street, and geolocation and maps work. Real boundaries come in with `jiedao grids import`.
 * Everything is derived from the division codes, so the same district always gets the same layout.
 */

export interface DemoCommunity {
  code: string;
  boundary: Polygon;
  households: number;
  population: number;
  areaKm2: number;
  flags: string[];
  grids: { code: string; name: string; boundary: Polygon }[];
}
export interface DemoLayout {
  district: { boundary: Polygon; areaKm2: number };
  streets: Map<string, { boundary: Polygon; areaKm2: number }>;
  communities: Map<string, DemoCommunity>;
}

// Approximate seat of each province-level unit (lng, lat): only to place a demo district plausibly.
const PROVINCE_SEATS: Record<string, [number, number]> = {
  '11': [116.4, 39.9],
  '12': [117.2, 39.12],
  '13': [114.5, 38.04],
  '14': [112.55, 37.87],
  '15': [111.75, 40.84],
  '21': [123.43, 41.8],
  '22': [125.32, 43.9],
  '23': [126.53, 45.8],
  '31': [121.47, 31.23],
  '32': [118.8, 32.06],
  '33': [120.15, 30.28],
  '34': [117.23, 31.82],
  '35': [119.3, 26.08],
  '36': [115.86, 28.68],
  '37': [117.0, 36.65],
  '41': [113.62, 34.75],
  '42': [114.3, 30.6],
  '43': [112.94, 28.23],
  '44': [113.26, 23.13],
  '45': [108.37, 22.82],
  '46': [110.35, 20.02],
  '50': [106.55, 29.56],
  '51': [104.07, 30.67],
  '52': [106.71, 26.6],
  '53': [102.71, 25.04],
  '54': [91.13, 29.65],
  '61': [108.94, 34.34],
  '62': [103.83, 36.06],
  '63': [101.78, 36.62],
  '64': [106.23, 38.49],
  '65': [87.62, 43.82],
};

/** Deterministic pseudo-random in [0, 1) from a string (FNV-1a). */
export function unitRandom(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0) / 2 ** 32;
}

const COMMUNITY_DEG = 0.009; // ≈ 1 km north-south
const KM_PER_DEG_LAT = 111.32;

/** Splits a box into `n` cells in rows×cols, numbered west→east, north→south; the last row stretches. */
function splitBox(
  [minX, minY, maxX, maxY]: [number, number, number, number],
  n: number,
): [number, number, number, number][] {
  const cols = Math.ceil(Math.sqrt(n));
  const rows = Math.ceil(n / cols);
  const cells: [number, number, number, number][] = [];
  const h = (maxY - minY) / rows;
  for (let r = 0; r < rows; r++) {
    const inRow = Math.min(cols, n - r * cols);
    const w = (maxX - minX) / inRow;
    const top = maxY - r * h;
    for (let c = 0; c < inRow; c++) cells.push([minX + c * w, top - h, minX + (c + 1) * w, top]);
  }
  return cells;
}

function areaKm2([minX, minY, maxX, maxY]: [number, number, number, number]): number {
  const midLat = ((minY + maxY) / 2) * (Math.PI / 180);
  const km2 = (maxX - minX) * KM_PER_DEG_LAT * Math.cos(midLat) * (maxY - minY) * KM_PER_DEG_LAT;
  return Math.round(km2 * 100) / 100;
}

/** Demo households etc. for one community: plausible spreads, flagged as demo values by the caller. */
function demoAttributes(code: string): Pick<DemoCommunity, 'households' | 'population' | 'flags'> {
  const households = 800 + Math.round(unitRandom(`${code}:hh`) * 5200);
  const population = Math.round(households * (2.3 + unitRandom(`${code}:pp`) * 0.6));
  const flags: string[] = [];
  if (unitRandom(`${code}:old`) < 0.25) flags.push('old_compound');
  if (unitRandom(`${code}:prop`) < 0.15) flags.push('no_property');
  if (unitRandom(`${code}:eld`) < 0.2) flags.push('elderly');
  if (unitRandom(`${code}:com`) < 0.1) flags.push('commercial');
  return { households, population, flags };
}

/** Builds the whole layout for a district read from the division data. */
export function layoutDemoDistrict(district: DivisionDistrict): DemoLayout {
  const seat = PROVINCE_SEATS[district.code6.slice(0, 2)] ?? [110, 32];
  // Offset districts of one province from each other, deterministically.
  const cx = seat[0] + (unitRandom(`${district.code6}:x`) - 0.5) * 0.4;
  const cy = seat[1] + (unitRandom(`${district.code6}:y`) - 0.5) * 0.3;
  const lngPerLat = 1 / Math.cos(cy * (Math.PI / 180));

  const perStreet = Math.max(1, ...district.streets.map((s) => s.communities.length));
  const streetCols = Math.ceil(Math.sqrt(perStreet));
  const streetRows = Math.ceil(perStreet / streetCols);
  const streetW = streetCols * COMMUNITY_DEG * lngPerLat;
  const streetH = streetRows * COMMUNITY_DEG;
  const nStreets = Math.max(1, district.streets.length);
  const cols = Math.ceil(Math.sqrt(nStreets));
  const rows = Math.ceil(nStreets / cols);
  const box: [number, number, number, number] = [
    cx - (cols * streetW) / 2,
    cy - (rows * streetH) / 2,
    cx + (cols * streetW) / 2,
    cy + (rows * streetH) / 2,
  ];
  const layout: DemoLayout = {
    district: { boundary: rectangle(...box), areaKm2: areaKm2(box) },
    streets: new Map(),
    communities: new Map(),
  };
  const streetBoxes = splitBox(box, nStreets);
  district.streets.forEach((street, i) => {
    const sBox = streetBoxes[i] as [number, number, number, number];
    layout.streets.set(street.code, { boundary: rectangle(...sBox), areaKm2: areaKm2(sBox) });
    const cBoxes = splitBox(sBox, Math.max(1, street.communities.length));
    street.communities.forEach((community, j) => {
      const cBox = cBoxes[j] as [number, number, number, number];
      const attrs = demoAttributes(community.code);
      // One grid per ~400 households, as grid work plans commonly size them; 2–9 per community.
      const nGrids = Math.min(9, Math.max(2, Math.round(attrs.households / 400)));
      const grids = splitBox(cBox, nGrids).map((g, k) => ({
        code: `${community.code}${String(k + 1).padStart(3, '0')}`,
        name: `第${k + 1}网格`,
        boundary: rectangle(...g),
      }));
      layout.communities.set(community.code, {
        code: community.code,
        boundary: rectangle(...cBox),
        areaKm2: areaKm2(cBox),
        ...attrs,
        grids,
      });
    });
  });
  return layout;
}
