import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requirePrincipal } from '../../http/auth-hook.ts';
import type { AppContext } from '../../http/context.ts';
import { IdParams, narrowTo } from '../http.ts';
import { type ReviewQueue, serviceReviewRoutes } from '../service-review-routes.ts';
import { addMembersToTeam } from './add-team-members.ts';
import { createTeam } from './create-team.ts';
import { AddTeamMembersInput, CreateTeamInput } from './model.ts';
import { presentTeam, presentVolunteer, presentVolunteerService, TeamView } from './present.ts';
import { volunteerServiceRecords } from './review-volunteer-service.ts';
import { getTeam, getVolunteers, listTeamMemberIds, listTeams, listVolunteerServices } from './store.ts';
import type { VolunteerRow, VolunteerServiceRow } from './tables.ts';

const tags = ['participation'];

/** Volunteers' hours awaiting (or past) the community's confirmation. */
const volunteerServiceQueue: ReviewQueue<VolunteerServiceRow, VolunteerRow> = {
  ...volunteerServiceRecords,
  path: '/api/participation/volunteer-services',
  listDescription: '志愿服务记录（status=pending：待社区确认）',
  reviewDescription: '社区确认或退回志愿服务时长',
  list: listVolunteerServices,
  personIdOf: (s) => s.volunteerId,
  people: getVolunteers,
  presentService: presentVolunteerService,
  presentPerson: (v) => presentVolunteer(v),
};

/** Hours awaiting the community's confirmation, and the community's volunteer teams. */
export const serviceAndTeamRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    const db = () => ctx.database.db;

    await app.register(serviceReviewRoutes(ctx, volunteerServiceQueue));

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
