import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authorize } from '../core/auth/authorize.ts';
import { buildXlsx, sendXlsx } from '../core/export/xlsx.ts';
import { monthRange, monthSchema } from '../grid-work/model.ts';
import { requirePrincipal } from '../http/auth-hook.ts';
import type { AppContext } from '../http/context.ts';
import { whistlePolicy } from './policy.ts';
import { whistleMeasuresByBlower, whistleMeasuresByUnit } from './whistle-stats.ts';

const Period = z.object({
  period: monthSchema.optional().describe('月份 YYYY-MM（默认本月）'),
  from: z.iso.date().optional().describe('起始日期（含），与 to 一起代替 period'),
  to: z.iso.date().optional().describe('截止日期（不含）'),
});

/** [from, to) of a query: a month, or two Beijing dates. */
export function periodOf(q: z.infer<typeof Period>): { from: Date; to: Date; label: string } {
  if (q.from && q.to) {
    return {
      from: new Date(`${q.from}T00:00:00+08:00`),
      to: new Date(`${q.to}T00:00:00+08:00`),
      label: `${q.from}~${q.to}`,
    };
  }
  const month = q.period ?? new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 7);
  return { ...monthRange(month), label: month };
}

/** Both sides of 吹哨报到 measured per period: summoned units and blowers. */
export const whistleMeasureRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    const db = () => ctx.database.db;

    app.get(
      '/api/whistles/measures/units',
      {
        schema: {
          tags: ['whistles'],
          description: '被召集单位：按时报到率、评分（按吹哨时间计入期间）',
          querystring: Period.extend({
            groupBy: z.enum(['unit', 'department']).default('unit'),
            format: z.enum(['json', 'xlsx']).default('json'),
          }),
        },
      },
      async (request, reply) => {
        const p = requirePrincipal(request);
        authorize(p, whistlePolicy.measures);
        const period = periodOf(request.query);
        const rows = await whistleMeasuresByUnit(db(), {
          districtCode: p.districtCode,
          ...period,
          groupBy: request.query.groupBy,
        });
        if (request.query.format === 'xlsx') {
          const flat = rows.map((r) => ({
            ...r,
            name: r.unit.name,
            rate: r.onTimeRate === null ? '' : `${(r.onTimeRate * 100).toFixed(1)}%`,
          }));
          const buf = await buildXlsx({
            title: '吹哨报到单位报到及评价情况',
            subtitle: [`期间：${period.label}`],
            columns: [
              { header: '单位', key: 'name', width: 36 },
              { header: '召集次数', key: 'summoned' },
              { header: '按时报到', key: 'onTime' },
              { header: '迟到', key: 'late' },
              { header: '未报到', key: 'noShow' },
              { header: '按时报到率', key: 'rate' },
              { header: '平均评分', key: 'averageScore' },
            ],
            rows: flat,
          });
          return sendXlsx(reply, `吹哨报到单位情况${period.label}.xlsx`, buf);
        }
        return { period: period.label, items: rows };
      },
    );

    app.get(
      '/api/whistles/measures/blowers',
      {
        schema: {
          tags: ['whistles'],
          description: '吹哨方（街道/社区）：吹哨次数、办结情况、平均办结时长',
          querystring: Period,
        },
      },
      async (request) => {
        const p = requirePrincipal(request);
        authorize(p, whistlePolicy.measures);
        const period = periodOf(request.query);
        return {
          period: period.label,
          items: await whistleMeasuresByBlower(db(), { districtCode: p.districtCode, ...period }),
        };
      },
    );
  };
