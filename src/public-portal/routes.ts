import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DEMAND_TYPES } from '../demands/model.ts';
import type { AppContext } from '../http/context.ts';
import { issueFormToken } from './form-token.ts';
import { PortalGuards } from './guards.ts';
import { loadPortalLimits } from './limits.ts';
import { PublicRatingInput, PublicSubmitInput, TrackingCode } from './model.ts';
import { publicStatistics } from './public-statistics.ts';
import { ratePublicDemand } from './rate-public-demand.ts';
import { resolvePortalDistrict } from './resolve-district.ts';
import { submitPublicDemand } from './submit-public-demand.ts';

const District = z.object({
  district: z
    .string()
    .regex(/^\d{6}$/)
    .optional()
    .describe('6 位区县代码（本服务只有一个辖区时可省略）'),
});
const Rate = z.number().nullable();
const Submitted = z.object({
  code: z.string(),
  status: z.string(),
  statusName: z.string(),
  createdAt: z.string(),
  replayed: z.boolean(),
});

/** Beijing's current month as YYYY-MM. */
const thisMonth = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 7);

/**
 * The public portal (no log-in): the form's settings and token, submitting a demand, rating it with
 * the submission's secret, and the street ranking. Tracking by code is GET /api/public/demands/:code
 * (src/demands/routes.ts). Abuse limits live in one PortalGuards per server.
 */
export const publicPortalRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    const db = () => ctx.database.db;
    const guards = new PortalGuards(loadPortalLimits());

    app.get(
      '/api/public/portal',
      {
        schema: {
          tags: ['public'],
          description: '市民门户：辖区、诉求类型与表单令牌（打开表单时获取）',
          querystring: District,
          response: {
            200: z.object({
              district: z.object({ code: z.string(), name: z.string(), fullName: z.string() }),
              demandTypes: z.array(z.string()),
              formToken: z.string(),
              minFillSeconds: z.number(),
            }),
          },
        },
      },
      async (request, reply) => {
        const d = await resolvePortalDistrict(db(), request.query.district);
        reply.header('cache-control', 'no-store');
        return {
          district: { code: d.districtCode, name: d.name, fullName: d.fullName },
          demandTypes: [...DEMAND_TYPES],
          formToken: issueFormToken(),
          minFillSeconds: Math.ceil(guards.limits.minFillMs / 1000),
        };
      },
    );

    app.post(
      '/api/public/demands',
      {
        schema: {
          tags: ['public'],
          description:
            '市民提交诉求（无需登录）。须带打开表单时的 formToken 与表单生成的评价码 secret；同一 secret 重试返回同一件。限频：每 IP、每电话、每辖区。',
          querystring: District,
          body: PublicSubmitInput,
          response: { 200: Submitted, 201: Submitted },
        },
      },
      async (request, reply) => {
        const d = await resolvePortalDistrict(db(), request.query.district);
        const result = await submitPublicDemand({
          ctx,
          db: db(),
          districtCode: d.districtCode,
          input: request.body,
          clientIp: request.ip,
          guards,
          requestId: request.id,
        });
        return reply.status(result.replayed ? 200 : 201).send(result);
      },
    );

    app.post(
      '/api/public/demands/:code/rating',
      {
        schema: {
          tags: ['public'],
          description: '市民凭受理编号与评价码评价办理结果（记为回访；解决且满意即办结）',
          params: z.object({ code: TrackingCode }),
          body: PublicRatingInput,
          response: {
            200: z.object({
              code: z.string(),
              status: z.string(),
              statusName: z.string(),
              closed: z.boolean(),
            }),
          },
        },
      },
      async (request) => {
        const now = Date.now();
        guards.assertMayTrySecret(request.ip, now);
        return ratePublicDemand({
          db: db(),
          code: request.params.code,
          input: request.body,
          onBadSecret: () => guards.recordBadSecret(request.ip, now),
          requestId: request.id,
        });
      },
    );

    app.get(
      '/api/public/statistics',
      {
        schema: {
          tags: ['public'],
          description: '公开统计：各街道（乡镇）月度响应率、解决率、满意率与综合得分排名',
          querystring: District.extend({
            period: z
              .string()
              .regex(/^\d{4}-(0[1-9]|1[0-2])$/, '统计期应为 YYYY-MM')
              .optional(),
          }),
          response: {
            200: z.object({
              district: z.object({ code: z.string(), name: z.string() }),
              period: z.string(),
              weights: z.object({ response: z.number(), resolution: z.number(), satisfaction: z.number() }),
              totals: z.object({
                dispatched: z.number(),
                callbacks: z.number(),
                resolved: z.number(),
                satisfied: z.number(),
                rated: z.number(),
              }),
              streets: z.array(
                z.object({
                  rank: z.number().nullable(),
                  code: z.string(),
                  name: z.string(),
                  dispatched: z.number(),
                  responseRate: Rate,
                  resolutionRate: Rate,
                  satisfactionRate: Rate,
                  composite: Rate,
                }),
              ),
            }),
          },
        },
      },
      async (request) => {
        const d = await resolvePortalDistrict(db(), request.query.district);
        const stats = await publicStatistics(db(), {
          districtCode: d.districtCode,
          period: request.query.period ?? thisMonth(),
        });
        return { district: { code: d.districtCode, name: d.name }, ...stats };
      },
    );
  };
