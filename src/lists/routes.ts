import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authorize, type Principal } from '../core/auth/authorize.ts';
import { AppError, notFound } from '../core/errors.ts';
import { sendXlsx } from '../core/export/xlsx.ts';
import { requirePrincipal } from '../http/auth-hook.ts';
import type { AppContext } from '../http/context.ts';
import { getUnitByCode, listUnits } from '../jurisdiction/store.ts';
import { burdenRegistryRoutes } from './burden/registry-routes.ts';
import { burdenRoutes } from './burden/routes.ts';
import { burdenTargetRoutes } from './burden/target-routes.ts';
import { importList } from './import-list.ts';
import { listVersionXlsx } from './list-xlsx.ts';
import { chinaToday, districtUnitCode, listKindSchema } from './model.ts';
import { listsPolicy } from './policy.ts';
import { ListItemView, ListVersionView, presentItem, presentVersion } from './present-list.ts';
import { rowsFromFile } from './read-list-file.ts';
import { serviceRoutes } from './service/routes.ts';
import {
  findEffectiveVersion,
  findResponsibleDepartments,
  findStreetDutyItems,
  getVersion,
  listItemsOf,
  listVersionsOf,
} from './store.ts';

const actorOf = (p: Principal) => ({ id: p.userId, label: p.username });
const VersionWithItems = z.object({ version: ListVersionView, items: z.array(ListItemView) });
const ImportBody = z.object({
  kind: listKindSchema,
  scopeCode: z.string().optional().describe('适用单位编码，默认全区'),
  title: z.string(),
  approvingDocument: z.string(),
  effectiveFrom: z.string(),
  format: z.enum(['csv', 'xlsx']),
  /** CSV text, or the .xlsx file in base64. */
  content: z.string().min(1).max(8_000_000),
  fileName: z.string().max(200).optional(),
});

