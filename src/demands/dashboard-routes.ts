import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authorize, scopePath } from '../core/auth/authorize.ts';
import { buildXlsx, sendXlsx } from '../core/export/xlsx.ts';
import { requirePrincipal } from '../http/auth-hook.ts';
import type { AppContext } from '../http/context.ts';
import { type HotSpot, hotSpots } from './compute-rankings.ts';
import { type DashboardStats, dashboardStats } from './dashboard-stats.ts';
import { demandPolicy } from './policy.ts';

const thisMonth = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 7);
const pct = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)}%`);
type Cell = string | number;
type Row = Record<string, Cell>;

function workbook(s: DashboardStats, hot: HotSpot[]) {
  const made = `制表时间：${new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ')}`;
  const summary: Row[] = [
    { k: '本月受理', v: s.received.total },
    { k: '上月受理', v: s.received.previousTotal },
    { k: '当前在办', v: s.now.open },
    { k: '当前超期', v: s.now.overdue },
    { k: '即将超期', v: s.now.dueSoon },
    { k: '待派单', v: s.now.pendingDispatch },
    { k: '待回访', v: s.now.awaitingCallback },
    { k: '响应率', v: pct(s.rates.responseRate) },
    { k: '解决率', v: pct(s.rates.resolutionRate) },
    { k: '满意率', v: pct(s.rates.satisfactionRate) },
    { k: '综合得分', v: s.rates.composite ?? '—' },
  ];
  return buildXlsx<Row>(
    {
      title: `${s.period} 接诉即办运行概况`,
      sheetName: '概况',
      subtitle: [made],
      columns: [
        { header: '指标', key: 'k', width: 16 },
        { header: '数值', key: 'v', width: 14 },
      ],
      rows: summary,
    },
    {
      title: `${s.period} 诉求类别前十`,
      sheetName: '类别',
      columns: [
        { header: '类别', key: 'name', width: 30 },
        { header: '件数', key: 'count' },
      ],
      rows: s.byCategory,
    },
    {
      title: `${s.period} 网格诉求量与超期数`,
      sheetName: '网格',
      columns: [
        { header: '网格编码', key: 'code', width: 20 },
        { header: '网格', key: 'name', width: 30 },
        { header: '本月诉求', key: 'count' },
        { header: '当前超期', key: 'overdue' },
      ],
      rows: [...s.grids].sort((a, b) => b.count - a.count),
    },
    {
      title: `${s.period} 每日受理与办结`,
      sheetName: '趋势',
      columns: [
        { header: '日期', key: 'date', width: 14 },
        { header: '受理', key: 'received' },
        { header: '办结', key: 'closed' },
      ],
      rows: s.daily,
    },
    {
      title: `${s.period} 热点与共性问题（类别 × 社区）`,
      sheetName: '热点',
      columns: [
        { header: '类别', key: 'category', width: 30 },
        { header: '社区', key: 'community', width: 24 },
        { header: '本月', key: 'count' },
        { header: '上月', key: 'previous' },
        { header: '激增', key: 'spike' },
      ],
      rows: hot.map((h) => ({
        category: h.categoryName,
        community: h.communityName ?? '—',
        count: h.count,
        previous: h.previous,
        spike: h.spike ? '是' : '',
      })),
    },
  );
}

/** 驾驶舱: one month's figures for the caller's jurisdiction, as JSON or as an Excel workbook. */
export const dashboardRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/demands/dashboard',
      {
        schema: {
          tags: ['demands'],
          description: '领导驾驶舱：受理量、三率、超期、类别、渠道、每日趋势、网格诉求量与超期数',
          querystring: z.object({
            period: z
              .string()
              .regex(/^\d{4}-(0[1-9]|1[0-2])$/, '统计期应为 YYYY-MM')
              .optional(),
            format: z.enum(['json', 'xlsx']).default('json'),
          }),
        },
      },
      async (request, reply) => {
        const p = requirePrincipal(request);
        authorize(p, demandPolicy.measures);
        const stats = await dashboardStats(ctx.database.db, {
          districtCode: p.districtCode,
          scopePath: scopePath(p),
          period: request.query.period ?? thisMonth(),
        });
        if (request.query.format === 'xlsx') {
          const hot = await hotSpots(ctx.database.db, {
            districtCode: p.districtCode,
            period: stats.period,
            minCount: 2,
          });
          return sendXlsx(reply, `${stats.period}-驾驶舱.xlsx`, await workbook(stats, hot));
        }
        return stats;
      },
    );
  };
