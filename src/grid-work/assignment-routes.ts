import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authorize, decide, scopePath } from '../core/auth/authorize.ts';
import { AppError } from '../core/errors.ts';
import { buildXlsx, sendXlsx } from '../core/export/xlsx.ts';
import { requirePrincipal } from '../http/auth-hook.ts';
import type { AppContext } from '../http/context.ts';
import { getUnitByCode } from '../jurisdiction/store.ts';
import { AssignPostInput, assignPost } from './assign-post.ts';
import { listAssignments } from './assignments-store.ts';
import { checkStaffing } from './check-staffing.ts';
import { endPost } from './end-assignment.ts';
import { POSTS } from './model.ts';
import { gridWorkPolicy } from './policy.ts';
import { CandidateView, postCandidates } from './post-candidates.ts';
import { AssignmentView, presentAssignment } from './present-grid-work.ts';

/** Posts on grids (网格员, 街巷长, 楼栋长, the secretary) and the staffing check against the policy. */
export const assignmentRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    const db = () => ctx.database.db;

    app.get(
      '/api/grid-assignments',
      {
        schema: {
          tags: ['grid-work'],
          description: '网格岗位（网格员、街巷长、楼栋长、社区党委书记）',
          querystring: z.object({
            unitCode: z.string().optional().describe('街道、社区或网格代码，默认本人辖区'),
            post: z.enum(POSTS).optional(),
            includeEnded: z.coerce.boolean().default(false),
          }),
          response: {
            200: z.object({
              items: z.array(AssignmentView),
              may: z
                .object({ assign: z.boolean(), designateSecretary: z.boolean() })
                .describe('调用者能否在此范围内设岗、指定书记（供界面显示按钮）'),
            }),
          },
        },
      },
      async (request) => {
        const p = requirePrincipal(request);
        authorize(p, gridWorkPolicy.read);
        let within = scopePath(p);
        if (request.query.unitCode) {
          const unit = await getUnitByCode(db(), request.query.unitCode);
          if (!unit || unit.districtCode !== p.districtCode) {
            throw new AppError('NOT_FOUND', `单位不存在：${request.query.unitCode} (unit not found)`);
          }
          authorize(p, gridWorkPolicy.read, { districtCode: unit.districtCode, paths: [unit.path] });
          within = unit.path;
        }
        const rows = await listAssignments(db(), {
          districtCode: p.districtCode,
          withinPath: within,
          post: request.query.post,
          includeEnded: request.query.includeEnded,
        });
        const here = { districtCode: p.districtCode, paths: [within] };
        const may = {
          assign: decide(p, gridWorkPolicy.assign, here).allowed,
          designateSecretary: decide(p, gridWorkPolicy.designateSecretary, here).allowed,
        };
        return { items: rows.map(presentAssignment), may };
      },
    );

    app.get(
      '/api/grid-assignments/candidates',
      {
        schema: {
          tags: ['grid-work'],
          description: '可任该岗位的账号：本社区在职、具备岗位所需角色的人员',
          querystring: z.object({ unitCode: z.string().min(6).max(20), post: z.enum(POSTS) }),
          response: { 200: z.object({ items: z.array(CandidateView) }) },
        },
      },
      async (request) => {
        const p = requirePrincipal(request);
        return { items: await postCandidates({ db: db(), principal: p, ...request.query }) };
      },
    );

    app.post(
      '/api/grid-assignments',
      {
        schema: {
          tags: ['grid-work'],
          description: '设岗：网格员/街巷长/楼栋长到网格，或指定社区党委书记',
          body: AssignPostInput,
          response: { 201: AssignmentView },
        },
      },
      async (request, reply) => {
        const p = requirePrincipal(request);
        const row = await assignPost({ db: db(), principal: p, input: request.body, requestId: request.id });
        return reply.status(201).send(presentAssignment(row));
      },
    );

    app.post(
      '/api/grid-assignments/:id/end',
      {
        schema: {
          tags: ['grid-work'],
          description: '离岗/卸任',
          params: z.object({ id: z.uuid() }),
          response: { 200: AssignmentView },
        },
      },
      async (request) => {
        const p = requirePrincipal(request);
        return presentAssignment(
          await endPost({ db: db(), principal: p, assignmentId: request.params.id, requestId: request.id }),
        );
      },
    );

    app.get(
      '/api/grid-work/staffing',
      {
        schema: {
          tags: ['grid-work'],
          description: '网格员配备核查：按现行政策配置（每 500 户 1 名，特定社区 300 户）列出配备不足的社区',
          querystring: z.object({
            unitCode: z.string().optional(),
            format: z.enum(['json', 'xlsx']).default('json'),
          }),
        },
      },
      async (request, reply) => {
        const p = requirePrincipal(request);
        const report = await checkStaffing({ db: db(), principal: p, unitCode: request.query.unitCode });
        if (request.query.format === 'xlsx') {
          const buf = await buildXlsx({
            title: '网格员配备情况',
            subtitle: [
              `政策配置：${report.profileName}`,
              `社区 ${report.totals.communities} 个，应配 ${report.totals.required} 名，在岗 ${report.totals.assigned} 名，配备不足 ${report.totals.understaffed} 个`,
            ],
            columns: [
              { header: '街道', key: 'streetName', width: 16 },
              { header: '社区', key: 'name', width: 24 },
              { header: '户数', key: 'households' },
              { header: '每名网格员户数', key: 'householdsPerWorker' },
              { header: '应配', key: 'required' },
              { header: '在岗', key: 'gridWorkersAssigned' },
              { header: '差额', key: 'gap' },
              { header: '说明', key: 'note', width: 30 },
            ],
            rows: report.rows,
            footer: [`依据：${report.rows.find((r) => r.source)?.source ?? ''}`],
          });
          return sendXlsx(reply, '网格员配备情况.xlsx', buf);
        }
        return report;
      },
    );
  };
