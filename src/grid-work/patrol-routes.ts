import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authorize } from '../core/auth/authorize.ts';
import { sendXlsx } from '../core/export/xlsx.ts';
import { requirePrincipal } from '../http/auth-hook.ts';
import type { AppContext } from '../http/context.ts';
import { changePatrolEntry, PatrolEntryPatch } from './change-patrol-entry.ts';
import { beijingMonth, monthSchema } from './model.ts';
import { loadPatrolSheet } from './patrol-sheet.ts';
import { listWorkerEntries } from './patrol-store.ts';
import { patrolSheetXlsx } from './patrol-xlsx.ts';
import { gridWorkPolicy } from './policy.ts';
import { PatrolEntryView, presentEntry, presentSheet, SheetView } from './present-grid-work.ts';
import { PatrolEntryInput, recordPatrolEntry } from './record-patrol-entry.ts';
import { maySignSheet, signPatrolSheet } from './sign-patrol-sheet.ts';

const SheetParams = z.object({ communityCode: z.string().length(12), month: monthSchema });

/** The patrol log (网格工作纪实): a worker's days, the community's monthly sheet, its signature, Excel. */
export const patrolRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    const db = () => ctx.database.db;

    app.get(
      '/api/patrol-entries',
      {
        schema: {
          tags: ['grid-work'],
          description: '本人的网格工作纪实（按月）',
          querystring: z.object({ month: monthSchema.optional() }),
          response: { 200: z.object({ month: z.string(), items: z.array(PatrolEntryView) }) },
        },
      },
      async (request) => {
        const p = requirePrincipal(request);
        authorize(p, gridWorkPolicy.patrol);
        const month = request.query.month ?? beijingMonth(new Date());
        return { month, items: (await listWorkerEntries(db(), p.userId, month)).map(presentEntry) };
      },
    );

    app.post(
      '/api/patrol-entries',
      {
        schema: {
          tags: ['grid-work'],
          description: '填写网格工作纪实（一天一网格一条）',
          body: PatrolEntryInput,
          response: { 201: PatrolEntryView },
        },
      },
      async (request, reply) => {
        const p = requirePrincipal(request);
        const row = await recordPatrolEntry({
          db: db(),
          principal: p,
          input: request.body,
          requestId: request.id,
        });
        return reply.status(201).send(presentEntry(row));
      },
    );

    app.patch(
      '/api/patrol-entries/:id',
      {
        schema: {
          tags: ['grid-work'],
          description: '修改本人纪实（已签署月份不可改）',
          params: z.object({ id: z.uuid() }),
          body: PatrolEntryPatch,
          response: { 200: PatrolEntryView },
        },
      },
      async (request) => {
        const p = requirePrincipal(request);
        const row = await changePatrolEntry({
          db: db(),
          principal: p,
          entryId: request.params.id,
          patch: request.body,
          requestId: request.id,
        });
        return presentEntry(row as NonNullable<typeof row>);
      },
    );

    app.delete(
      '/api/patrol-entries/:id',
      {
        schema: {
          tags: ['grid-work'],
          description: '删除本人纪实（已签署月份不可删）',
          params: z.object({ id: z.uuid() }),
        },
      },
      async (request) => {
        const p = requirePrincipal(request);
        await changePatrolEntry({
          db: db(),
          principal: p,
          entryId: request.params.id,
          requestId: request.id,
        });
        return { deleted: true };
      },
    );

    app.get(
      '/api/patrol-sheets/:communityCode/:month',
      {
        schema: {
          tags: ['grid-work'],
          description: '社区月度网格工作纪实表（format=xlsx 导出纸质表样式）',
          params: SheetParams,
          querystring: z.object({ format: z.enum(['json', 'xlsx']).default('json') }),
        },
      },
      async (request, reply) => {
        const p = requirePrincipal(request);
        const sheet = await loadPatrolSheet({ db: db(), principal: p, ...request.params });
        if (request.query.format === 'xlsx') {
          return sendXlsx(
            reply,
            `网格工作纪实表_${sheet.community.name}_${sheet.month}.xlsx`,
            await patrolSheetXlsx(sheet),
          );
        }
        return { ...presentSheet(sheet), maySign: await maySignSheet(db(), p, sheet) };
      },
    );

    app.post(
      '/api/patrol-sheets/:communityCode/:month/sign',
      {
        schema: {
          tags: ['grid-work'],
          description: '社区党委书记签署月度纪实表（签署后该月冻结）',
          params: SheetParams,
          body: z.object({ opinion: z.string().trim().min(2).max(500) }),
          response: { 200: SheetView },
        },
      },
      async (request) => {
        const p = requirePrincipal(request);
        const sheet = await signPatrolSheet({
          db: db(),
          principal: p,
          input: { ...request.params, opinion: request.body.opinion },
          requestId: request.id,
        });
        return { ...presentSheet(sheet), maySign: false };
      },
    );
  };
