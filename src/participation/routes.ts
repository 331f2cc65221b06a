import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../http/context.ts';
import { consultationRoutes } from './consultation/routes.ts';
import { projectRoutes } from './opinion-projects/routes.ts';
import { partyMemberRoutes } from './party-members/routes.ts';
import { volunteerRoutes } from './volunteers/routes.ts';

/** Participation (PRODUCT.md §4.7): 在职党员双报到, 志愿者, 议事协商, 民意立项 — all under /api/participation. */
export const participationRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    await app.register(partyMemberRoutes(ctx));
    await app.register(volunteerRoutes(ctx));
    await app.register(consultationRoutes(ctx));
    await app.register(projectRoutes(ctx));
  };
