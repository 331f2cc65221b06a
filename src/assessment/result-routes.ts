import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authorize, type Principal, scopePath } from '../core/auth/authorize.ts';
import { AppError, notFound } from '../core/errors.ts';
import { sendXlsx } from '../core/export/xlsx.ts';
import { requirePrincipal } from '../http/auth-hook.ts';
import type { AppContext } from '../http/context.ts';
import { assessmentPolicy } from './policy.ts';
import { presentRecord, presentResult, presentResultHeader, seesAll, visibleRows } from './present.ts';
import { publishResult } from './publish-result.ts';
import { resultXlsx } from './result-xlsx.ts';
import { getResult, listRecords, listResults } from './store.ts';
import { districtRootPath } from './subjects.ts';
import type { AssessmentResultRow } from './tables.ts';
import { RecordView, ResultHeaderView, ResultView } from './views.ts';

const Params = z.object({ id: z.uuid() });

/**
 * Drafts are the assessment office's; published (and superseded) versions are readable by every unit
 * with a subject inside its jurisdiction, which then sees those subjects' rows only.
 */
function authorizeRead(p: Principal, r: AssessmentResultRow): void {
  if (r.status === 'draft') {
    authorize(p, assessmentPolicy.readDrafts, {
      districtCode: r.districtCode,
      paths: [districtRootPath(r.districtCode)],
    });
    return;
  }
  const paths = r.subjectPaths.length > 0 ? r.subjectPaths : [districtRootPath(r.districtCode)];
  authorize(p, assessmentPolicy.readResults, { districtCode: r.districtCode, paths });
}

/** Results: the table (or its Excel), the records behind every number, publication. */
export const resultRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    const db = () => ctx.database.db;
    const resultOf = async (p: Principal, id: string) => {
      const row = await getResult(db(), id);
      if (!row) throw notFound('考核结果', id);
      authorizeRead(p, row);
      return row;
    };

    app.get(
      '/api/assessment/results',
      {
        schema: {
          tags: ['assessment'],
          querystring: z.object({ schemeId: z.uuid().optional(), period: z.string().max(7).optional() }),
          response: { 200: z.object({ items: z.array(ResultHeaderView) }) },
        },
      },
      async (request) => {
        const p = requirePrincipal(request);
        authorize(p, assessmentPolicy.readResults);
        const office = assessmentPolicy.readDrafts.roles.some((r) => p.roles.includes(r));
        const rows = await listResults(db(), {
          districtCode: p.districtCode,
          schemeId: request.query.schemeId,
          period: request.query.period,
          ...(office ? {} : { statuses: ['published', 'superseded'] }),
        });
        const scope = scopePath(p);
        const mine = seesAll(p)
          ? rows
          : rows.filter((r) => r.subjectPaths.some((path) => path.startsWith(scope)));
        return { items: mine.map(presentResultHeader) };
      },
    );

    app.get(
      '/api/assessment/results/:id',
      {
        schema: {
          tags: ['assessment'],
          description: '考核结果：得分、名次、各指标明细（format=xlsx 导出 Excel）',
          params: Params,
          querystring: z.object({ format: z.enum(['json', 'xlsx']).default('json') }),
          response: { 200: ResultView },
        },
      },
      async (request, reply) => {
        const p = requirePrincipal(request);
        const row = await resultOf(p, request.params.id);
        if (request.query.format === 'xlsx') {
          const buffer = await resultXlsx(row, visibleRows(p, row));
          return sendXlsx(reply, `${row.schemeName}-${row.period}-第${row.version}版.xlsx`, buffer);
        }
        return presentResult(p, row);
      },
    );

    app.get(
      '/api/assessment/results/:id/records',
      {
        schema: {
          tags: ['assessment'],
          description: '下钻：某被考核对象某项指标背后的记录（诉求、哨令、网格事件、任务…的编号）',
          params: Params,
          querystring: z.object({
            subject: z.string().optional(),
            indicator: z.string().optional(),
            limit: z.coerce.number().int().min(1).max(1000).default(200),
            offset: z.coerce.number().int().min(0).default(0),
          }),
          response: { 200: z.object({ total: z.int(), items: z.array(RecordView) }) },
        },
      },
      async (request) => {
        const p = requirePrincipal(request);
        const row = await resultOf(p, request.params.id);
        const { subject, indicator, limit, offset } = request.query;
        if (!seesAll(p)) {
          // A unit drills into its own subjects only.
          if (!subject)
            throw new AppError('VALIDATION_FAILED', '请指定被考核对象 subject (subject required)');
          const own = visibleRows(p, row).some((r) => r.code === subject);
          if (!own) {
            const path = (row.rows as { code: string; path: string }[]).find((r) => r.code === subject)?.path;
            authorize(p, assessmentPolicy.readResults, {
              districtCode: row.districtCode,
              paths: [path ?? districtRootPath(row.districtCode)],
            });
          }
        }
        const page = await listRecords(db(), {
          resultId: row.id,
          subjectCode: subject,
          indicatorKey: indicator,
          limit,
          offset,
        });
        return { total: page.total, items: page.items.map(presentRecord) };
      },
    );

    app.post(
      '/api/assessment/results/:id/publish',
      {
        schema: {
          tags: ['assessment'],
          description: '发布考核结果：发布后锁定，更正须重新计算为新版本（审计留痕）',
          params: Params,
          response: { 200: ResultView },
        },
      },
      async (request) => {
        const p = requirePrincipal(request);
        authorize(p, assessmentPolicy.manage, {
          districtCode: p.districtCode,
          paths: [districtRootPath(p.districtCode)],
        });
        const saved = await publishResult({
          db: db(),
          districtCode: p.districtCode,
          resultId: request.params.id,
          actor: { id: p.userId, label: p.username },
          requestId: request.id,
        });
        return presentResult(p, saved);
      },
    );
  };