/** Lists (清单): versions, the list in force for a unit, import/export, duty and responsibility look-ups. */
export const listsRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    const db = () => ctx.database.db;

    app.get(
      '/api/lists/versions',
      {
        schema: {
          tags: ['lists'],
          querystring: z.object({ kind: listKindSchema.optional(), scope: z.string().optional() }),
          response: { 200: z.object({ items: z.array(ListVersionView) }) },
        },
      },
      async (request) => {
        const p = requirePrincipal(request);
        authorize(p, listsPolicy.readLists);
        const rows = await listVersionsOf(db(), {
          districtCode: p.districtCode,
          kind: request.query.kind,
          scopeCode: request.query.scope,
        });
        return { items: rows.map(presentVersion) };
      },
    );

    app.get(
      '/api/lists/versions/:id',
      {
        schema: { tags: ['lists'], params: z.object({ id: z.uuid() }), response: { 200: VersionWithItems } },
      },
      async (request) => {
        const p = requirePrincipal(request);
        authorize(p, listsPolicy.readLists);
        const version = await getVersion(db(), request.params.id);
        if (!version || version.districtCode !== p.districtCode)
          throw notFound('清单版本', request.params.id);
        return {
          version: presentVersion(version),
          items: (await listItemsOf(db(), version.id)).map(presentItem),
        };
      },
    );

    app.get(
      '/api/lists/versions/:id/export.xlsx',
      {
        schema: {
          tags: ['lists'],
          description: '导出清单（可修改后作为新版本导入）',
          params: z.object({ id: z.uuid() }),
        },
      },
      async (request, reply) => {
        const p = requirePrincipal(request);
        authorize(p, listsPolicy.readLists);
        const version = await getVersion(db(), request.params.id);
        if (!version || version.districtCode !== p.districtCode)
          throw notFound('清单版本', request.params.id);
        const departments = await listUnits(db(), {
          districtCode: p.districtCode,
          withinPath: `/${districtUnitCode(p.districtCode)}/`,
          tree: 'department',
          limit: 100_000,
        });
        const names = new Map(departments.map((d) => [d.code, d.shortName]));
        const buffer = await listVersionXlsx(
          version,
          await listItemsOf(db(), version.id),
          (c) => names.get(c) ?? c,
        );
        return sendXlsx(reply, `${version.title}-第${version.versionNo}版.xlsx`, buffer);
      },
    );

    app.get(
      '/api/lists/effective',
      {
        schema: {
          tags: ['lists'],
          description: '某单位现行的清单（本单位的，否则上级街道的，否则全区的）',
          querystring: z.object({
            kind: listKindSchema,
            unit: z.string().optional(),
            on: z.iso.date().optional(),
          }),
          response: { 200: VersionWithItems },
        },
      },
      async (request) => {
        const p = requirePrincipal(request);
        authorize(p, listsPolicy.readLists);
        const code = request.query.unit ?? districtUnitCode(p.districtCode);
        const unit = await getUnitByCode(db(), code);
        if (!unit || unit.districtCode !== p.districtCode) throw notFound('组织单位', code);
        const version = await findEffectiveVersion(db(), {
          districtCode: p.districtCode,
          kind: request.query.kind,
          unitPath: unit.path,
          on: request.query.on,
        });
        if (!version) {
          throw new AppError(
            'NOT_FOUND',
            `${unit.name}尚无现行清单：${request.query.kind} (no list in force)`,
            {
              unit: code,
              kind: request.query.kind,
              on: request.query.on ?? chinaToday(),
            },
          );
        }
        return {
          version: presentVersion(version),
          items: (await listItemsOf(db(), version.id)).map(presentItem),
        };
      },
    );

    app.post(
      '/api/lists/import',
      {
        schema: {
          tags: ['lists'],
          description: '导入清单（CSV 文本或 base64 的 Excel），生成新版本；全部成功或全部不导入',
          body: ImportBody,
          response: { 201: z.object({ version: ListVersionView, itemCount: z.number() }) },
        },
      },
      async (request, reply) => {
        const p = requirePrincipal(request);
        authorize(p, { ...listsPolicy.importList, scoped: false });
        const b = request.body;
        const bytes =
          b.format === 'xlsx'
            ? new Uint8Array(Buffer.from(b.content, 'base64'))
            : new TextEncoder().encode(b.content);
        const rows = await rowsFromFile(bytes, b.format);
        const result = await importList({
          db: db(),
          districtCode: p.districtCode,
          kind: b.kind,
          scopeCode: b.scopeCode,
          meta: { title: b.title, approvingDocument: b.approvingDocument, effectiveFrom: b.effectiveFrom },
          rows,
          fileName: b.fileName,
          actor: actorOf(p),
          requestId: request.id,
          authorizeScope: (u) =>
            authorize(p, listsPolicy.importList, { districtCode: u.districtCode, paths: [u.path] }),
        });
        return reply
          .status(201)
          .send({ version: presentVersion(result.version), itemCount: result.itemCount });
      },
    );

    app.get(
      '/api/lists/duty-check',
      {
        schema: {
          tags: ['lists'],
          description: '诉求分类是否在街道职责清单内（即接即办）',
          querystring: z.object({ category: z.string().regex(/^\d{4}$/), street: z.string().optional() }),
          response: {
            200: z.object({
              category: z.string(),
              onDutyList: z.boolean(),
              items: z.array(z.object({ versionId: z.string(), itemCode: z.string(), itemName: z.string() })),
            }),
          },
        },
      },
      async (request) => {
        const p = requirePrincipal(request);
        authorize(p, listsPolicy.readLists);
        const items = await findStreetDutyItems(db(), {
          districtCode: p.districtCode,
          categoryCode: request.query.category,
          streetCode: request.query.street,
        });
        return { category: request.query.category, onDutyList: items.length > 0, items };
      },
    );

    app.get(
      '/api/lists/responsible-departments',
      {
        schema: {
          tags: ['lists'],
          description: '按诉求分类查部门职责清单中的责任部门',
          querystring: z.object({ category: z.string().regex(/^\d{4}$/) }),
          response: {
            200: z.object({
              category: z.string(),
              items: z.array(
                z.object({
                  departmentCode: z.string(),
                  departmentName: z.string().nullable(),
                  itemCode: z.string(),
                  itemName: z.string(),
                }),
              ),
            }),
          },
        },
      },
      async (request) => {
        const p = requirePrincipal(request);
        authorize(p, listsPolicy.readLists);
        const found = await findResponsibleDepartments(db(), {
          districtCode: p.districtCode,
          categoryCode: request.query.category,
        });
        const items = await Promise.all(
          found.map(async (f) => ({
            ...f,
            departmentName: (await getUnitByCode(db(), f.departmentCode))?.shortName ?? null,
          })),
        );
        return { category: request.query.category, items };
      },
    );

    await app.register(burdenRoutes(ctx));
    await app.register(burdenRegistryRoutes(ctx));
    await app.register(burdenTargetRoutes(ctx));
    await app.register(serviceRoutes(ctx));
  };
