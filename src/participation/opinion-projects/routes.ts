import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authorize } from '../../core/auth/authorize.ts';
import { notFound } from '../../core/errors.ts';
import { buildXlsx, sendXlsx } from '../../core/export/xlsx.ts';
import { getDemand } from '../../demands/store.ts';
import { requirePrincipal } from '../../http/auth-hook.ts';
import type { AppContext } from '../../http/context.ts';
import { presentTopic, TopicView } from '../consultation/present.ts';
import { getTopics } from '../consultation/store.ts';
import { IdParams, narrowTo } from '../http.ts';
import { percent, xlsxFormat } from '../model.ts';
import { participationPolicy } from '../policy.ts';
import { createProject } from './create-project.ts';
import { foldSteps } from './lifecycle.ts';
import { CreateProjectInput, ProjectAction } from './model.ts';
import { performProjectAction } from './perform-project-action.ts';
import {
  allowedActions,
  MilestoneView,
  ProjectView,
  presentMilestone,
  presentProject,
  presentStep,
  StepView,
} from './present.ts';
import { getProject, listChildren, listMilestones, listProjects, listSteps, toStepRecord } from './store.ts';
import type { OpinionProjectRow } from './tables.ts';

const tags = ['participation'];
const Detail = ProjectView.extend({
  feasibility: z.string().nullable(),
  evaluation: z
    .object({
      satisfied: z.number(),
      basicallySatisfied: z.number(),
      unsatisfied: z.number(),
      participants: z.number(),
      satisfaction: z.number(),
      summary: z.string(),
    })
    .nullable(),
  closingReason: z.string().nullable(),
  milestones: z.array(MilestoneView),
  children: z.array(ProjectView),
  steps: z.array(StepView),
  demands: z.array(z.object({ id: z.string(), code: z.string(), content: z.string(), status: z.string() })),
  topics: z.array(TopicView),
  allowedActions: z.array(z.string()),
});

/** 民意立项: collect, consult, approve, implement with milestones (rolled up), evaluate; Excel register. */
export const projectRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    const db = () => ctx.database.db;
    const detail = async (row: OpinionProjectRow, p: ReturnType<typeof requirePrincipal>) => {
      const steps = await listSteps(db(), row.id);
      const state = foldSteps(steps.map(toStepRecord));
      const demands = [];
      for (const id of row.demandIds) {
        const d = await getDemand(db(), id);
        if (d) demands.push({ id: d.id, code: d.code, content: d.content.slice(0, 120), status: d.status });
      }
      return {
        ...presentProject(row),
        feasibility: state.feasibility,
        evaluation: state.evaluation,
        closingReason: state.closingReason,
        milestones: (await listMilestones(db(), row.id)).map(presentMilestone),
        children: (await listChildren(db(), row.id)).map(presentProject),
        steps: steps.map(presentStep),
        demands,
        topics: (await getTopics(db(), row.topicIds)).map(presentTopic),
        allowedActions: allowedActions(p, row, state),
      };
    };

    app.get(
      '/api/participation/projects',
      {
        schema: {
          tags,
          description: '民意立项项目（默认只列一级项目）；format=xlsx 导出台账',
          querystring: z.object({
            communityCode: z.string().optional().describe('街道或社区代码'),
            status: z.string().optional().describe('逗号分隔的状态'),
            all: z.coerce.boolean().default(false).describe('true：含子项目'),
            format: xlsxFormat,
          }),
        },
      },
      async (request, reply) => {
        const p = requirePrincipal(request);
        const q = request.query;
        const within = await narrowTo(db(), p, q.communityCode);
        const rows = await listProjects(db(), {
          districtCode: p.districtCode,
          withinPath: within,
          status: q.status?.split(',').filter(Boolean),
          topLevel: !q.all,
        });
        const items = rows.map(presentProject);
        if (q.format === 'xlsx') {
          const buf = await buildXlsx({
            title: '民意立项项目台账',
            subtitle: [`制表时间：${new Date().toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai' })}`],
            columns: [
              { header: '项目编号', key: 'code', width: 18 },
              { header: '社区/街道', key: 'unitName', width: 20 },
              { header: '项目名称', key: 'title', width: 30 },
              { header: '实施单位', key: 'ownerUnitName', width: 24 },
              { header: '预算(元)', key: 'budgetYuan', width: 12 },
              { header: '状态', key: 'statusName', width: 12 },
              { header: '进度', key: 'progressText', width: 8 },
              { header: '居民满意度', key: 'satisfactionText', width: 12 },
            ],
            rows: items.map((i) => ({
              ...i,
              unitName: i.unit.name,
              progressText: `${i.progress}%`,
              satisfactionText: percent(i.satisfaction),
            })),
          });
          return sendXlsx(reply, '民意立项项目台账.xlsx', buf);
        }
        return { items };
      },
    );

    app.post(
      '/api/participation/projects',
      {
        schema: {
          tags,
          description: '征集立项（或在项目下增设子项目）',
          body: CreateProjectInput,
          response: { 201: Detail },
        },
      },
      async (request, reply) => {
        const p = requirePrincipal(request);
        const row = await createProject({
          db: db(),
          principal: p,
          input: request.body,
          requestId: request.id,
        });
        return reply.status(201).send(await detail(row, p));
      },
    );

    app.get(
      '/api/participation/projects/:id',
      { schema: { tags, params: IdParams, response: { 200: Detail } } },
      async (request) => {
        const p = requirePrincipal(request);
        const row = await getProject(db(), request.params.id);
        if (!row || row.districtCode !== p.districtCode) throw notFound('民意立项项目', request.params.id);
        authorize(p, participationPolicy.read, {
          districtCode: row.districtCode,
          paths: [row.unitPath, ...(row.ownerPath ? [row.ownerPath] : [])],
        });
        return detail(row, p);
      },
    );

    app.post(
      '/api/participation/projects/:id/actions',
      {
        schema: {
          tags,
          description: '提交协商、审批立项/不予立项、里程碑与进度、完工、居民评价、撤销',
          params: IdParams,
          body: ProjectAction,
          response: { 200: Detail },
        },
      },
      async (request) => {
        const p = requirePrincipal(request);
        const row = await performProjectAction({
          db: db(),
          principal: p,
          projectId: request.params.id,
          action: request.body,
          requestId: request.id,
        });
        return detail(row, p);
      },
    );
  };
