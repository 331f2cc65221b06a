import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authorize } from '../../core/auth/authorize.ts';
import { notFound } from '../../core/errors.ts';
import { sendXlsx } from '../../core/export/xlsx.ts';
import { requirePrincipal } from '../../http/auth-hook.ts';
import type { AppContext } from '../../http/context.ts';
import { IdParams, narrowTo } from '../http.ts';
import { civilDate, RevealInput, xlsxFormat } from '../model.ts';
import { ServiceView } from '../party-members/present.ts';
import { beijingDate } from '../periods.ts';
import { participationPolicy } from '../policy.ts';
import { revealPersonalData } from '../reveal-personal-data.ts';
import { deregisterVolunteer } from './deregister-volunteer.ts';
import { DeregisterVolunteerInput, RecordVolunteerServiceInput, RegisterVolunteerInput } from './model.ts';
import {
  presentVolunteer,
  presentVolunteerService,
  registrationRateXlsx,
  VolunteerView,
  volunteerRegisterXlsx,
} from './present.ts';
import { buildRegistrationRateReport } from './rate-report.ts';
import { recordVolunteerService } from './record-volunteer-service.ts';
import { registerVolunteer } from './register-volunteer.ts';
import { confirmedHoursByVolunteer, getVolunteer, listVolunteerServices, listVolunteers } from './store.ts';

const tags = ['participation'];

/** 志愿者: the register, personal data on request, hours recorded, the registration rate. */
export const volunteerRegisterRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    const db = () => ctx.database.db;

    app.get(
      '/api/participation/volunteers',
      {
        schema: {
          tags,
          description: '志愿者名册（个人信息脱敏）；format=xlsx 导出',
          querystring: z.object({
            communityCode: z.string().optional(),
            q: z.string().trim().max(50).optional(),
            includeLeft: z.coerce.boolean().default(false),
            limit: z.coerce.number().int().min(1).max(5000).default(500),
            format: xlsxFormat,
          }),
        },
      },
      async (request, reply) => {
        const p = requirePrincipal(request);
        const q = request.query;
        const within = await narrowTo(db(), p, q.communityCode);
        const rows = await listVolunteers(db(), {
          districtCode: p.districtCode,
          withinPath: within,
          q: q.q,
          includeLeft: q.includeLeft,
          limit: q.limit,
        });
        const hours = await confirmedHoursByVolunteer(
          db(),
          rows.map((r) => r.id),
        );
        const items = rows.map((r) => presentVolunteer(r, hours.get(r.id) ?? 0));
        if (q.format === 'xlsx')
          return sendXlsx(reply, '社区志愿者花名册.xlsx', await volunteerRegisterXlsx(items));
        return { items };
      },
    );

    app.post(
      '/api/participation/volunteers',
      {
        schema: {
          tags,
          description: '志愿者注册',
          body: RegisterVolunteerInput,
          response: { 201: VolunteerView },
        },
      },
      async (request, reply) => {
        const p = requirePrincipal(request);
        const v = await registerVolunteer({
          db: db(),
          principal: p,
          input: request.body,
          requestId: request.id,
        });
        return reply.status(201).send(presentVolunteer(v));
      },
    );

    app.get(
      '/api/participation/volunteers/registration-rate',
      {
        schema: {
          tags,
          description: '各社区志愿者注册率与政策目标（含依据）；format=xlsx 导出',
          querystring: z.object({
            communityCode: z.string().optional().describe('街道或社区代码'),
            asOf: civilDate.optional().describe('统计日（默认今天）'),
            format: xlsxFormat,
          }),
        },
      },
      async (request, reply) => {
        const p = requirePrincipal(request);
        const within = await narrowTo(db(), p, request.query.communityCode, participationPolicy.reports);
        const report = await buildRegistrationRateReport(db(), {
          districtCode: p.districtCode,
          withinPath: within,
          asOf: request.query.asOf ?? beijingDate(new Date()),
        });
        if (request.query.format === 'xlsx') {
          return sendXlsx(reply, `志愿者注册率${report.asOf}.xlsx`, await registrationRateXlsx(report));
        }
        return {
          ...report,
          rows: report.rows.map(({ community, ...r }) => ({
            ...r,
            community: { code: community.code, name: community.name },
          })),
        };
      },
    );

    app.get('/api/participation/volunteers/:id', { schema: { tags, params: IdParams } }, async (request) => {
      const p = requirePrincipal(request);
      const v = await getVolunteer(db(), request.params.id);
      if (!v || v.districtCode !== p.districtCode) throw notFound('志愿者', request.params.id);
      authorize(p, participationPolicy.read, { districtCode: v.districtCode, paths: [v.communityPath] });
      const services = await listVolunteerServices(db(), {
        districtCode: v.districtCode,
        withinPath: v.communityPath,
        volunteerId: v.id,
      });
      const hours = await confirmedHoursByVolunteer(db(), [v.id]);
      return {
        ...presentVolunteer(v, hours.get(v.id) ?? 0),
        services: services.map(presentVolunteerService),
      };
    });

    app.post(
      '/api/participation/volunteers/:id/deregister',
      {
        schema: {
          tags,
          description: '志愿者注销',
          params: IdParams,
          body: DeregisterVolunteerInput,
          response: { 200: VolunteerView },
        },
      },
      async (request) => {
        const p = requirePrincipal(request);
        const v = await deregisterVolunteer({
          db: db(),
          principal: p,
          volunteerId: request.params.id,
          input: request.body,
          requestId: request.id,
        });
        return presentVolunteer(v);
      },
    );

    app.post(
      '/api/participation/volunteers/:id/reveal',
      {
        schema: {
          tags,
          description: '查看完整个人信息（须说明理由，记入审计）',
          params: IdParams,
          body: RevealInput,
        },
      },
      async (request) =>
        revealPersonalData({
          db: db(),
          principal: requirePrincipal(request),
          kind: 'volunteer',
          id: request.params.id,
          input: request.body,
          requestId: request.id,
        }),
    );

    app.post(
      '/api/participation/volunteers/:id/services',
      {
        schema: {
          tags,
          description: '登记志愿服务时长（待社区确认）',
          params: IdParams,
          body: RecordVolunteerServiceInput,
          response: { 201: ServiceView },
        },
      },
      async (request, reply) => {
        const p = requirePrincipal(request);
        const s = await recordVolunteerService({
          db: db(),
          principal: p,
          volunteerId: request.params.id,
          input: request.body,
          requestId: request.id,
        });
        return reply.status(201).send(presentVolunteerService(s));
      },
    );
  };
