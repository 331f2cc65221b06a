import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authorize, scopePath } from '../core/auth/authorize.ts';
import { AppError, notFound } from '../core/errors.ts';
import { requirePrincipal } from '../http/auth-hook.ts';
import type { AppContext } from '../http/context.ts';
import { importGrids } from './import-grids.ts';
import { locatePoint } from './locate-point.ts';
import { jurisdictionPolicy } from './policy.ts';
import { OrgUnitView, presentUnit } from './present-unit.ts';
import { countUnitsByLevel, getAncestors, getJurisdiction, getUnitByCode, listUnits } from './store.ts';
import type { OrgUnitRow } from './tables.ts';
import { UnitAttributesPatch, updateUnitAttributes } from './update-unit-attributes.ts';

const unitResource = (u: OrgUnitRow) => ({ districtCode: u.districtCode, paths: [u.path] });
const actorOf = (p: { userId: string; username: string }) => ({ id: p.userId, label: p.username });
const LocatedUnit = z.object({ id: z.string(), code: z.string(), name: z.string(), path: z.string() });

/** The district, its units and grids, departments, geolocation. */
export const jurisdictionRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    const db = () => ctx.database.db;

    app.get(
      '/api/jurisdiction',
      {
        schema: {
          tags: ['jurisdiction'],
          response: {
            200: z.object({
              districtCode: z.string(),
              name: z.string(),
              fullName: z.string(),
              policyProfile: z.string(),
              isDemo: z.boolean(),
              geometryIsSynthetic: z.boolean(),
              counts: z.record(z.string(), z.number()),
            }),
          },
        },
      },
      async (request) => {
        const p = requirePrincipal(request);
        authorize(p, jurisdictionPolicy.readSummary);
        const j = await getJurisdiction(db(), p.districtCode);
        if (!j) throw notFound('辖区', p.districtCode);
        return {
          districtCode: j.districtCode,
          name: j.name,
          fullName: j.fullName,
          policyProfile: j.policyProfile,
          isDemo: j.isDemo,
          geometryIsSynthetic: j.geometryIsSynthetic,
          counts: await countUnitsByLevel(db(), j.districtCode),
        };
      },
    );

    app.get(
      '/api/org-units',
      {
        schema: {
          tags: ['jurisdiction'],
          querystring: z.object({
            level: z.string().optional(),
            parent: z.string().optional().describe('上级单位编码'),
            limit: z.coerce.number().int().min(1).max(2000).default(500),
            offset: z.coerce.number().int().min(0).default(0),
          }),
          response: { 200: z.object({ items: z.array(OrgUnitView) }) },
        },
      },
      async (request) => {
        const p = requirePrincipal(request);
        authorize(p, jurisdictionPolicy.readUnit);
        let parentId: string | undefined;
        if (request.query.parent) {
          const parent = await getUnitByCode(db(), request.query.parent);
          if (!parent) throw notFound('组织单位', request.query.parent);
          authorize(p, jurisdictionPolicy.readUnit, unitResource(parent));
          parentId = parent.id;
        }
        const rows = await listUnits(db(), {
          districtCode: p.districtCode,
          withinPath: scopePath(p),
          tree: 'division',
          level: request.query.level,
          parentId,
          limit: request.query.limit,
          offset: request.query.offset,
        });
        return { items: rows.map(presentUnit) };
      },
    );

    app.get(
      '/api/org-units/:code',
      {
        schema: {
          tags: ['jurisdiction'],
          params: z.object({ code: z.string() }),
          response: { 200: OrgUnitView.extend({ ancestors: z.array(LocatedUnit) }) },
        },
      },
      async (request) => {
        const p = requirePrincipal(request);
        const unit = await getUnitByCode(db(), request.params.code);
        if (!unit) throw notFound('组织单位', request.params.code);
        authorize(
          p,
          unit.tree === 'department' ? jurisdictionPolicy.readDepartments : jurisdictionPolicy.readUnit,
          unitResource(unit),
        );
        const ancestors = (await getAncestors(db(), unit))
          .filter((a) => a.id !== unit.id)
          .map((a) => ({ id: a.id, code: a.code, name: a.name, path: a.path }));
        return { ...presentUnit(unit), ancestors };
      },
    );

    app.patch(
      '/api/org-units/:code',
      {
        schema: {
          tags: ['jurisdiction'],
          description: '修改户数、人口、面积、社区特征（审计留痕）',
          params: z.object({ code: z.string() }),
          body: UnitAttributesPatch,
          response: { 200: OrgUnitView },
        },
      },
      async (request) => {
        const p = requirePrincipal(request);
        authorize(p, jurisdictionPolicy.updateUnit);
        const row = await updateUnitAttributes({
          db: db(),
          code: request.params.code,
          patch: request.body,
          actor: actorOf(p),
          requestId: request.id,
          authorizeUnit: (u) => authorize(p, jurisdictionPolicy.updateUnit, unitResource(u)),
        });
        return presentUnit(row);
      },
    );

    app.get(
      '/api/departments',
      {
        schema: {
          tags: ['jurisdiction'],
          querystring: z.object({ kind: z.string().optional() }),
          response: { 200: z.object({ items: z.array(OrgUnitView) }) },
        },
      },
      async (request) => {
        const p = requirePrincipal(request);
        authorize(p, jurisdictionPolicy.readDepartments);
        const district = await getJurisdiction(db(), p.districtCode);
        if (!district) throw notFound('辖区', p.districtCode);
        const rows = await listUnits(db(), {
          districtCode: p.districtCode,
          withinPath: `/${p.districtCode.padEnd(12, '0')}/`,
          tree: 'department',
          level: request.query.kind,
          limit: 2000,
        });
        return { items: rows.map(presentUnit) };
      },
    );

    app.get(
      '/api/grids',
      {
        schema: {
          tags: ['jurisdiction'],
          description: '网格边界（GeoJSON FeatureCollection）',
          querystring: z.object({ within: z.string().optional().describe('街道或社区编码') }),
        },
      },
      async (request) => {
        const p = requirePrincipal(request);
        authorize(p, jurisdictionPolicy.readGrids);
        let withinPath = scopePath(p);
        if (request.query.within) {
          const unit = await getUnitByCode(db(), request.query.within);
          if (!unit) throw notFound('组织单位', request.query.within);
          authorize(p, jurisdictionPolicy.readGrids, unitResource(unit));
          withinPath = unit.path;
        }
        const grids = await listUnits(db(), {
          districtCode: p.districtCode,
          withinPath,
          level: 'grid',
          limit: 100_000,
        });
        return {
          type: 'FeatureCollection',
          features: grids
            .filter((g) => g.boundary)
            .map((g) => ({
              type: 'Feature',
              id: g.code,
              geometry: g.boundary,
              properties: { code: g.code, name: g.name, community_code: g.code.slice(0, 12) },
            })),
        };
      },
    );

    app.post(
      '/api/grids/import',
      {
        schema: {
          tags: ['jurisdiction'],
          description: '导入网格边界 GeoJSON（全部成功或全部不导入）',
          body: z.unknown(),
          response: {
            200: z.object({
              districtCode: z.string(),
              created: z.number(),
              updated: z.number(),
              warnings: z.array(z.string()),
            }),
          },
        },
      },
      async (request) => {
        const p = requirePrincipal(request);
        authorize(p, jurisdictionPolicy.importGrids);
        const result = await importGrids({
          db: db(),
          geojson: request.body,
          actor: actorOf(p),
          districtCode: p.districtCode,
          requestId: request.id,
        });
        ctx.geo.invalidate(result.districtCode);
        return result;
      },
    );

    app.get(
      '/api/geo/locate',
      {
        schema: {
          tags: ['jurisdiction'],
          description: '坐标定位到网格/社区/街道',
          querystring: z.object({
            lng: z.coerce.number().min(-180).max(180),
            lat: z.coerce.number().min(-90).max(90),
          }),
          response: {
            200: z.object({
              grid: LocatedUnit,
              community: LocatedUnit.nullable(),
              street: LocatedUnit.nullable(),
            }),
          },
        },
      },
      async (request) => {
        const p = requirePrincipal(request);
        authorize(p, jurisdictionPolicy.locate);
        const location = await locatePoint({
          db: db(),
          geo: ctx.geo,
          districtCode: p.districtCode,
          ...request.query,
        });
        if (!location) {
          throw new AppError('NOT_FOUND', '该位置不在本区任何网格内 (point is in no grid)', request.query);
        }
        return location;
      },
    );
  };
