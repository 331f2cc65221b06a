import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../http/context.ts';
import { serviceAndTeamRoutes } from './team-routes.ts';
import { volunteerRegisterRoutes } from './volunteer-routes.ts';

/** 志愿者: registration, teams, service hours confirmed by the community, registration rate. */
export const volunteerRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    await app.register(volunteerRegisterRoutes(ctx));
    await app.register(serviceAndTeamRoutes(ctx));
  };
