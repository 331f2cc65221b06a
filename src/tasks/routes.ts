import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authorize, type Principal } from '../core/auth/authorize.ts';
import { notFound } from '../core/errors.ts';
import { sendXlsx } from '../core/export/xlsx.ts';
import { requirePrincipal } from '../http/auth-hook.ts';
import type { AppContext } from '../http/context.ts';
import { addComment } from './add-comment.ts';
import { buildBulletin } from './bulletin.ts';
import { bulletinXlsx } from './bulletin-xlsx.ts';
import { exportPlanXlsx } from './export-plan.ts';
import { importPlan } from './import-plan.ts';
import { CommentInput, ImportPlanInput, ProgressInput } from './model.ts';
import { ParsedPlanSchema } from './plan-parser/model.ts';
import { parsePlan } from './plan-parser/parse-plan.ts';
import { tasksPolicy } from './policy.ts';
import {
  BulletinView,
  CommentView,
  ImportResult,
  PlanView,
  ProgressView,
  presentComment,
  presentPlan,
  presentProgress,
  presentTask,
  TaskDetailView,
  TaskItemView,
  UnitRef,
} from './present-task.ts';
import { reportProgress } from './report-progress.ts';
import { getPlan, getTask, listComments, listPlans, listProgress } from './store.ts';
import { civilDateOf, loadTaskViews, planTaskViews, taskPaths, visibleWithin } from './task-views.ts';
import { resolveUnitNamesIn } from './unit-directory.ts';
import { unitNameRoutes } from './unit-name-routes.ts';

