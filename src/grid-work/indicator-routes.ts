import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { sendXlsx } from '../core/export/xlsx.ts';
import { requirePrincipal } from '../http/auth-hook.ts';
import type { AppContext } from '../http/context.ts';
import { gridEventIndicators } from './grid-event-indicators.ts';
import { gridEventIndicatorTable, indicatorTableXlsx } from './indicator-table.ts';
import { monthSchema } from './model.ts';

const Rate = z.number().nullable();
const IndicatorsView = z.object({
  unit: z.object({ code: z.string(), name: z.string(), path: z.string() }),
  side: z.enum(['location', 'handler']),
  period: z.object({ label: z.string(), from: z.string(), to: z.string() }),
  asOf: z.string(),
  counts: z.object({
    shouldClose: z.number(),
    closed: z.number(),
    closedOnTime: z.number(),
    shouldDispose: z.number(),
    disposed: z.number(),
    disposedOnTime: z.number(),
    reworked: z.number(),
    overduePending: z.number(),
    extended: z.number(),
    closedOnSpot: z.number(),
  }),
  rates: z.object({
    closeRate: Rate,
    onTimeCloseRate: Rate,
    disposeRate: Rate,
    onTimeDisposeRate: Rate,
    reworkRate: Rate,
    overduePendingRate: Rate,
    extensionRate: Rate,
  }),
});

const query = {
  unitCode: z.string().optional().describe('默认本人单位；职能部门按派给它的案件计'),
  month: monthSchema,
  asOf: z.iso.datetime({ offset: true }).optional(),
};
const format = z.enum(['json', 'xlsx']).default('json').describe('xlsx：网格事件考核指标表');

/** Grid-event indicators (docs/grid-indicators.md): one unit, or a unit and the units below it. */
export const indicatorRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    const db = () => ctx.database.db;

    app.get(
      '/api/grid-events/indicators',
      {
        schema: {
          tags: ['grid-work'],
          description:
            '结案率、按期结案率、处置率、按期处置率、返工率、超期待处置率、延期率（定义见 docs/grid-indicators.md）',
          querystring: z.object({ ...query, format }),
          response: { 200: IndicatorsView },
        },
      },
      async (request, reply) => {
        const p = requirePrincipal(request);
        const q = request.query;
        const result = await gridEventIndicators({
          db: db(),
          principal: p,
          unitCode: q.unitCode,
          month: q.month,
          asOf: q.asOf ? new Date(q.asOf) : undefined,
        });
        if (q.format === 'xlsx') {
          const { unit, side, period, asOf } = result;
          const buf = await indicatorTableXlsx({ unit, side, period, asOf, rows: [result] });
          return sendXlsx(reply, `网格事件考核指标_${unit.name}_${q.month}.xlsx`, buf);
        }
        return result;
      },
    );

    app.get(
      '/api/grid-events/indicators/units',
      {
        schema: {
          tags: ['grid-work'],
          description: '按单位列出考核指标：本单位及其下一级单位（街道的各社区、社区的各网格），可导出 Excel',
          querystring: z.object({ ...query, format }),
          response: {
            200: z.object({
              unit: IndicatorsView.shape.unit,
              side: IndicatorsView.shape.side,
              period: IndicatorsView.shape.period,
              asOf: z.string(),
              rows: z.array(IndicatorsView),
            }),
          },
        },
      },
      async (request, reply) => {
        const p = requirePrincipal(request);
        const q = request.query;
        const table = await gridEventIndicatorTable({
          db: db(),
          principal: p,
          unitCode: q.unitCode,
          month: q.month,
          asOf: q.asOf ? new Date(q.asOf) : undefined,
        });
        if (q.format === 'xlsx') {
          return sendXlsx(
            reply,
            `网格事件考核指标_${table.unit.name}_${q.month}.xlsx`,
            await indicatorTableXlsx(table),
          );
        }
        return table;
      },
    );
  };
