import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { sendXlsx } from '../../core/export/xlsx.ts';
import { requirePrincipal } from '../../http/auth-hook.ts';
import type { AppContext } from '../../http/context.ts';
import { IdParams, narrowTo, PeriodQuery, periodOf } from '../http.ts';
import { RevealInput, xlsxFormat } from '../model.ts';
import { participationPolicy } from '../policy.ts';
import { revealPersonalData } from '../reveal-personal-data.ts';
import { RegisterUnitInput } from './model.ts';
import {
  presentReportIn,
  presentUnitRegistration,
  ReportInRateView,
  UnitRegistrationView,
} from './present.ts';
import { registerUnit } from './register-unit.ts';
import { listUnitRegistrations, listUnitReportInRates } from './store.ts';
import { reportInXlsx } from './xlsx.ts';

const tags = ['participation'];

/** 单位到街道报到 and each unit's report-in rate (what the street's assessment of units reads). */
export const unitRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    const db = () => ctx.database.db;

    app.get(
      '/api/participation/party-units',
      {
        schema: {
          tags,
          description: '到街道报到的单位（联系人脱敏）',
          querystring: z.object({ streetCode: z.string().optional() }),
          response: { 200: z.object({ items: z.array(UnitRegistrationView) }) },
        },
      },
      async (request) => {
        const p = requirePrincipal(request);
        const within = await narrowTo(db(), p, request.query.streetCode);
        const rows = await listUnitRegistrations(db(), { districtCode: p.districtCode, scopePath: within });
        return { items: rows.map(presentUnitRegistration) };
      },
    );

    app.post(
      '/api/participation/party-units',
      {
        schema: {
          tags,
          description: '单位到街道报到（再次报到即更新）',
          body: RegisterUnitInput,
          response: { 201: UnitRegistrationView },
        },
      },
      async (request, reply) => {
        const p = requirePrincipal(request);
        const r = await registerUnit({ db: db(), principal: p, input: request.body, requestId: request.id });
        return reply.status(201).send(presentUnitRegistration(r));
      },
    );

    app.post(
      '/api/participation/party-units/:id/reveal',
      {
        schema: {
          tags,
          description: '查看单位联系人完整信息（记入审计）',
          params: IdParams,
          body: RevealInput,
        },
      },
      async (request) =>
        revealPersonalData({
          db: db(),
          principal: requirePrincipal(request),
          kind: 'unit_contact',
          id: request.params.id,
          input: request.body,
          requestId: request.id,
        }),
    );

    app.get(
      '/api/participation/party-units/report-in',
      {
        schema: {
          tags,
          description: '单位在职党员报到率、服务率（供双向考核读取）；format=xlsx 导出',
          querystring: PeriodQuery.extend({ streetCode: z.string().optional(), format: xlsxFormat }),
        },
      },
      async (request, reply) => {
        const p = requirePrincipal(request);
        const within = await narrowTo(db(), p, request.query.streetCode, participationPolicy.reports);
        const period = periodOf(request.query.period);
        const rows = (
          await listUnitReportInRates(db(), { districtCode: p.districtCode, period, withinPath: within })
        ).map(presentReportIn);
        if (request.query.format === 'xlsx') {
          return sendXlsx(reply, `单位在职党员报到情况${period.key}.xlsx`, await reportInXlsx(rows, period));
        }
        return { period: period.key, label: period.label, items: z.array(ReportInRateView).parse(rows) };
      },
    );
  };
