import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authorize } from '../../core/auth/authorize.ts';
import { AppError, notFound } from '../../core/errors.ts';
import { sendXlsx } from '../../core/export/xlsx.ts';
import { requirePrincipal } from '../../http/auth-hook.ts';
import type { AppContext } from '../../http/context.ts';
import { IdParams, narrowTo } from '../http.ts';
import { RevealInput, xlsxFormat } from '../model.ts';
import { beijingMonth } from '../periods.ts';
import { participationPolicy } from '../policy.ts';
import { revealPersonalData } from '../reveal-personal-data.ts';
import { buildCadenceReport } from './cadence-report.ts';
import { meetingRoutes } from './meeting-routes.ts';
import { ProposeTopicInput, SettingsInput, SupportTopicInput, WithdrawTopicInput } from './model.ts';
import { presentSupport, presentTopic, TopicView } from './present.ts';
import { proposeTopic } from './propose-topic.ts';
import { getSettings, getTopic, listSupports, listTopics } from './store.ts';
import { supportTopic } from './support-topic.ts';
import { updateSettings } from './update-settings.ts';
import { withdrawTopic } from './withdraw-topic.ts';
import { cadenceXlsx } from './xlsx.ts';

const tags = ['participation'];
const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份格式应为 YYYY-MM');

/** 议事协商: proposals and supports, meetings, resolutions, the cadence report, the district's settings. */
export const consultationRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    const db = () => ctx.database.db;
    await app.register(meetingRoutes(ctx));

    app.get(
      '/api/participation/topics',
      {
        schema: {
          tags,
          description: '居民提议与议题（提议人脱敏）',
          querystring: z.object({
            communityCode: z.string().optional(),
            status: z
              .string()
              .optional()
              .describe('逗号分隔：collecting,topic,scheduled,resolved,not_adopted,withdrawn'),
          }),
          response: { 200: z.object({ items: z.array(TopicView) }) },
        },
      },
      async (request) => {
        const p = requirePrincipal(request);
        const within = await narrowTo(db(), p, request.query.communityCode);
        const rows = await listTopics(db(), {
          districtCode: p.districtCode,
          withinPath: within,
          status: request.query.status?.split(',').filter(Boolean),
        });
        return { items: rows.map(presentTopic) };
      },
    );

    app.post(
      '/api/participation/topics',
      {
        schema: {
          tags,
          description: '登记居民提议（提议人即第一位附议人）',
          body: ProposeTopicInput,
          response: { 201: TopicView },
        },
      },
      async (request, reply) => {
        const p = requirePrincipal(request);
        const t = await proposeTopic({ db: db(), principal: p, input: request.body, requestId: request.id });
        return reply.status(201).send(presentTopic(t));
      },
    );

    app.get('/api/participation/topics/:id', { schema: { tags, params: IdParams } }, async (request) => {
      const p = requirePrincipal(request);
      const t = await getTopic(db(), request.params.id);
      if (!t || t.districtCode !== p.districtCode) throw notFound('议题', request.params.id);
      authorize(p, participationPolicy.read, { districtCode: t.districtCode, paths: [t.communityPath] });
      return { ...presentTopic(t), supports: (await listSupports(db(), t.id)).map(presentSupport) };
    });

    app.post(
      '/api/participation/topics/:id/supports',
      {
        schema: {
          tags,
          description: '居民附议；达到附议人数即成为议题',
          params: IdParams,
          body: SupportTopicInput,
          response: { 200: TopicView },
        },
      },
      async (request) => {
        const p = requirePrincipal(request);
        const t = await supportTopic({
          db: db(),
          principal: p,
          topicId: request.params.id,
          input: request.body,
          requestId: request.id,
        });
        return presentTopic(t);
      },
    );

    app.post(
      '/api/participation/topics/:id/withdraw',
      { schema: { tags, params: IdParams, body: WithdrawTopicInput, response: { 200: TopicView } } },
      async (request) => {
        const p = requirePrincipal(request);
        const t = await withdrawTopic({
          db: db(),
          principal: p,
          topicId: request.params.id,
          input: request.body,
          requestId: request.id,
        });
        return presentTopic(t);
      },
    );

    app.post(
      '/api/participation/topics/:id/reveal',
      {
        schema: { tags, description: '查看提议人完整信息（记入审计）', params: IdParams, body: RevealInput },
      },
      async (request) =>
        revealPersonalData({
          db: db(),
          principal: requirePrincipal(request),
          kind: 'topic_proposer',
          id: request.params.id,
          input: request.body,
          requestId: request.id,
        }),
    );

    app.get(
      '/api/participation/consultation/cadence',
      {
        schema: {
          tags,
          description:
            '社区议事协商会议开展情况：按政策配置的频次逐期核对，列出未达要求的社区；format=xlsx 导出',
          querystring: z.object({
            communityCode: z.string().optional().describe('街道或社区代码'),
            from: month.optional().describe('起始月（默认本年 1 月）'),
            to: month.optional().describe('截止月（默认本月）'),
            format: xlsxFormat,
          }),
        },
      },
      async (request, reply) => {
        const p = requirePrincipal(request);
        const within = await narrowTo(db(), p, request.query.communityCode, participationPolicy.reports);
        const toMonth = request.query.to ?? beijingMonth(new Date());
        const fromMonth = request.query.from ?? `${toMonth.slice(0, 4)}-01`;
        if (fromMonth > toMonth)
          throw new AppError('VALIDATION_FAILED', '起始月不能晚于截止月 (from after to)');
        if (Number(toMonth.slice(0, 4)) - Number(fromMonth.slice(0, 4)) > 5) {
          throw new AppError('VALIDATION_FAILED', '一次最多统计 5 年 (range too long)');
        }
        const report = await buildCadenceReport(db(), {
          districtCode: p.districtCode,
          withinPath: within,
          fromMonth,
          toMonth,
        });
        if (request.query.format === 'xlsx') {
          return sendXlsx(
            reply,
            `社区议事协商开展情况${fromMonth}至${toMonth}.xlsx`,
            await cadenceXlsx(report),
          );
        }
        return report;
      },
    );

    app.get('/api/participation/settings', { schema: { tags } }, async (request) => {
      const p = requirePrincipal(request);
      authorize(p, participationPolicy.readSettings);
      const s = await getSettings(db(), p.districtCode);
      return { topicSupportThreshold: s.topicSupportThreshold, updatedBy: s.updatedByLabel };
    });

    app.put(
      '/api/participation/settings',
      {
        schema: {
          tags,
          description: '设置提议成为议题所需附议人数（区级管理员，记入审计）',
          body: SettingsInput,
        },
      },
      async (request) => {
        const p = requirePrincipal(request);
        const s = await updateSettings({
          db: db(),
          principal: p,
          input: request.body,
          requestId: request.id,
        });
        return { topicSupportThreshold: s.topicSupportThreshold, updatedBy: s.updatedByLabel };
      },
    );
  };
