import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authorize } from '../../core/auth/authorize.ts';
import { notFound } from '../../core/errors.ts';
import { sendXlsx } from '../../core/export/xlsx.ts';
import { requirePrincipal } from '../../http/auth-hook.ts';
import type { AppContext } from '../../http/context.ts';
import { IdParams, narrowTo } from '../http.ts';
import { xlsxFormat } from '../model.ts';
import { participationPolicy } from '../policy.ts';
import { cancelMeeting } from './cancel-meeting.ts';
import { followUpResolution } from './follow-up-resolution.ts';
import { CancelMeetingInput, FollowUpInput, RecordMeetingInput, ScheduleMeetingInput } from './model.ts';
import {
  MeetingView,
  presentMeeting,
  presentResolution,
  presentTopic,
  ResolutionView,
  TopicView,
} from './present.ts';
import { recordMeeting } from './record-meeting.ts';
import { scheduleMeeting } from './schedule-meeting.ts';
import {
  getMeeting,
  getResolution,
  getTopics,
  listFollowUps,
  listMeetings,
  listResolutions,
  listResolutionsOfMeeting,
} from './store.ts';
import { resolutionsXlsx } from './xlsx.ts';

const tags = ['participation'];
const MeetingDetail = MeetingView.extend({
  topics: z.array(TopicView),
  resolutions: z.array(ResolutionView),
});

/** Meetings (召集、记录、取消) and the resolutions they produce (跟踪落实). */
export const meetingRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    const db = () => ctx.database.db;
    const detail = async (id: string) => {
      const m = await getMeeting(db(), id);
      if (!m) throw notFound('会议', id);
      const resolutions = await listResolutionsOfMeeting(db(), m.id);
      const followUps = await listFollowUps(
        db(),
        resolutions.map((r) => r.id),
      );
      return {
        ...presentMeeting(m),
        topics: (await getTopics(db(), m.topicIds)).map(presentTopic),
        resolutions: resolutions.map((r) => presentResolution(r, followUps)),
      };
    };

    app.get(
      '/api/participation/meetings',
      {
        schema: {
          tags,
          querystring: z.object({
            communityCode: z.string().optional(),
            status: z.enum(['scheduled', 'held', 'cancelled']).optional(),
          }),
          response: { 200: z.object({ items: z.array(MeetingView) }) },
        },
      },
      async (request) => {
        const p = requirePrincipal(request);
        const within = await narrowTo(db(), p, request.query.communityCode);
        const rows = await listMeetings(db(), {
          districtCode: p.districtCode,
          withinPath: within,
          status: request.query.status,
        });
        return { items: rows.map(presentMeeting) };
      },
    );

    app.post(
      '/api/participation/meetings',
      {
        schema: {
          tags,
          description: '召集议事协商会议（列入待上会的议题）',
          body: ScheduleMeetingInput,
          response: { 201: MeetingDetail },
        },
      },
      async (request, reply) => {
        const p = requirePrincipal(request);
        const m = await scheduleMeeting({
          db: db(),
          principal: p,
          input: request.body,
          requestId: request.id,
        });
        return reply.status(201).send(await detail(m.id));
      },
    );

    app.get(
      '/api/participation/meetings/:id',
      { schema: { tags, params: IdParams, response: { 200: MeetingDetail } } },
      async (request) => {
        const p = requirePrincipal(request);
        const m = await getMeeting(db(), request.params.id);
        if (!m || m.districtCode !== p.districtCode) throw notFound('会议', request.params.id);
        authorize(p, participationPolicy.read, { districtCode: m.districtCode, paths: [m.communityPath] });
        return detail(m.id);
      },
    );

    app.post(
      '/api/participation/meetings/:id/record',
      {
        schema: {
          tags,
          description: '记录会议：签到、纪要、每个议题的决议（立项决议即形成民意立项）',
          params: IdParams,
          body: RecordMeetingInput,
          response: { 200: MeetingDetail },
        },
      },
      async (request) => {
        const p = requirePrincipal(request);
        await recordMeeting({
          ctx,
          db: db(),
          principal: p,
          meetingId: request.params.id,
          input: request.body,
          requestId: request.id,
        });
        return detail(request.params.id);
      },
    );

    app.post(
      '/api/participation/meetings/:id/cancel',
      { schema: { tags, params: IdParams, body: CancelMeetingInput, response: { 200: MeetingDetail } } },
      async (request) => {
        const p = requirePrincipal(request);
        await cancelMeeting({
          db: db(),
          principal: p,
          meetingId: request.params.id,
          input: request.body,
          requestId: request.id,
        });
        return detail(request.params.id);
      },
    );

    app.get(
      '/api/participation/resolutions',
      {
        schema: {
          tags,
          description: '议定事项跟踪落实台账；format=xlsx 导出',
          querystring: z.object({
            communityCode: z.string().optional(),
            status: z.string().optional().describe('逗号分隔：open,in_progress,done'),
            format: xlsxFormat,
          }),
        },
      },
      async (request, reply) => {
        const p = requirePrincipal(request);
        const within = await narrowTo(db(), p, request.query.communityCode);
        const rows = await listResolutions(db(), {
          districtCode: p.districtCode,
          withinPath: within,
          status: request.query.status?.split(',').filter(Boolean),
        });
        const followUps = await listFollowUps(
          db(),
          rows.map((r) => r.id),
        );
        const meetings = new Map<string, Awaited<ReturnType<typeof getMeeting>>>();
        for (const id of new Set(rows.map((r) => r.meetingId))) meetings.set(id, await getMeeting(db(), id));
        const items = rows.map((r) => ({
          ...presentResolution(r, followUps),
          communityName: meetings.get(r.meetingId)?.communityName ?? '',
          meetingTitle: meetings.get(r.meetingId)?.title ?? '',
        }));
        if (request.query.format === 'xlsx')
          return sendXlsx(reply, '议定事项跟踪落实台账.xlsx', await resolutionsXlsx(items));
        return { items };
      },
    );

    app.post(
      '/api/participation/resolutions/:id/follow-ups',
      {
        schema: {
          tags,
          description: '跟踪落实决议（done=true 办结）',
          params: IdParams,
          body: FollowUpInput,
          response: { 200: ResolutionView },
        },
      },
      async (request) => {
        const p = requirePrincipal(request);
        const r = await followUpResolution({
          db: db(),
          principal: p,
          resolutionId: request.params.id,
          input: request.body,
          requestId: request.id,
        });
        const fresh = (await getResolution(db(), r.id)) ?? r;
        return presentResolution(fresh, await listFollowUps(db(), [r.id]));
      },
    );
  };
