import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../http/context.ts';
import { assignmentRoutes } from './assignment-routes.ts';
import { eventRoutes } from './event-routes.ts';
import { indicatorRoutes } from './indicator-routes.ts';
import { patrolRoutes } from './patrol-routes.ts';
import { registerRoutes } from './register-routes.ts';

/** Grid work (网格化管理): posts and staffing, patrol log, grid events, problems register. */
export const gridWorkRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    await app.register(assignmentRoutes(ctx));
    await app.register(patrolRoutes(ctx));
    await app.register(eventRoutes(ctx));
    await app.register(indicatorRoutes(ctx));
    await app.register(registerRoutes(ctx));
  };
