import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authorize, type Principal, scopePath } from '../core/auth/authorize.ts';
import { notFound } from '../core/errors.ts';
import { sendXlsx } from '../core/export/xlsx.ts';
import { requirePrincipal } from '../http/auth-hook.ts';
import type { AppContext } from '../http/context.ts';
import { getUnitByCode } from '../jurisdiction/store.ts';
import { whistlesForGridEvent } from '../whistles/store.ts';
import { categoryFile, listCategories } from './categories.ts';
import { GridEventAction } from './event-actions.ts';
import { foldSteps, type GridEventStatus, STATUS_NAMES, STATUSES } from './event-lifecycle.ts';
import { getGridEvent, listGridEvents, listSteps, toStepRecord } from './events-store.ts';
import { gridEventsXlsx } from './events-xlsx.ts';
import { performGridEventAction } from './perform-grid-event-action.ts';
import { gridWorkPolicy } from './policy.ts';
import {
  allowedActions,
  GridEventView,
  presentGridEvent,
  presentStep,
  StepView,
} from './present-grid-event.ts';
import { ReportGridEventInput, reportGridEvent } from './report-grid-event.ts';
import type { GridEventRow } from './tables.ts';

const Detail = GridEventView.extend({
  steps: z.array(StepView),
  allowedActions: z.array(z.string()),
  whistles: z.array(z.object({ id: z.string(), code: z.string(), title: z.string(), status: z.string() })),
});

const paths = (row: GridEventRow) => [
  row.locationPath,
  row.ownerPath,
  ...(row.handlerPath ? [row.handlerPath] : []),
];

/** Grid events: categories, report, lists, detail with the closed loop's timeline, actions (indicators: indicator-routes.ts). */
export const eventRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    const db = () => ctx.database.db;
    const detail = async (row: GridEventRow, p: Principal) => {
      const steps = await listSteps(db(), row.id);
      const state = foldSteps(steps.map(toStepRecord));
      const whistles = await whistlesForGridEvent(db(), row.id);
      return {
        ...presentGridEvent(row, state),
        steps: steps.map(presentStep),
        allowedActions: allowedActions(p, row, state, steps.length),
        whistles: whistles.map((w) => ({ id: w.id, code: w.code, title: w.title, status: w.status })),
      };
    };

    app.get(
      '/api/grid-event-categories',
      { schema: { tags: ['grid-work'], description: '网格事件类别（部件/事件，大类与小类，处置时限）' } },
      async (request) => {
        requirePrincipal(request);
        return { source: categoryFile().source, items: listCategories() };
      },
    );

    app.post(
      '/api/grid-events',
      {
        schema: {
          tags: ['grid-work'],
          description: '网格员上报网格事件（可现场处置直接结案）',
          body: ReportGridEventInput,
          response: { 201: Detail },
        },
      },
      async (request, reply) => {
        const p = requirePrincipal(request);
        const row = await reportGridEvent({
          ctx,
          db: db(),
          principal: p,
          input: request.body,
          requestId: request.id,
        });
        return reply.status(201).send(await detail(row, p));
      },
    );

    app.get(
      '/api/grid-events',
      {
        schema: {
          tags: ['grid-work'],
          querystring: z.object({
            status: z
              .string()
              .optional()
              .describe(`逗号分隔：${STATUSES.join(',')}`),
            side: z
              .enum(['owner', 'handler'])
              .optional()
              .describe('owner：本单位管理的；handler：派给本单位处置的'),
            mine: z.coerce.boolean().optional().describe('只看本人上报的'),
            overdue: z.coerce.boolean().optional(),
            gridCode: z.string().optional(),
            limit: z.coerce.number().int().min(1).max(500).default(50),
            offset: z.coerce.number().int().min(0).default(0),
            format: z.enum(['json', 'xlsx']).default('json').describe('xlsx：网格事件台账'),
          }),
          response: { 200: z.object({ items: z.array(GridEventView) }) },
        },
      },
      async (request, reply) => {
        const p = requirePrincipal(request);
        authorize(p, gridWorkPolicy.read);
        const q = request.query;
        const grid = q.gridCode ? await getUnitByCode(db(), q.gridCode) : undefined;
        const rows = await listGridEvents(db(), {
          districtCode: p.districtCode,
          scopePath: scopePath(p),
          status: q.status?.split(',').filter(Boolean),
          side: q.side,
          sidePath: p.unitPath,
          gridPath: grid?.path ?? (q.gridCode ? '-' : undefined),
          reporterId: q.mine ? p.userId : undefined,
          overdue: q.overdue,
          limit: q.limit,
          offset: q.offset,
        });
        const items = rows.map((r) => presentGridEvent(r, reviveState(r)));
        if (q.format === 'xlsx') {
          const names = q.status?.split(',').map((s) => STATUS_NAMES[s as GridEventStatus] ?? s);
          const filter = [names && `状态：${names.join('、')}`, q.overdue && '仅超期'].filter(Boolean);
          return sendXlsx(reply, '网格事件台账.xlsx', await gridEventsXlsx(items, filter as string[]));
        }
        return { items };
      },
    );

    app.get(
      '/api/grid-events/:id',
      { schema: { tags: ['grid-work'], params: z.object({ id: z.uuid() }), response: { 200: Detail } } },
      async (request) => {
        const p = requirePrincipal(request);
        const row = await getGridEvent(db(), request.params.id);
        if (!row || row.districtCode !== p.districtCode) throw notFound('网格事件', request.params.id);
        authorize(p, gridWorkPolicy.read, { districtCode: row.districtCode, paths: paths(row) });
        return detail(row, p);
      },
    );

    app.post(
      '/api/grid-events/:id/actions',
      {
        schema: {
          tags: ['grid-work'],
          description: '立案、不予立案、上报街道、派遣、处置反馈、申请/审批延期、核查（不通过即返工）、结案',
          params: z.object({ id: z.uuid() }),
          body: GridEventAction,
          response: { 200: Detail },
        },
      },
      async (request) => {
        const p = requirePrincipal(request);
        const row = await performGridEventAction({
          ctx,
          db: db(),
          principal: p,
          eventId: request.params.id,
          action: request.body,
          requestId: request.id,
        });
        return detail(row, p);
      },
    );
  };

/** A list row's state from its cache column (written with every step in the same transaction). */
function reviveState(row: GridEventRow): ReturnType<typeof foldSteps> {
  const s = row.state as Record<string, unknown>;
  const out = { ...foldSteps([]), ...s } as ReturnType<typeof foldSteps> & Record<string, unknown>;
  for (const k of [
    'reportedAt',
    'registeredAt',
    'firstDispatchedAt',
    'dispatchedAt',
    'dueAt',
    'disposedAt',
    'verifiedAt',
    'closedAt',
  ]) {
    out[k] = s[k] ? new Date(s[k] as string) : null;
  }
  return out;
}