const actorOf = (p: Principal) => ({ id: p.userId, label: p.username });
const PlanParams = z.object({ id: z.uuid() });
const AsOf = z.object({
  asOf: z.iso.date().optional().describe('按此日期计算状态（默认今天）'),
});
/** Task supervision (督查督办): plans, tasks, progress, comments, bulletin, Excel export. */
export const tasksRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    const db = () => ctx.database.db;
    await app.register(unitNameRoutes(ctx));

    /** The plan, after checking the caller sees it: district-wide roles always, others via their tasks. */
    async function visiblePlan(p: Principal, id: string, asOf: string | undefined) {
      const plan = await getPlan(db(), id);
      if (!plan) throw notFound('任务分解方案', id);
      const views = await planTaskViews(db(), plan, visibleWithin(p), asOf ?? civilDateOf(new Date()));
      const paths = [plan.ownerPath, ...views.flatMap((v) => taskPaths(v.links))];
      authorize(p, tasksPolicy.readTasks, { districtCode: plan.districtCode, paths });
      return { plan, views };
    }

    app.post(
      '/api/task-plans/parse',
      {
        schema: {
          tags: ['tasks'],
          description: '解析任务分解方案文本并预览单位匹配（不写入）',
          body: z.object({ text: z.string().min(1).max(1_000_000) }),
          response: {
            200: ParsedPlanSchema.extend({
              units: z.array(
                z.object({
                  name: z.string(),
                  match: z.string(),
                  units: z.array(UnitRef),
                  suggestions: z.array(UnitRef),
                }),
              ),
            }),
          },
        },
      },
      async (request) => {
        const p = requirePrincipal(request);
        authorize(p, tasksPolicy.parsePlan);
        const parsed = parsePlan(request.body.text);
        const names = [...new Set(parsed.tasks.flatMap((t) => [...t.lead, ...t.co]))];
        const ref = (u: { code: string; shortName: string }) => ({ code: u.code, name: u.shortName });
        const resolved = await resolveUnitNamesIn(db(), p.districtCode, names);
        return {
          ...parsed,
          units: resolved.map((r) => ({
            name: r.name,
            match: r.match,
            units: r.units.map(ref),
            suggestions: r.suggestions.map(ref),
          })),
        };
      },
    );

    app.post(
      '/api/task-plans',
      {
        schema: {
          tags: ['tasks'],
          description: '导入任务分解方案（解析、匹配单位、生成任务）',
          body: ImportPlanInput,
          response: { 201: ImportResult },
        },
      },
      async (request, reply) => {
        const p = requirePrincipal(request);
        authorize(p, tasksPolicy.importPlan);
        const result = await importPlan({
          db: db(),
          districtCode: p.districtCode,
          input: request.body,
          actor: actorOf(p),
          requestId: request.id,
        });
        return reply.status(201).send(result);
      },
    );

    app.get(
      '/api/task-plans',
      { schema: { tags: ['tasks'], response: { 200: z.object({ items: z.array(PlanView) }) } } },
      async (request) => {
        const p = requirePrincipal(request);
        authorize(p, tasksPolicy.readTasks);
        const today = civilDateOf(new Date());
        const within = visibleWithin(p);
        const items = [];
        for (const plan of await listPlans(db(), p.districtCode)) {
          const views = await planTaskViews(db(), plan, within, today);
          if (within === null || views.length > 0) items.push(presentPlan(plan, views));
        }
        return { items };
      },
    );

    app.get(
      '/api/task-plans/:id',
      {
        schema: {
          tags: ['tasks'],
          params: PlanParams,
          querystring: AsOf,
          response: { 200: PlanView.extend({ tasks: z.array(TaskItemView) }) },
        },
      },
      async (request) => {
        const p = requirePrincipal(request);
        const { plan, views } = await visiblePlan(p, request.params.id, request.query.asOf);
        return { ...presentPlan(plan, views), tasks: views.map(presentTask) };
      },
    );

    app.get(
      '/api/task-plans/:id/bulletin',
      {
        schema: {
          tags: ['tasks'],
          description: '督查通报：逾期任务与牵头单位完成率排名',
          params: PlanParams,
          querystring: AsOf,
          response: { 200: BulletinView },
        },
      },
      async (request) => {
        const p = requirePrincipal(request);
        authorize(p, tasksPolicy.readBulletin);
        const { plan, views } = await visiblePlan(p, request.params.id, request.query.asOf);
        const asOf = request.query.asOf ?? civilDateOf(new Date());
        return { plan: { id: plan.id, title: plan.title }, ...buildBulletin(views, asOf) };
      },
    );

    app.get(
      '/api/task-plans/:id/bulletin.xlsx',
      {
        schema: {
          tags: ['tasks'],
          description: '督查通报（Excel：逾期任务、牵头单位完成情况排名）',
          params: PlanParams,
          querystring: AsOf,
        },
      },
      async (request, reply) => {
        const p = requirePrincipal(request);
        authorize(p, tasksPolicy.readBulletin);
        const { plan, views } = await visiblePlan(p, request.params.id, request.query.asOf);
        const asOf = request.query.asOf ?? civilDateOf(new Date());
        const buffer = await bulletinXlsx(plan.title, buildBulletin(views, asOf));
        return sendXlsx(reply, `${plan.title}-督查通报-${asOf}`, buffer);
      },
    );

    app.get(
      '/api/task-plans/:id/export.xlsx',
      {
        schema: {
          tags: ['tasks'],
          description:
            '导出方案及进展（Excel：序号、任务内容、牵头单位、协办单位、完成时间、状态、最新进展）',
          params: PlanParams,
          querystring: AsOf,
        },
      },
      async (request, reply) => {
        const p = requirePrincipal(request);
        authorize(p, tasksPolicy.exportPlan);
        const { plan, views } = await visiblePlan(p, request.params.id, request.query.asOf);
        const asOf = request.query.asOf ?? civilDateOf(new Date());
        return sendXlsx(reply, `${plan.title}-进展-${asOf}`, await exportPlanXlsx(plan, views, asOf));
      },
    );

    app.get(
      '/api/tasks/:id',
      {
        schema: { tags: ['tasks'], params: PlanParams, querystring: AsOf, response: { 200: TaskDetailView } },
      },
      async (request) => {
        const p = requirePrincipal(request);
        const task = await getTask(db(), request.params.id);
        if (!task) throw notFound('任务', request.params.id);
        const plan = await getPlan(db(), task.planId);
        if (!plan) throw notFound('任务分解方案', task.planId);
        const today = request.query.asOf ?? civilDateOf(new Date());
        const [view] = await loadTaskViews(db(), [task], new Map([[plan.id, plan]]), today);
        if (!view) throw notFound('任务', task.id);
        authorize(p, tasksPolicy.readTasks, {
          districtCode: task.districtCode,
          paths: taskPaths(view.links, plan),
        });
        const [progress, comments] = await Promise.all([
          listProgress(db(), task.id),
          listComments(db(), task.id),
        ]);
        return {
          ...presentTask(view),
          plan: { id: plan.id, title: plan.title },
          progress: progress.map(presentProgress),
          comments: comments.map(presentComment),
        };
      },
    );

    app.post(
      '/api/tasks/:id/progress',
      {
        schema: {
          tags: ['tasks'],
          description: '牵头单位报送进展（附佐证材料），协办单位报送配合情况',
          params: PlanParams,
          body: ProgressInput,
          response: { 201: z.object({ progress: ProgressView, taskDone: z.boolean() }) },
        },
      },
      async (request, reply) => {
        const p = requirePrincipal(request);
        authorize(p, tasksPolicy.reportProgress);
        const result = await reportProgress({
          db: db(),
          taskId: request.params.id,
          input: request.body,
          reporter: { unitId: p.unitId, unitPath: p.unitPath },
          actor: actorOf(p),
          requestId: request.id,
          authorizeTask: (resource) => authorize(p, tasksPolicy.reportProgress, resource),
        });
        return reply
          .status(201)
          .send({ progress: presentProgress(result.progress), taskDone: result.taskDone });
      },
    );

    app.post(
      '/api/tasks/:id/comments',
      {
        schema: {
          tags: ['tasks'],
          description: '督办意见',
          params: PlanParams,
          body: CommentInput,
          response: { 201: CommentView },
        },
      },
      async (request, reply) => {
        const p = requirePrincipal(request);
        authorize(p, tasksPolicy.comment);
        const row = await addComment({
          db: db(),
          taskId: request.params.id,
          input: request.body,
          actor: actorOf(p),
          requestId: request.id,
          authorizeTask: (resource) => authorize(p, tasksPolicy.comment, resource),
        });
        return reply.status(201).send(presentComment(row));
      },
    );
  };
