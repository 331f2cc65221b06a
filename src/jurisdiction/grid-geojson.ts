import { z } from 'zod';
import { AppError } from '../core/errors.ts';
import type { Geometry } from './geometry.ts';

/**
 * Pure parsing and validation of a grid GeoJSON FeatureCollection. Each feature names its grid by
 * `code` (15 digits = community code + 3-digit sequence) or by `community_code` + `seq`.
 */

const Position = z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)]).rest(z.number());
const Ring = z.array(Position).min(4, '多边形的环至少需要 4 个点（首尾相同）');
const PolygonSchema = z.object({ type: z.literal('Polygon'), coordinates: z.array(Ring).min(1) });
const MultiPolygonSchema = z.object({
  type: z.literal('MultiPolygon'),
  coordinates: z.array(z.array(Ring).min(1)).min(1),
});
const Feature = z.object({
  type: z.literal('Feature'),
  geometry: z.union([PolygonSchema, MultiPolygonSchema], { error: '几何类型须为 Polygon 或 MultiPolygon' }),
  properties: z
    .object({
      code: z.union([z.string(), z.number()]).optional(),
      community_code: z.union([z.string(), z.number()]).optional(),
      seq: z.union([z.string(), z.number()]).optional(),
      name: z.string().max(100, '网格名称不超过 100 个字').optional(),
    })
    .passthrough()
    .nullable(),
});
const Collection = z.object({ type: z.literal('FeatureCollection'), features: z.array(z.unknown()) });

export interface GridFeature {
  code: string;
  communityCode: string;
  name: string | null;
  boundary: Geometry;
}

export interface GridProblem {
  feature: number;
  message: string;
}

const closed = (ring: number[][]): boolean => {
  const a = ring[0];
  const b = ring[ring.length - 1];
  return a !== undefined && b !== undefined && a[0] === b[0] && a[1] === b[1];
};

/** Parses the collection; any bad feature rejects the whole file, naming every problem at once. */
export function parseGridCollection(input: unknown): GridFeature[] {
  const collection = Collection.safeParse(input);
  if (!collection.success) {
    throw new AppError('INVALID_GEOJSON', '文件不是 GeoJSON FeatureCollection (not a FeatureCollection)');
  }
  const problems: GridProblem[] = [];
  const grids: GridFeature[] = [];
  const seen = new Map<string, number>();
  collection.data.features.forEach((raw, i) => {
    const parsed = Feature.safeParse(raw);
    if (!parsed.success) {
      problems.push({ feature: i, message: parsed.error.issues.map((x) => x.message).join('；') });
      return;
    }
    const { geometry, properties } = parsed.data;
    const code = gridCode(properties);
    if (!code) {
      problems.push({
        feature: i,
        message: '网格编码须为 15 位数字（社区 12 位代码 + 3 位序号），或提供 community_code 与 seq',
      });
      return;
    }
    const rings = geometry.type === 'Polygon' ? geometry.coordinates : geometry.coordinates.flat();
    if (!rings.every(closed)) {
      problems.push({ feature: i, message: `网格 ${code} 的多边形未闭合（首尾坐标须相同）` });
      return;
    }
    const dup = seen.get(code);
    if (dup !== undefined) {
      problems.push({ feature: i, message: `网格编码 ${code} 与第 ${dup + 1} 个要素重复` });
      return;
    }
    seen.set(code, i);
    grids.push({
      code,
      communityCode: code.slice(0, 12),
      name: properties?.name?.trim() || null,
      boundary: geometry as Geometry,
    });
  });
  if (problems.length > 0) {
    throw new AppError(
      'INVALID_GEOJSON',
      `网格文件有 ${problems.length} 处错误，未导入任何网格 (invalid grid file, nothing imported)`,
      { problems: problems.map((p) => ({ ...p, feature: p.feature + 1 })) },
    );
  }
  return grids;
}

function gridCode(
  properties: { code?: string | number; community_code?: string | number; seq?: string | number } | null,
): string | null {
  if (!properties) return null;
  if (properties.code !== undefined) {
    const code = String(properties.code).trim();
    return /^\d{15}$/.test(code) ? code : null;
  }
  if (properties.community_code !== undefined && properties.seq !== undefined) {
    const community = String(properties.community_code).trim();
    const seq = Number(properties.seq);
    if (!/^\d{12}$/.test(community) || !Number.isInteger(seq) || seq < 1 || seq > 999) return null;
    return `${community}${String(seq).padStart(3, '0')}`;
  }
  return null;
}
