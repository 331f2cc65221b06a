import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { appendAudit } from '../core/audit/append-audit.ts';
import { authorize, scopePath } from '../core/auth/authorize.ts';
import { notFound } from '../core/errors.ts';
import { sendXlsx } from '../core/export/xlsx.ts';
import { pointInputSchema } from '../core/geo/point.ts';
import { requirePrincipal } from '../http/auth-hook.ts';
import type { AppContext } from '../http/context.ts';
import { getUnitByCode } from '../jurisdiction/store.ts';
import { DemandAction } from './actions.ts';
import { dashboardRoutes } from './dashboard-routes.ts';
import { demandListXlsx } from './demand-list-xlsx.ts';
import { intakeDemand } from './intake-demand.ts';
import { foldEvents } from './lifecycle.ts';
import { IntakeInput } from './model.ts';
import { performDemandAction } from './perform-demand-action.ts';
import { demandPolicy } from './policy.ts';
import { allowedActions, DemandView, EventView, presentDemand, presentEvent } from './present-demand.ts';
import { getDemand, getDemandByCode, listDemands, listEvents, toEventRecord, unitPathsOf } from './store.ts';
import { suggestDemand } from './suggest-demand.ts';
import type { DemandEventRow, DemandRow } from './tables.ts';
import { workbenchCounts } from './workbench.ts';

const actorOf = (p: { userId: string; username: string }) => ({ id: p.userId, label: p.username });
const Detail = DemandView.extend({ events: z.array(EventView), allowedActions: z.array(z.string()) });
const SuggestBody = z.object({
  content: z.string().trim().min(2).max(5000),
  address: z.string().max(300).nullish(),
  point: pointInputSchema.nullish(),
  categoryCode: z
    .string()
    .regex(/^\d{4}$/)
    .nullish(),
});

