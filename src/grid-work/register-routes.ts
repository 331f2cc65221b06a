import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authorize, scopePath } from '../core/auth/authorize.ts';
import { notFound } from '../core/errors.ts';
import { sendXlsx } from '../core/export/xlsx.ts';
import { requirePrincipal } from '../http/auth-hook.ts';
import type { AppContext } from '../http/context.ts';
import { addProblemItem, ProblemItemInput } from './add-problem-item.ts';
import { draftRegisterFromEvents } from './draft-register-from-events.ts';
import { handleProblemItem, ItemAction } from './handle-problem-item.ts';
import { monthSchema } from './model.ts';
import { gridWorkPolicy } from './policy.ts';
import { listPendingMajorItems, listRegisters } from './register-store.ts';
import { ItemView, itemActions, loadRegister, mayOn, presentItem, RegisterView } from './register-view.ts';
import { registerXlsx } from './register-xlsx.ts';
import { SignOffInput, signOffRegister } from './sign-off-register.ts';
import { submitRegister } from './submit-register.ts';

const Params = z.object({ communityCode: z.string().length(12), month: monthSchema });

/** 网格反映问题和意见建议交办登记表: lines, grouping from events, submit, sign-off, major items, Excel. */
export const registerRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    const db = () => ctx.database.db;
    const view = (p: ReturnType<typeof requirePrincipal>, params: z.infer<typeof Params>) =>
      loadRegister({ db: db(), principal: p, ...params });

    app.get(
      '/api/problem-registers',
      {
        schema: {
          tags: ['grid-work'],
          description: '辖区内的交办登记表（街道查看待签批的）',
          querystring: z.object({
            month: monthSchema.optional(),
            status: z.enum(['draft', 'submitted', 'signed_off']).optional(),
          }),
        },
      },
      async (request) => {
        const p = requirePrincipal(request);
        authorize(p, gridWorkPolicy.read);
        const rows = await listRegisters(db(), {
          districtCode: p.districtCode,
          withinPath: scopePath(p),
          ...request.query,
        });
        return {
          items: rows.map((r) => ({
            id: r.id,
            month: r.month,
            status: r.status,
            items: r.items,
            communityPath: r.communityPath,
            submittedAt: r.submittedAt?.toISOString() ?? null,
          })),
        };
      },
    );

    app.get(
      '/api/problem-registers/:communityCode/:month',
      {
        schema: {
          tags: ['grid-work'],
          params: Params,
          querystring: z.object({ format: z.enum(['json', 'xlsx']).default('json') }),
        },
      },
      async (request, reply) => {
        const p = requirePrincipal(request);
        const r = await view(p, request.params);
        if (request.query.format === 'xlsx') {
          return sendXlsx(reply, `交办登记表_${r.community.name}_${r.month}.xlsx`, await registerXlsx(r));
        }
        return RegisterView.parse(r);
      },
    );

    app.post(
      '/api/problem-registers/:communityCode/:month/draft-from-events',
      {
        schema: {
          tags: ['grid-work'],
          description: '把本月未在社区解决的网格事件按类别归集为登记事项',
          params: Params,
          response: { 200: RegisterView },
        },
      },
      async (request) => {
        const p = requirePrincipal(request);
        await draftRegisterFromEvents({ db: db(), principal: p, ...request.params, requestId: request.id });
        return view(p, request.params);
      },
    );

    app.post(
      '/api/problem-registers/:communityCode/:month/submit',
      {
        schema: {
          tags: ['grid-work'],
          description: '社区提交至街道党政办',
          params: Params,
          response: { 200: RegisterView },
        },
      },
      async (request) => {
        const p = requirePrincipal(request);
        await submitRegister({ db: db(), principal: p, ...request.params, requestId: request.id });
        return view(p, request.params);
      },
    );

    app.post(
      '/api/problem-registers/:communityCode/:month/sign-off',
      {
        schema: {
          tags: ['grid-work'],
          description: '街道党政主要负责同志签批，逐项落实包办领导',
          params: Params,
          body: SignOffInput,
          response: { 200: RegisterView },
        },
      },
      async (request) => {
        const p = requirePrincipal(request);
        const current = await view(p, request.params);
        if (!current.id) throw notFound('登记表', `${request.params.communityCode}/${request.params.month}`);
        await signOffRegister({
          db: db(),
          principal: p,
          registerId: current.id,
          input: request.body,
          requestId: request.id,
        });
        return view(p, request.params);
      },
    );

    app.post(
      '/api/problem-items',
      {
        schema: {
          tags: ['grid-work'],
          description: '登记问题或意见建议；major=true 即报即办',
          body: ProblemItemInput,
          response: { 201: ItemView },
        },
      },
      async (request, reply) => {
        const p = requirePrincipal(request);
        const item = await addProblemItem({
          db: db(),
          principal: p,
          input: request.body,
          requestId: request.id,
        });
        return reply.status(201).send(presentItem(item));
      },
    );

    app.get(
      '/api/problem-items/major',
      {
        schema: {
          tags: ['grid-work'],
          description: '待落实包办领导的特殊重大事项',
          response: { 200: z.object({ items: z.array(ItemView) }) },
        },
      },
      async (request) => {
        const p = requirePrincipal(request);
        authorize(p, gridWorkPolicy.read);
        const rows = await listPendingMajorItems(db(), p.districtCode, scopePath(p));
        return {
          items: rows.map((i) => ({
            ...presentItem(i),
            allowedActions: itemActions(mayOn(p, i.communityPath), i),
          })),
        };
      },
    );

    app.post(
      '/api/problem-items/:id/actions',
      {
        schema: {
          tags: ['grid-work'],
          description: 'assign：特殊重大事项即时落实包办领导；resolve：填写落实情况',
          params: z.object({ id: z.uuid() }),
          body: ItemAction,
          response: { 200: ItemView },
        },
      },
      async (request) => {
        const p = requirePrincipal(request);
        return presentItem(
          await handleProblemItem({
            db: db(),
            principal: p,
            itemId: request.params.id,
            action: request.body,
            requestId: request.id,
          }),
        );
      },
    );
  };
