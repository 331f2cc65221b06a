import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authorize } from '../core/auth/authorize.ts';
import { buildXlsx, sendXlsx } from '../core/export/xlsx.ts';
import { requirePrincipal } from '../http/auth-hook.ts';
import type { AppContext } from '../http/context.ts';
import { computeRanking, hotSpots, type Ranking } from './compute-rankings.ts';
import { demandPolicy } from './policy.ts';

const pct = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)}%`);
const Query = z.object({
  period: z.string().regex(/^\d{4}-\d{2}$/, '统计期应为 YYYY-MM'),
  level: z.enum(['street', 'department']).default('street'),
  format: z.enum(['json', 'xlsx']).default('json'),
});
const LEVEL_NAME = { street: '街道（乡镇）', department: '职能部门' } as const;

function flatRows(r: Ranking) {
  return r.rows.map((x) => ({
    rank: x.rank,
    code: x.unit.code,
    name: x.unit.name,
    dispatched: x.rates.dispatched,
    responseRate: x.rates.responseRate,
    resolutionRate: x.rates.resolutionRate,
    satisfactionRate: x.rates.satisfactionRate,
    composite: x.rates.composite,
    appealsExcluded: x.rates.appealsExcluded,
  }));
}
type Flat = ReturnType<typeof flatRows>[number];

function rankingTable(title: string, r: Ranking, rows: Flat[]) {
  return {
    title,
    subtitle: [
      `统计期：${r.period}　权重：响应率 ${r.weights.response * 100}%、解决率 ${r.weights.resolution * 100}%、满意率 ${r.weights.satisfaction * 100}%（政策配置 ${r.profileId}）`,
    ],
    columns: [
      {
        header: '名次',
        key: 'rank' as const,
        format: (v: Flat[keyof Flat]) => (v === null ? '—' : (v as number)),
      },
      { header: '单位', key: 'name' as const, width: 30 },
      { header: '派单量', key: 'dispatched' as const },
      {
        header: '响应率',
        key: 'responseRate' as const,
        format: (v: Flat[keyof Flat]) => pct(v as number | null),
      },
      {
        header: '解决率',
        key: 'resolutionRate' as const,
        format: (v: Flat[keyof Flat]) => pct(v as number | null),
      },
      {
        header: '满意率',
        key: 'satisfactionRate' as const,
        format: (v: Flat[keyof Flat]) => pct(v as number | null),
      },
      {
        header: '综合得分',
        key: 'composite' as const,
        format: (v: Flat[keyof Flat]) => (v === null ? '—' : (v as number)),
      },
      { header: '申诉核减', key: 'appealsExcluded' as const },
    ],
    rows,
    footer: [
      '说明：申诉成立的评价不计入解决率、满意率；口径见 docs/measures.md。',
      `制表时间：${new Date().toISOString().slice(0, 10)}`,
    ],
  };
}

/** 三率 ranking, bottom-N bulletin and hot spots, as JSON or as the Excel sheet offices forward. */
export const measureRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    const db = () => ctx.database.db;

    app.get(
      '/api/demands/ranking',
      { schema: { tags: ['demands'], description: '三率排名（月度，街道或部门）', querystring: Query } },
      async (request, reply) => {
        const p = requirePrincipal(request);
        authorize(p, demandPolicy.measures);
        const { period, level, format } = request.query;
        const ranking = await computeRanking(db(), { districtCode: p.districtCode, period, level });
        const rows = flatRows(ranking);
        if (format === 'xlsx') {
          const buffer = await buildXlsx(
            rankingTable(`${period} 接诉即办${LEVEL_NAME[level]}三率排名`, ranking, rows),
          );
          return sendXlsx(reply, `${period}-${level}-三率排名.xlsx`, buffer);
        }
        return { period, level, weights: ranking.weights, profileId: ranking.profileId, rows };
      },
    );

    app.get(
      '/api/demands/bulletin',
      {
        schema: {
          tags: ['demands'],
          description: '定期通报：综合得分后 N 名',
          querystring: Query.extend({ bottom: z.coerce.number().int().min(1).max(50).default(3) }),
        },
      },
      async (request, reply) => {
        const p = requirePrincipal(request);
        authorize(p, demandPolicy.measures);
        const { period, level, format, bottom } = request.query;
        const ranking = await computeRanking(db(), { districtCode: p.districtCode, period, level });
        const scored = flatRows(ranking).filter((r) => r.composite !== null);
        const rows = scored.slice(-bottom).reverse();
        if (format === 'xlsx') {
          const buffer = await buildXlsx(
            rankingTable(`${period} 接诉即办${LEVEL_NAME[level]}通报（后 ${bottom} 名）`, ranking, rows),
          );
          return sendXlsx(reply, `${period}-${level}-通报.xlsx`, buffer);
        }
        return { period, level, bottom: rows };
      },
    );

    app.get(
      '/api/demands/hotspots',
      {
        schema: {
          tags: ['demands'],
          description: '热点与共性问题（类别 × 社区 × 月，环比激增）',
          querystring: z.object({
            period: z.string().regex(/^\d{4}-\d{2}$/),
            minCount: z.coerce.number().int().min(1).default(5),
          }),
        },
      },
      async (request) => {
        const p = requirePrincipal(request);
        authorize(p, demandPolicy.measures);
        return {
          period: request.query.period,
          items: await hotSpots(db(), { districtCode: p.districtCode, ...request.query }),
        };
      },
    );
  };
