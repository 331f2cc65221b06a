import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requirePrincipal } from '../../http/auth-hook.ts';
import type { AppContext } from '../../http/context.ts';
import { IdParams, narrowTo } from '../http.ts';
import { ReviewServiceInput } from '../model.ts';
import { ServiceView } from '../party-members/present.ts';
import { addMembersToTeam } from './add-team-members.ts';
import { createTeam } from './create-team.ts';
import { AddTeamMembersInput, CreateTeamInput } from './model.ts';
import { presentTeam, presentVolunteer, presentVolunteerService, TeamView } from './present.ts';
import { reviewVolunteerService } from './review-volunteer-service.ts';
import { getTeam, getVolunteers, listTeamMemberIds, listTeams, listVolunteerServices } from './store.ts';

const tags = ['participation'];

/** Hours awaiting the community's confirmation, and the community's volunteer teams. */
export const serviceAndTeamRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    const db = () => ctx.database.db;

    app.get(
      '/api/participation/volunteer-services',
      {
        schema: {
          tags,
          description: '志愿服务记录（status=pending：待社区确认）',
          querystring: z.object({
            status: z.enum(['pending', 'confirmed', 'rejected']).optional(),
            communityCode: z.string().optional(),
          }),
        },
      },
      async (request) => {
        const p = requirePrincipal(request);
        const within = await narrowTo(db(), p, request.query.communityCode);
        const rows = await listVolunteerServices(db(), {
          districtCode: p.districtCode,
          withinPath: within,
          status: request.query.status,
          limit: 500,
        });
        const people = new Map(
          (await getVolunteers(db(), [...new Set(rows.map((r) => r.volunteerId))])).map((v) => [v.id, v]),
        );
        return {
          items: rows.map((r) => {
            const v = people.get(r.volunteerId);
            return { ...presentVolunteerService(r), person: v ? presentVolunteer(v) : null };
          }),
        };
      },
    );

    app.post(
      '/api/participation/volunteer-services/:id/review',
      {
        schema: {
          tags,
          description: '社区确认或退回志愿服务时长',
          params: IdParams,
          body: ReviewServiceInput,
          response: { 200: ServiceView },
        },
      },
      async (request) => {
        const p = requirePrincipal(request);
        const s = await reviewVolunteerService({
          db: db(),
          principal: p,
          serviceId: request.params.id,
          input: request.body,
          requestId: request.id,
        });
        return presentVolunteerService(s);
      },
    );

    app.get(
      '/api/participation/volunteer-teams',
      {
        schema: {
          tags,
          querystring: z.object({ communityCode: z.string().optional() }),
          response: { 200: z.object({ items: z.array(TeamView) }) },
        },
      },
      async (request) => {
        const p = requirePrincipal(request);
        const within = await narrowTo(db(), p, request.query.communityCode);
        const teams = await listTeams(db(), { districtCode: p.districtCode, withinPath: within });
        return { items: teams.map((t) => presentTeam(t, t.memberCount)) };
      },
    );

    app.post(
      '/api/participation/volunteer-teams',
      { schema: { tags, description: '组建志愿服务队', body: CreateTeamInput, response: { 201: TeamView } } },
      async (request, reply) => {
        const p = requirePrincipal(request);
        const t = await createTeam({ db: db(), principal: p, input: request.body, requestId: request.id });
        return reply.status(201).send(presentTeam(t, (await listTeamMemberIds(db(), t.id)).length));
      },
    );

    app.post(
      '/api/participation/volunteer-teams/:id/members',
      { schema: { tags, description: '服务队增加队员', params: IdParams, body: AddTeamMembersInput } },
      async (request) => {
        const p = requirePrincipal(request);
        const result = await addMembersToTeam({
          db: db(),
          principal: p,
          teamId: request.params.id,
          input: request.body,
          requestId: request.id,
        });
        const team = await getTeam(db(), request.params.id);
        return { ...result, memberCount: team ? (await listTeamMemberIds(db(), team.id)).length : 0 };
      },
    );
  };