/** 接诉即办: suggestion while typing, intake, lists, detail with timeline, lifecycle actions. */
export const demandRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    const db = () => ctx.database.db;
    await app.register(dashboardRoutes(ctx));

    const detail = async (
      row: DemandRow,
      principal: ReturnType<typeof requirePrincipal>,
      reveal = false,
      /** What the caller's transaction already holds: a new demand's events and link paths. */
      known?: { events: DemandEventRow[]; unitPaths: string[] },
    ) => {
      const events = known?.events ?? (await listEvents(db(), row.id));
      const state = foldEvents(events.map(toEventRecord));
      const paths = known?.unitPaths ?? (await unitPathsOf(db(), row.id));
      return {
        ...presentDemand(row, { reveal }),
        events: events.map(presentEvent),
        allowedActions: allowedActions(principal, row, state, paths),
      };
    };
    const loadReadable = async (id: string, principal: ReturnType<typeof requirePrincipal>) => {
      const row = await getDemand(db(), id);
      if (!row || row.districtCode !== principal.districtCode) throw notFound('诉求', id);
      authorize(principal, demandPolicy.read, {
        districtCode: row.districtCode,
        paths: [row.locationPath, ...(await unitPathsOf(db(), id))],
      });
      return row;
    };

    app.post(
      '/api/demands/suggest',
      {
        schema: {
          tags: ['demands'],
          description: '受理时的实时建议：网格、类别、承办单位、重复件（附理由）',
          body: SuggestBody,
        },
      },
      async (request) => {
        const p = requirePrincipal(request);
        authorize(p, demandPolicy.suggest);
        const s = await suggestDemand(ctx, db(), { districtCode: p.districtCode, ...request.body });
        return {
          location: s.location,
          categories: s.categories,
          chosenCategory: s.chosenCategory,
          route: {
            owner: { id: s.route.owner.id, code: s.route.owner.code, name: s.route.owner.name },
            co: s.route.co.map((u) => ({ id: u.id, code: u.code, name: u.name })),
            kind: s.route.kind,
            roundTheClock: s.route.roundTheClock,
            why: s.route.why,
          },
          duplicates: s.duplicates.map((d) => presentDemand(d)),
          refusalHints: s.refusalHints,
        };
      },
    );

    app.post(
      '/api/demands',
      {
        schema: {
          tags: ['demands'],
          description: '受理诉求。Idempotency-Key 请求头保证重试只生成一件。',
          headers: z.object({ 'idempotency-key': z.string().max(200).optional() }),
          body: IntakeInput,
          response: { 200: Detail, 201: Detail },
        },
      },
      async (request, reply) => {
        const p = requirePrincipal(request);
        authorize(p, demandPolicy.create);
        const result = await intakeDemand({
          ctx,
          db: db(),
          districtCode: p.districtCode,
          input: request.body,
          actor: actorOf(p),
          idempotencyKey: request.headers['idempotency-key'] ?? null,
          requestId: request.id,
        });
        return reply
          .status(result.replayed ? 200 : 201)
          .send(await detail(result.demand, p, false, result.created));
      },
    );

    app.get(
      '/api/demands',
      {
        schema: {
          tags: ['demands'],
          querystring: z.object({
            status: z.string().optional().describe('逗号分隔'),
            dueState: z.enum(['ok', 'due_soon', 'overdue', 'expired']).optional(),
            mine: z.coerce.boolean().optional().describe('只看本单位承办的'),
            category: z.string().optional(),
            q: z.string().max(100).optional(),
            within: z
              .string()
              .regex(/^\d{12}(\d{3})?$/)
              .optional()
              .describe('只看此街道/社区/网格内的'),
            from: z.iso.datetime({ offset: true }).optional(),
            to: z.iso.datetime({ offset: true }).optional(),
            limit: z.coerce.number().int().min(1).max(5000).default(50),
            offset: z.coerce.number().int().min(0).default(0),
            format: z.enum(['json', 'xlsx']).default('json'),
          }),
        },
      },
      async (request, reply) => {
        const p = requirePrincipal(request);
        authorize(p, demandPolicy.read);
        const q = request.query;
        // `within` narrows the caller's scope to a street, community or grid inside it (map click-through).
        const unit = q.within ? await getUnitByCode(db(), q.within) : undefined;
        if (q.within && (!unit || unit.districtCode !== p.districtCode)) throw notFound('单位', q.within);
        if (unit) authorize(p, demandPolicy.read, { districtCode: unit.districtCode, paths: [unit.path] });
        const rows = await listDemands(db(), {
          districtCode: p.districtCode,
          scopePath: unit?.path ?? scopePath(p),
          status: q.status?.split(',').filter(Boolean),
          dueState: q.dueState,
          ownedWithin: q.mine ? p.unitPath : undefined,
          categoryCode: q.category,
          q: q.q,
          from: q.from ? new Date(q.from) : undefined,
          to: q.to ? new Date(q.to) : undefined,
          limit: q.limit,
          offset: q.offset,
        });
        const items = rows.map((r) => presentDemand(r));
        if (q.format === 'xlsx') return sendXlsx(reply, '诉求清单.xlsx', await demandListXlsx(items));
        return { items };
      },
    );

    app.get(
      '/api/demands/workbench',
      { schema: { tags: ['demands'], description: '工作台待办计数' } },
      async (request) => {
        const p = requirePrincipal(request);
        authorize(p, demandPolicy.read);
        return workbenchCounts(db(), p);
      },
    );

    app.get(
      '/api/demands/:id',
      { schema: { tags: ['demands'], params: z.object({ id: z.uuid() }), response: { 200: Detail } } },
      async (request) => {
        const p = requirePrincipal(request);
        return detail(await loadReadable(request.params.id, p), p);
      },
    );

    app.post(
      '/api/demands/:id/actions',
      {
        schema: {
          tags: ['demands'],
          description: '办理动作：签收、联系、反馈、退单、转派、延期、回访、重办、申诉、督办、合并…',
          params: z.object({ id: z.uuid() }),
          body: DemandAction,
          response: { 200: Detail },
        },
      },
      async (request) => {
        const p = requirePrincipal(request);
        const row = await performDemandAction({
          ctx,
          db: db(),
          principal: p,
          demandId: request.params.id,
          action: request.body,
          requestId: request.id,
        });
        return detail(row, p);
      },
    );

    app.post(
      '/api/demands/:id/reveal-caller',
      {
        schema: {
          tags: ['demands'],
          description: '查看诉求人完整信息（留痕审计）',
          params: z.object({ id: z.uuid() }),
          body: z.object({ reason: z.string().trim().min(2).max(200) }),
          response: { 200: Detail },
        },
      },
      async (request) => {
        const p = requirePrincipal(request);
        const row = await loadReadable(request.params.id, p);
        authorize(p, demandPolicy.revealCaller, {
          districtCode: row.districtCode,
          paths: [row.locationPath, ...(await unitPathsOf(db(), row.id))],
        });
        await db().transaction((tx) =>
          appendAudit(tx, {
            districtCode: row.districtCode,
            actor: actorOf(p),
            action: 'demand.reveal_caller',
            targetType: 'demand',
            targetId: row.id,
            details: { reason: request.body.reason, code: row.code },
            requestId: request.id,
          }),
        );
        return detail(row, p, true);
      },
    );

    app.get(
      '/api/public/demands/:code',
      {
        schema: {
          tags: ['public'],
          description: '市民凭受理编号查询进度（不含个人信息）',
          params: z.object({ code: z.string().regex(/^JD\d{6}[0-9A-Z]{6}$/) }),
        },
      },
      async (request) => {
        const row = await getDemandByCode(db(), request.params.code);
        if (!row) throw notFound('受理编号', request.params.code);
        const events = await listEvents(db(), row.id);
        const view = presentDemand(row);
        return {
          code: row.code,
          type: row.type,
          category: view.category?.name ?? null,
          status: view.status,
          statusName: view.statusName,
          createdAt: view.createdAt,
          dueAt: view.dueAt,
          closedAt: view.closedAt,
          // Steps only: no staff names, no notes (they may hold other people's data).
          steps: events
            .filter((e) => PUBLIC_STEPS.has(e.type))
            .map((e) => ({ type: e.type, at: e.at.toISOString() })),
        };
      },
    );
  };

const PUBLIC_STEPS = new Set([
  'created',
  'dispatched',
  'signed',
  'contacted',
  'replied',
  'callback',
  'closed',
  'answered',
  'refused',
  'reopened',
  'extension_approved',
  'merged',
]);
