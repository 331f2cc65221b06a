import { beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../src/core/audit/append-audit.ts';
import type { Database } from '../../src/core/db/connection.ts';
import { GeoIndexRegistry } from '../../src/jurisdiction/geo-registry.ts';
import { rectangle } from '../../src/jurisdiction/geometry.ts';
import { importGrids } from '../../src/jurisdiction/import-grids.ts';
import { locatePoint } from '../../src/jurisdiction/locate-point.ts';
import { countUnitsByLevel } from '../../src/jurisdiction/store.ts';
import { openTestDatabase } from '../db.ts';
import { buildDemoDistrict, centreOf, unitByCode } from '../factories.ts';

let database: Database;
const geo = new GeoIndexRegistry();
beforeAll(async () => {
  database = await openTestDatabase({ demo: true });
  await buildDemoDistrict(database);
});

describe('geolocation through the in-memory spatial index', () => {
  it('locates the centre of every grid of a community to that grid, its community and street', async () => {
    const community = await unitByCode(database, '110107001003');
    const counts = await countUnitsByLevel(database.db, '110107');
    expect(counts.grid).toBeGreaterThan(153 * 2);
    for (let seq = 1; seq <= 2; seq++) {
      const grid = await unitByCode(database, `${community.code}${String(seq).padStart(3, '0')}`);
      const [lng, lat] = centreOf(grid);
      const hit = await locatePoint({ db: database.db, geo, districtCode: '110107', lng, lat });
      expect(hit?.grid.code).toBe(grid.code);
      expect(hit?.community?.name).toBe('玉泉路西社区');
      expect(hit?.street?.name).toBe('八宝山街道');
    }
  });

  it('answers null for a point outside every grid', async () => {
    expect(await locatePoint({ db: database.db, geo, districtCode: '110107', lng: 0, lat: 0 })).toBeNull();
  });
});

describe('grids import from GeoJSON', () => {
  const community = '110107001003';

  it('creates new grids and updates known ones, then geolocation sees the change', async () => {
    const grid1 = await unitByCode(database, `${community}001`);
    const [cx, cy] = centreOf(grid1);
    const before = await locatePoint({ db: database.db, geo, districtCode: '110107', lng: cx, lat: cy });
    expect(before?.grid.code).toBe(`${community}001`);
    // Shrink grid 001 to a sliver and add grid 050 over its old centre.
    const result = await importGrids({
      db: database.db,
      actor: SYSTEM_ACTOR,
      geojson: {
        type: 'FeatureCollection',
        features: [
          {
            type: 'Feature',
            properties: { code: `${community}001`, name: '一号网格' },
            geometry: rectangle(cx - 0.002, cy + 0.0005, cx + 0.002, cy + 0.001),
          },
          {
            type: 'Feature',
            properties: { community_code: community, seq: 50 },
            geometry: rectangle(cx - 0.0005, cy - 0.0005, cx + 0.0005, cy + 0.0004),
          },
        ],
      },
    });
    expect(result).toMatchObject({ districtCode: '110107', created: 1, updated: 1 });
    const after = await locatePoint({ db: database.db, geo, districtCode: '110107', lng: cx, lat: cy });
    expect(after?.grid.code).toBe(`${community}050`);
    expect(after?.community?.code).toBe(community);
    expect((await unitByCode(database, `${community}001`)).name).toBe('一号网格');
  });

  it('rejects the whole file when any feature is bad, naming each problem, and changes nothing', async () => {
    const before = await countUnitsByLevel(database.db, '110107');
    const err = await importGrids({
      db: database.db,
      actor: SYSTEM_ACTOR,
      geojson: {
        type: 'FeatureCollection',
        features: [
          {
            type: 'Feature',
            properties: { code: `${community}060` },
            geometry: rectangle(116.2, 39.9, 116.21, 39.91),
          },
          { type: 'Feature', properties: { code: '12345' }, geometry: rectangle(116.2, 39.9, 116.21, 39.91) },
          {
            type: 'Feature',
            properties: { code: `${community}061` },
            geometry: {
              type: 'Polygon',
              coordinates: [
                [
                  [116.2, 39.9],
                  [116.3, 39.9],
                  [116.3, 40],
                  [116.25, 40.1],
                ],
              ],
            },
          },
          {
            type: 'Feature',
            properties: { code: `${community}062` },
            geometry: { type: 'Point', coordinates: [1, 2] },
          },
        ],
      },
    }).catch((e) => e);
    expect(err.code).toBe('INVALID_GEOJSON');
    expect(err.details.problems.map((p: { feature: number }) => p.feature)).toEqual([2, 3, 4]);
    expect(await countUnitsByLevel(database.db, '110107')).toEqual(before);
  });

  it('rejects grids of a community that does not exist', async () => {
    const err = await importGrids({
      db: database.db,
      actor: SYSTEM_ACTOR,
      geojson: {
        type: 'FeatureCollection',
        features: [
          {
            type: 'Feature',
            properties: { code: '110107001999001' },
            geometry: rectangle(116.2, 39.9, 116.21, 39.91),
          },
        ],
      },
    }).catch((e) => e);
    expect(err.code).toBe('INVALID_GRID_CODE');
    expect(err.details.communities).toEqual(['110107001999']);
  });

  it('rejects something that is not a FeatureCollection', async () => {
    const err = await importGrids({ db: database.db, actor: SYSTEM_ACTOR, geojson: { hello: 1 } }).catch(
      (e) => e,
    );
    expect(err.code).toBe('INVALID_GEOJSON');
  });
});
